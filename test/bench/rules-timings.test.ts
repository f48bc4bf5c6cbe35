import { describe, expect, it } from 'vitest';
import { measureRulesTimings, RULE_COST_CLAIMS, roundDownTo1000 } from '../../bench/rules-timings.ts';
import { RULES } from '../../shared/rules/catalog.ts';

describe('the rules bench\'s timing process', () => {
  it('times every figure the bench prints, on the claims it generates', async () => {
    const timings = await measureRulesTimings({ claims: 400, seed: 5, passes: 1, engineTimingBudgetSeconds: 0.01 });
    for (const timing of [timings.full, timings.fullEarlier, timings.validation, timings.zodValidation, timings.zodFull, timings.allRules, timings.fiveRules]) {
      expect(timing.median).toBeGreaterThan(0);
      expect(timing.min).toBeLessThanOrEqual(timing.max);
    }
    expect(timings.costs.map((cost) => cost.id).sort()).toEqual(RULES.map((rule) => rule.id).sort());
    expect(timings.costs.every((cost, i) => i === 0 || cost.microseconds <= (timings.costs[i - 1]?.microseconds ?? 0))).toBe(true);
    // The engine times at least the 1,000 claims the budget rounds to, never more than there are.
    expect(timings.engine.claims).toBe(400);
    expect(timings.engine.lines).toBeGreaterThanOrEqual(400);
    expect(timings.checksum).toBeGreaterThan(0);
    expect(RULE_COST_CLAIMS).toBeGreaterThan(400);
  });

  it('rounds the claims a budget allows down to a readable thousand, at least 1,000, at most all', () => {
    expect(roundDownTo1000(12_345, 100_000)).toBe(12_000);
    expect(roundDownTo1000(420, 100_000)).toBe(1_000);
    expect(roundDownTo1000(250_000, 100_000)).toBe(100_000);
  });
});
