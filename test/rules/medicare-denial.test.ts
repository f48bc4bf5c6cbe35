import { describe, expect, it } from 'vitest';
import { readIntakeRecord } from '../../shared/application/intake-record.ts';
import { denialAlert } from '../../shared/application/routing.ts';
import type { ScrubResult } from '../../shared/claim/result.ts';
import { MEDICARE_DENIAL_RULE_IDS, RULES } from '../../shared/rules/catalog.ts';
import type { Rule } from '../../shared/rules/rule.ts';
import { scrubClaim } from '../../shared/scrub/scrub.ts';
import { claim, claimInput, line } from '../support/claims.ts';
import { TEST_CLAIM_REFERENCE_KEY } from '../support/claim-reference-key.ts';
import { scrubData } from '../support/scrub-data.ts';

const data = scrubData();

/** The rule ids the denial alert names for a result, as the scrub function sends it. */
function alertedRuleIds(result: ScrubResult): string[] {
  const alert = denialAlert(readIntakeRecord({ messageId: 'm-1', body: JSON.stringify(claimInput()), receiveCount: 1, attributes: {} }, TEST_CLAIM_REFERENCE_KEY), result);
  return (JSON.parse(alert.body) as { ruleIds: string[] }).ruleIds;
}

/** A stand-in for the rule that reports on every claim, so each rule's finding reaches both the engine and the alert. */
function alwaysReporting(rule: Rule): Rule {
  const [messageId = ''] = Object.keys(rule.messages);
  return { ...rule, check: () => [{ messageId, lineNumber: 1 }] };
}

describe('Medicare denial is rule metadata', () => {
  it('marks exactly SS-MEDICARE, MEDICARE-NONCOVERED and the Medicare home infusion therapy rules', () => {
    expect([...MEDICARE_DENIAL_RULE_IDS].sort()).toEqual(['MCR-HIT-HOME', 'MCR-HIT-ONE-PER-DAY', 'MEDICARE-NONCOVERED', 'SS-MEDICARE']);
  });

  it('a warning of a denial rule asks to confirm, and raises neither the risk nor the alert; its error does', () => {
    const medicare = { id: 'MCR', type: 'medicare' as const };
    // G0068 at an assisted-living facility (POS 13 is a home) is fine; at POS 99 (other) the biller must confirm it is a residence.
    const unsure = scrubClaim(claim({ payer: medicare, placeOfService: '99', lines: [line(1, 'G0068', { units: 4 })] }), data);
    expect(unsure.findings.filter((f) => f.ruleId === 'MCR-HIT-HOME').map((f) => f.severity)).toEqual(['warning']);
    expect(unsure.medicareDenialRisk).toBe(false);
    expect(alertedRuleIds(unsure)).toEqual([]);
    const suite = scrubClaim(claim({ payer: medicare, placeOfService: '49', lines: [line(1, 'G0068', { units: 4 })] }), data);
    expect(suite.findings.filter((f) => f.ruleId === 'MCR-HIT-HOME').map((f) => f.severity)).toEqual(['error']);
    expect(suite.medicareDenialRisk).toBe(true);
    expect(alertedRuleIds(suite)).toEqual(['MCR-HIT-HOME']);
  });

  it.each(RULES.map((rule) => [rule.id, rule] as const))('%s: the engine and the denial alert agree on whether it means denial', (_id, rule) => {
    const result = scrubClaim(claim(), data, [alwaysReporting(rule)]);
    expect(result.medicareDenialRisk).toBe(rule.medicareDenial === true);
    expect(alertedRuleIds(result)).toEqual(result.medicareDenialRisk ? [rule.id] : []);
  });

  it('on a real Medicare claim the alert names the denial rules and leaves the other findings out', () => {
    const medicare = { id: 'MCR', type: 'medicare' as const };
    const result = scrubClaim(claim({ payer: medicare, lines: [line(1, '99601', { modifiers: ['SS'], performedBy: 'RN' }), line(2, 'S9500', { modifiers: ['SS'] })] }), data);
    expect(result.medicareDenialRisk).toBe(true);
    expect(result.findings.map((f) => f.ruleId)).toContain('SD-MISSING');
    expect(alertedRuleIds(result)).toEqual(['SS-MEDICARE', 'MEDICARE-NONCOVERED']);
  });
});
