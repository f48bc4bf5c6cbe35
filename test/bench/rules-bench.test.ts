import type { RuleProperties } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { countByRule, diffFindingKeys, engineFindingKeys, FIVE_RULE_IDS, ourFiveFindingKeys } from '../../bench/compare-findings.ts';
import { DEFAULT_SEED, generateClaims, mulberry32 } from '../../bench/generate-claims.ts';
import { createFiveRuleEngine, engineFindings, FIVE_RULES_JSON } from '../../bench/json-rules-engine-five.ts';
import { validateAll } from '../../bench/rules-bench.ts';
import { validateClaim } from '../../shared/claim/validate.ts';
import { loadBundledCodeData } from '../../shared/files/code-data-files.ts';
import { loadBundledPayerPolicy } from '../../shared/files/payer-policy-files.ts';
import { claim, line } from '../support/claims.ts';

const data = { codes: loadBundledCodeData(), payers: loadBundledPayerPolicy() };
const SAMPLE = 2_000;
const sampleClaims = validateAll(generateClaims(SAMPLE));

describe('claim generator', () => {
  it('is deterministic: the same seed gives the same claims, another seed other claims', () => {
    expect(generateClaims(300, 7)).toEqual(generateClaims(300, 7));
    expect(generateClaims(300, 7)).not.toEqual(generateClaims(300, 8));
    const a = mulberry32(42);
    const b = mulberry32(42);
    expect(Array.from({ length: 5 }, a)).toEqual(Array.from({ length: 5 }, b));
  });

  it('yields contract-valid claims', () => {
    const inputs = generateClaims(SAMPLE, DEFAULT_SEED + 1);
    const invalid = inputs.map((input) => validateClaim(input)).filter((outcome) => !outcome.ok);
    expect(invalid).toEqual([]);
  });

  it('mixes payers, places of service and line counts like a real book of business', () => {
    const payerTypes = new Set(sampleClaims.map((c) => c.payer.type));
    expect([...payerTypes].sort()).toEqual(['commercial', 'medicaid', 'medicare', 'medicare_advantage', 'other']);
    const unknownPayers = sampleClaims.filter((c) => c.payer.type !== 'medicare' && !data.payers.payer(c.payer.id));
    expect(unknownPayers.length).toBeGreaterThan(0);
    expect(new Set(sampleClaims.map((c) => c.placeOfService))).toEqual(new Set(['12', '49', '11', undefined]));
    const lineCounts = sampleClaims.map((c) => c.lines.length);
    expect(Math.min(...lineCounts)).toBe(1);
    expect(Math.max(...lineCounts)).toBe(8);
    expect(sampleClaims.every((c) => c.lines.every((l) => l.serviceDate.startsWith('2020-')))).toBe(true);
  });
});

describe('json-rules-engine encoding of the five rules', () => {
  it('gives the same findings as our five rule modules on generated claims, for every rule', async () => {
    const ours = ourFiveFindingKeys(sampleClaims, data);
    const engine = await engineFindingKeys(createFiveRuleEngine(), sampleClaims, data.codes);
    expect(diffFindingKeys(ours, engine)).toEqual({ onlyOurs: [], onlyEngine: [] });
    const counts = countByRule(ours);
    for (const id of FIVE_RULE_IDS) expect(counts.get(id), id).toBeGreaterThan(0);
  });

  it('agrees on hand-made edge cases', async () => {
    const edgeCases = [
      // 99602 with its 99601 on another date only; SS on an unknown code (CODE-UNKNOWN's, not SS-BASE-CODE's).
      claim({
        payer: { id: 'MCR-JM', type: 'medicare' },
        lines: [
          line(1, '99601', { serviceDate: '2020-03-01', modifiers: ['SS', 'SS'], performedBy: 'RN' }),
          line(2, '99602', { serviceDate: '2020-03-02', modifiers: ['ss'], performedBy: 'RN' }),
          line(3, 'S9599', { modifiers: ['SS'] }),
          line(4, 'J0696', { modifiers: ['SS', 'SD', 'KX', 'GA', 'GY'], performedBy: 'LPN' }),
        ],
      }),
      claim({ lines: [line(1, 'S9500')] }),
    ];
    const ours = ourFiveFindingKeys(edgeCases, data);
    expect(ours.sort()).toEqual(
      [
        '0 SS-MEDICARE 1',
        '0 SS-MEDICARE 2',
        '0 SS-MEDICARE 3',
        '0 SS-MEDICARE 4',
        '0 SD-MISSING 1',
        '0 SD-MISSING 2',
        '0 ADDON-NO-PRIMARY 2',
        '0 SS-BASE-CODE 4',
        '0 MODIFIER-LIMIT 4',
      ].sort(),
    );
    expect((await engineFindingKeys(createFiveRuleEngine(), edgeCases, data.codes)).sort()).toEqual(ours);
  });

  it('keeps the rule logic in the JSON conditions: dropping a condition changes the findings', async () => {
    const withoutSdCheck: RuleProperties[] = FIVE_RULES_JSON.map((rule) =>
      rule.name === 'SD-MISSING' ? { ...rule, conditions: { all: [{ fact: 'modifiers', operator: 'contains', value: 'SS' }] } } : rule,
    );
    const ours = ourFiveFindingKeys(sampleClaims, data);
    const broken = await engineFindingKeys(createFiveRuleEngine(withoutSdCheck), sampleClaims, data.codes);
    const diff = diffFindingKeys(ours, broken);
    expect(diff.onlyOurs).toEqual([]);
    expect(diff.onlyEngine.length).toBeGreaterThan(0);
    expect(diff.onlyEngine.every((key) => key.includes(' SD-MISSING '))).toBe(true);
  });

  it('reports findings per line as (ruleId, lineNumber)', async () => {
    const c = claim({ payer: { id: 'MCR-J15', type: 'medicare' }, lines: [line(7, 'S9500', { modifiers: ['SS'] })] });
    expect(await engineFindings(createFiveRuleEngine(), c, data.codes)).toEqual([{ ruleId: 'SS-MEDICARE', lineNumber: 7 }]);
  });
});
