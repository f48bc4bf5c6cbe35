import { describe, expect, it } from 'vitest';
import { groupDigits } from '../../shared/claim/group-digits.ts';

describe('groupDigits', () => {
  it('writes whole numbers as en-US toLocaleString does', () => {
    const values = [0, 7, 12, 999, 1_000, 1_440, 99_999, 100_000, 999_999, 1_000_000, 9_999_999, 200_000, -1, -1_234, -999_999, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER];
    for (let value = 1; value < 1e15; value = value * 7 + 3) values.push(value);
    for (const value of values) expect(groupDigits(value), String(value)).toBe(value.toLocaleString('en-US'));
  });

  it('leaves fractions and numbers beyond safe integers to toLocaleString', () => {
    for (const value of [1.5, 1234.5678, 2 ** 60, Number.NaN, Number.POSITIVE_INFINITY]) expect(groupDigits(value)).toBe(value.toLocaleString('en-US'));
  });
});
