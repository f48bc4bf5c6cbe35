import { describe, expect, it } from 'vitest';
import { scrubClaim, scrubInput, sortFindings } from '../shared/scrub/scrub.ts';
import type { Finding } from '../shared/claim/result.ts';
import { RULES, RULESET_VERSION } from '../shared/rules/catalog.ts';
import { CLAIM_INVALID } from '../shared/rules/claim-invalid.ts';
import { defineRule } from '../shared/rules/rule.ts';
import { claim, claimInput, line } from './support/claims.ts';
import { bundledCodesWith, scrubData } from './support/scrub-data.ts';

const data = scrubData();

describe('scrub result contract v1', () => {
  it('a fully documented suite claim to a payer that accepts SS is clean', () => {
    const result = scrubInput(claimInput({ lines: [line(1, 'S9500', { modifiers: ['SS'] }), line(2, '99601', { modifiers: ['SS', 'SD'], performedBy: 'RN', infusionMinutes: 90 })] }), data);
    expect(result).toEqual({ claimId: 'TEST-1', status: 'clean', medicareDenialRisk: false, findings: [], codeRelease: 'HCPCS-2020', rulesetVersion: RULESET_VERSION });
  });

  it('a correctly coded suite claim with no documentation, to a payer that accepts SS, is clean: the audit note is info', () => {
    const result = scrubClaim(claim({ documentation: undefined }), data);
    expect(result.findings.map((f) => [f.ruleId, f.severity])).toEqual([['DOC-RECORD-AUDIT', 'info']]);
    expect(result.status).toBe('clean');
  });

  it('a suite claim whose record went to the payer as a faxed attachment is clean with no note', () => {
    const result = scrubClaim(claim({ documentation: { attachments: [{ reportType: '03', transmission: 'FX', controlNumber: 'PWK-1' }] } }), data);
    expect(result).toMatchObject({ status: 'clean', findings: [] });
  });

  it('CPT codes and modifiers the data cannot check, with no CPT file loaded, leave the claim clean', () => {
    const result = scrubClaim(claim({ lines: [line(1, '99213', { modifiers: ['25'] }), line(2, '96153'), line(3, '90853', { modifiers: ['59'] })] }), data);
    expect(result.findings.map((f) => [f.ruleId, f.severity, f.lineNumber])).toEqual([
      ['CPT-NOT-VALIDATED', 'info', 1],
      ['CPT-NOT-VALIDATED', 'info', 1],
      ['CPT-NOT-VALIDATED', 'info', 2],
      ['CPT-NOT-VALIDATED', 'info', 3],
      ['CPT-NOT-VALIDATED', 'info', 3],
    ]);
    expect(result.status).toBe('clean');
  });

  it('a code the 2020 release lacks on a 2026 line names the release and the date, and says the release predates the claim', () => {
    const codes = bundledCodesWith({ coverage: { from: '2020-01-01', through: '2020-12-31' } });
    const result = scrubClaim(claim({ lines: [line(1, 'G0088', { serviceDate: '2026-03-02' })] }), { ...data, codes });
    expect(result.findings.map((f) => [f.ruleId, f.severity, f.message])).toEqual([
      ['CODE-UNKNOWN', 'error', 'Line 1: procedure code G0088 is not in HCPCS-2020, which covers service dates through 2020-12-31; this line is dated 2026-03-02 — load a current release.'],
      ['CODE-RELEASE-PREDATES-CLAIM', 'info', expect.stringContaining('through 2020-12-31')],
    ]);
  });

  it('service dates in the future are errors, judged against the injected clock', () => {
    const future = claim({ lines: [line(1, 'S9500', { modifiers: ['SS'], serviceDate: '2099-06-01' }), line(2, 'S9500', { serviceDate: '9999-12-31' })] });
    const result = scrubClaim(future, { ...data, clock: () => new Date('2026-03-16T15:00:00Z') });
    expect(result.status).toBe('flagged');
    expect(result.findings.filter((f) => f.ruleId === 'SERVICE-DATE-FUTURE').map((f) => [f.severity, f.lineNumber])).toEqual([
      ['error', 1],
      ['error', 2],
    ]);
    const inThe2100s = scrubClaim(future, { ...data, clock: () => new Date('2100-01-01T00:00:00Z') });
    expect(inThe2100s.findings.filter((f) => f.ruleId === 'SERVICE-DATE-FUTURE').map((f) => f.lineNumber)).toEqual([2]);
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
    // The CLI prints this explanation too, where nothing is queued: it must not speak of a review queue.
    expect(finding?.explanation).not.toMatch(/review|queue/i);
  });

  it('input that is not an object is rejected with a null claimId', () => {
    for (const input of [null, 42, 'claim', []]) {
      const result = scrubInput(input, data);
      expect(result.status).toBe('rejected');
      expect(result.claimId).toBeNull();
    }
  });

  it('a malformed claimId is not echoed back', () => {
    const result = scrubInput({ ...claimInput(), claimId: ' starts with a space\n' }, data);
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

  it('calls a check as a method of its rule, so a check may read its rule through `this`', () => {
    const selfNaming = defineRule({
      id: 'TEST-SELF-NAMING',
      severity: 'warning',
      description: 'A test rule whose message names the rule.',
      explanation: 'In simple words: a test.',
      remediation: 'None.',
      source: 'This test.',
      messages: { named: 'Checked by {{id}}.' },
      check() {
        return [{ messageId: 'named', data: { id: this.id } }];
      },
    });
    const findings = scrubClaim(claim(), data, [selfNaming]).findings;
    expect(findings.map((f) => f.message)).toEqual(['Checked by TEST-SELF-NAMING.']);
  });

  it('gives a finding its message\'s own severity when the rule grades its messages, else the rule\'s', () => {
    const graded = { ...suiteLines, messageSeverity: { claimLevel: 'error' as const } };
    const result = scrubClaim(claim({ payer: { id: 'BVPPO', type: 'commercial' }, lines: [line(1, 'S9500', { modifiers: ['SS'] })] }), data, [graded]);
    expect(result.findings.map((f) => [f.severity, f.lineNumber ?? null])).toEqual([
      ['error', null],
      ['warning', 1],
    ]);
    expect(result.status).toBe('flagged');
  });

  it('refuses a report of a message id its rule does not declare', () => {
    const undeclared = { ...suiteLines, check: () => [{ messageId: 'noSuchMessage' }] };
    expect(() => scrubClaim(claim(), data, [undeclared])).toThrow(/TEST-SUITE-LINES reported message id "noSuchMessage"/);
  });
});

describe('the order of findings', () => {
  it('rule ids are capitals, digits and hyphens, so their code-unit order (what the sort compares) is localeCompare\'s', () => {
    const ids = [...RULES.map((rule) => rule.id), CLAIM_INVALID.id];
    for (const id of ids) expect(id).toMatch(/^[A-Z0-9-]+$/);
    const byCodeUnit = [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(byCodeUnit).toEqual([...ids].sort((a, b) => a.localeCompare(b)));
    expect(byCodeUnit).toEqual([...ids].sort((a, b) => a.localeCompare(b, 'en-US')));
  });
});

describe('the system clock', () => {
  it('is read per claim, and no rule changes the moment it hands them (claims in one millisecond share it)', () => {
    const seen: Date[] = [];
    const watcher = defineRule({
      id: 'TEST-NOW-WATCHER',
      severity: 'info',
      description: 'records the moment',
      explanation: 'In simple words: test only.',
      remediation: 'none',
      source: 'test',
      messages: { never: 'never' },
      check({ now }) {
        seen.push(now);
        return [];
      },
    });
    const { clock: _fixed, ...systemData } = data;
    const before = Date.now();
    for (let i = 0; i < 200; i++) scrubClaim(claim(), systemData, [...RULES, watcher]);
    const after = Date.now();
    for (const now of seen) {
      expect(now.getTime()).toBeGreaterThanOrEqual(before);
      expect(now.getTime()).toBeLessThanOrEqual(after);
    }
    // Each moment is still the one it was read as: the rules before the watcher left it alone.
    for (let i = 1; i < seen.length; i++) expect((seen[i] as Date).getTime()).toBeGreaterThanOrEqual((seen[i - 1] as Date).getTime());
  });
});

describe('sortFindings', () => {
  it('orders as a stable sort by severity, then line (claim-level first), then rule id, at every length', () => {
    const rank = { error: 0, warning: 1, info: 2 } as const;
    const byOrder = (a: Finding, b: Finding) => rank[a.severity] - rank[b.severity] || (a.lineNumber ?? 0) - (b.lineNumber ?? 0) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
    let seed = 3;
    const pick = (n: number) => ((seed = (seed * 48271) % 2147483647), seed % n);
    for (let length = 0; length <= 40; length++) {
      for (let round = 0; round < 25; round++) {
        const findings: Finding[] = Array.from({ length }, (_, i) => {
          const lineNumber = pick(4);
          const base = { ruleId: ['SS-MEDICARE', 'SD-MISSING', 'CODE-UNKNOWN'][pick(3)] as string, severity: (['error', 'warning', 'info'] as const)[pick(3)] as Finding['severity'], message: `#${i}`, explanation: '', remediation: '' };
          return lineNumber === 0 ? base : { ...base, lineNumber };
        });
        const expected = [...findings].sort(byOrder);
        sortFindings(findings);
        // Messages number the findings as made: equal findings keep that order.
        expect(findings.map((f) => f.message)).toEqual(expected.map((f) => f.message));
      }
    }
  });
});
