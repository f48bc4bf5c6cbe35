import { describe, expect, it } from 'vitest';
import { formatPercent, lambdaCost, mean, percentile, ratio } from '../../bench/stats.ts';

describe('bench arithmetic', () => {
  it('takes the nearest-rank percentile, always one of the samples', () => {
    const values = Array.from({ length: 400 }, (_, i) => 400 - i); // 400 … 1, unsorted on purpose
    expect(percentile(values, 99)).toBe(396);
    expect(percentile(values, 50)).toBe(200);
    expect(percentile(values, 100)).toBe(400);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2, 3], 1)).toBe(1);
    expect(() => percentile([], 99)).toThrow();
    expect(() => percentile([1], 0)).toThrow();
    expect(values[0]).toBe(400); // the input is not sorted in place
  });

  it('means and ratios', () => {
    expect(mean([1, 2, 3, 6])).toBe(3);
    expect(() => mean([])).toThrow();
    expect(ratio(600, 750)).toBeCloseTo(0.8);
    expect(formatPercent(ratio(600, 750))).toBe('80 %');
    expect(() => ratio(1, 0)).toThrow();
  });

  it('prices Lambda as invocations × duration × memory in GB, plus requests', () => {
    // The table's old assumption: 1,000,000 claims in 25s at 0.25 s and 512 MB.
    const cost = lambdaCost({ claims: 1_000_000, claimsPerBatch: 25, msPerBatch: 250, memoryMb: 512, prices: { perGbSecond: 0.0000133334, perMillionRequests: 0.2 } });
    expect(cost.invocations).toBe(40_000);
    expect(cost.gbSeconds).toBeCloseTo(5_000);
    expect(cost.requestDollars).toBeCloseTo(0.008);
    expect(cost.durationDollars).toBeCloseTo(0.0667, 4);
    expect(cost.dollars).toBeCloseTo(0.0747, 4);
    // A partial last batch is an invocation too.
    expect(lambdaCost({ claims: 26, claimsPerBatch: 25, msPerBatch: 100, memoryMb: 1024 }).invocations).toBe(2);
  });
});
