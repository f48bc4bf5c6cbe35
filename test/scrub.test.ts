import { describe, expect, it } from 'vitest';
import { scrubClaim, scrubInput } from '../shared/scrub/scrub.ts';
import { RULESET_VERSION } from '../shared/rules/catalog.ts';
import { defineRule } from '../shared/rules/rule.ts';
import { claim, claimInput, line } from './support/claims.ts';
import { scrubData } from './support/scrub-data.ts';

const data = scrubData();

describe('scrub result contract v1', () => {
  it('a fully documented suite claim to a payer that accepts SS is clean', () => {
    const result = scrubInput(claimInput({ lines: [line(1, 'S9500', { modifiers: ['SS'] }), line(2, '99601', { modifiers: ['SS', 'SD'], performedBy: 'RN', infusionMinutes: 90 })] }), data);
    expect(result).toEqual({ claimId: 'TEST-1', status: 'clean', medicareDenialRisk: false, findings: [], codeRelease: 'HCPCS-2020', rulesetVersion: RULESET_VERSION });
  });

  it('info findings alone leave the claim clean', () => {
    const result = scrubClaim(claim({ payer: { id: 'NWHP', type: 'commercial' } }), data);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['PAYER-HOME-CARE-BENEFIT']);
    expect(result.status).toBe('clean');
  });

  it('a warning flags the claim without Medicare risk', () => {
    const result = scrubClaim(claim({ placeOfService: '12' }), data);
    expect(result.status).toBe('flagged');
    expect(result.medicareDenialRisk).toBe(false);
    expect(result.findings).toEqual([
      expect.objectContaining({ ruleId: 'SS-POS-HOME', severity: 'warning', lineNumber: 1 }),
    ]);
  });

  it('SS to Medicare raises denial risk, with findings ordered errors first then by line', () => {
    const result = scrubClaim(
      claim({ payer: { id: 'MCR', type: 'medicare' }, lines: [line(1, '99601', { modifiers: ['SS'], performedBy: 'RN' }), line(2, 'S9500', { modifiers: ['SS'] })] }),
      data,
    );
    expect(result.medicareDenialRisk).toBe(true);
    expect(result.status).toBe('flagged');
    expect(result.findings.map((f) => [f.ruleId, f.lineNumber])).toEqual([
      ['SS-MEDICARE', 1],
      ['MEDICARE-NONCOVERED', 2],
      ['SS-MEDICARE', 2],
      ['SD-MISSING', 1],
    ]);
  });

  it('MEDICARE-NONCOVERED alone raises denial risk', () => {
    const result = scrubClaim(claim({ payer: { id: 'MCR', type: 'medicare' }, lines: [line(1, 'S9500')] }), data);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['MEDICARE-NONCOVERED']);
    expect(result.medicareDenialRisk).toBe(true);
  });

  it('a contract violation rejects the claim with one CLAIM-INVALID finding listing every field error with its path', () => {
    const input = claimInput({ billingProvider: { npi: '1234567890' }, lines: [line(1, 'S95', { units: 0, serviceDate: '2020-02-30' }), line(1, '99601')] });
    const result = scrubInput(input, data);
    expect(result.status).toBe('rejected');
    expect(result.claimId).toBe('TEST-1');
    expect(result.medicareDenialRisk).toBe(false);
    expect(result.findings).toHaveLength(1);
    const [finding] = result.findings;
    expect(finding?.ruleId).toBe('CLAIM-INVALID');
    expect(finding?.severity).toBe('error');
    for (const path of ['billingProvider.npi', 'lines[0].procedureCode', 'lines[0].units', 'lines[0].serviceDate', 'lines[1].lineNumber']) {
      expect(finding?.message).toContain(`${path}:`);
    }
    expect(finding?.message).toMatch(/breaks the contract in 5 places/);
    expect(finding?.explanation).toMatch(/^In simple words: /);
  });

  it('input that is not an object is rejected with a null claimId', () => {
    for (const input of [null, 42, 'claim', []]) {
      const result = scrubInput(input, data);
      expect(result.status).toBe('rejected');
      expect(result.claimId).toBeNull();
    }
  });

  it('a malformed claimId is not echoed back', () => {
    const result = scrubInput({ ...claimInput(), claimId: 'bad id with spaces' }, data);
    expect(result.claimId).toBeNull();
    expect(result.findings[0]?.message).toContain('claimId:');
  });
});

describe('the engine renders each report from its rule', () => {
  const suiteLines = defineRule({
    id: 'TEST-SUITE-LINES',
    severity: 'warning',
    description: 'A test rule that reports every SS line, one with texts of its own.',
    explanation: 'In simple words: the rule\'s own explanation.',
    remediation: 'The rule\'s own remediation.',
    source: 'This test.',
    messages: { suiteLine: 'Line {{lineNumber}}: {{code}} carries SS.', claimLevel: 'The claim has {{count}} SS lines.' },
    check: ({ claim: c }) => [
      { messageId: 'claimLevel', data: { count: c.lines.length } },
      ...c.lines.map((l) => ({
        lineNumber: l.lineNumber,
        messageId: 'suiteLine' as const,
        data: { code: l.procedureCode },
        ...(l.lineNumber === 2 ? { explanation: 'In simple words: this line\'s own explanation.', remediation: 'This line\'s own remediation.' } : {}),
      })),
    ],
  });

  it('fills the message template from the report\'s data and line, and keeps a report\'s own explanation and remediation', () => {
    const result = scrubClaim(claim({ lines: [line(1, 'S9500', { modifiers: ['SS'] }), line(2, '99601', { modifiers: ['SS'] })] }), data, [suiteLines]);
    expect(result.findings).toEqual([
      { ruleId: 'TEST-SUITE-LINES', severity: 'warning', message: 'The claim has 2 SS lines.', explanation: suiteLines.explanation, remediation: suiteLines.remediation },
      { ruleId: 'TEST-SUITE-LINES', severity: 'warning', lineNumber: 1, message: 'Line 1: S9500 carries SS.', explanation: suiteLines.explanation, remediation: suiteLines.remediation },
      {
        ruleId: 'TEST-SUITE-LINES',
        severity: 'warning',
        lineNumber: 2,
        message: 'Line 2: 99601 carries SS.',
        explanation: 'In simple words: this line\'s own explanation.',
        remediation: 'This line\'s own remediation.',
      },
    ]);
  });

  it('refuses a report of a message id its rule does not declare', () => {
    const undeclared = { ...suiteLines, check: () => [{ messageId: 'noSuchMessage' }] };
    expect(() => scrubClaim(claim(), data, [undeclared])).toThrow(/TEST-SUITE-LINES reported message id "noSuchMessage"/);
  });
});
