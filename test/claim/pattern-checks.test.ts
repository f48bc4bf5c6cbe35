import { describe, expect, it } from 'vitest';
import { CLAIM_ID_PATTERN } from '../../shared/claim/claim-id.ts';
import {
  DIAGNOSIS_CODE_PATTERN,
  isoDateTime,
  MODIFIER_PATTERN,
  PLACE_OF_SERVICE_PATTERN,
  PROCEDURE_CODE_PATTERN,
  REPORT_TYPE_PATTERN,
  TRANSMISSION_PATTERN,
} from '../../shared/claim/contract.ts';
import { checkFor } from '../../shared/claim/pattern-checks.ts';

const DATETIME_PATTERN = (isoDateTime as unknown as { _zod: { def: { pattern: RegExp } } })._zod.def.pattern;

/** Each of the contract's patterns with strings that pass it, to be varied. */
const PATTERNS: { name: string; pattern: RegExp; valid: string[] }[] = [
  { name: 'claim id', pattern: CLAIM_ID_PATTERN, valid: ['C-1', 'A', 'claim 2026/03 #7', 'x'.repeat(64), '~!'] },
  { name: 'procedure code', pattern: PROCEDURE_CODE_PATTERN, valid: ['S9500', 's9500', '99601', 'J3490', 'a1B2c'] },
  { name: 'modifier', pattern: MODIFIER_PATTERN, valid: ['SS', 'sd', '59', '1P'] },
  { name: 'place of service', pattern: PLACE_OF_SERVICE_PATTERN, valid: ['12', '49', '00'] },
  { name: 'report type', pattern: REPORT_TYPE_PATTERN, valid: ['OZ', '09', 'B4'] },
  { name: 'transmission', pattern: TRANSMISSION_PATTERN, valid: ['AA', 'EL', 'FX'] },
  { name: 'diagnosis code', pattern: DIAGNOSIS_CODE_PATTERN, valid: ['A41', 'A419', 'A41.9', 'Z79.899', 'T82.7XXA', 'T827XXA', 'V00'] },
  {
    name: 'date-time',
    pattern: DATETIME_PATTERN,
    valid: ['2026-03-02T09:30:00Z', '2024-02-29T23:59:59.123456+14:00', '2000-02-29T00:00:00-00:00', '0000-02-29T12:00:00.5Z', '1999-12-31T23:59:59-23:59'],
  },
];

/** Characters that stand next to the ones the patterns take: case, edges of ranges, separators, non-ASCII digits, line breaks. */
const ALPHABET = ['0', '1', '2', '3', '4', '5', '6', '9', 'A', 'T', 'U', 'V', 'Z', 'a', 'z', '@', '[', '`', '{', '/', ':', '.', '-', '+', ' ', '~', '\u007f', '\n', '\u0660', '\uff11', 'é', 'T', 'Z'];

function* variants(valid: string): Generator<string> {
  yield valid;
  yield '';
  yield `${valid}\n`;
  yield ` ${valid}`;
  yield `${valid} `;
  for (let at = 0; at <= valid.length; at++) {
    yield valid.slice(0, at) + valid.slice(at + 1);
    for (const c of ALPHABET) {
      yield valid.slice(0, at) + c + valid.slice(at + 1);
      yield valid.slice(0, at) + c + valid.slice(at);
    }
  }
}

describe('checkFor: the contract\'s patterns as character checks', () => {
  for (const { name, pattern, valid } of PATTERNS) {
    it(`reads the ${name} pattern, and decides every variant of its valid strings as the pattern does`, () => {
      const check = checkFor(pattern);
      // A check of its own, not the pattern's test behind a function.
      expect(check.toString()).not.toContain('.test(');
      let passed = 0;
      let compared = 0;
      for (const example of valid) {
        for (const value of variants(example)) {
          expect(check(value), JSON.stringify(value)).toBe(pattern.test(value));
          if (pattern.test(value)) passed++;
          compared++;
        }
      }
      expect(passed).toBeGreaterThan(valid.length);
      expect(compared - passed).toBeGreaterThan(100);
    });
  }

  it('decides random strings of the characters the patterns take as the patterns do', () => {
    let seed = 11;
    const pick = (n: number) => ((seed = (seed * 48271) % 2147483647), seed % n);
    const characters = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcz.-:+T Z'];
    for (const { pattern } of PATTERNS) {
      const check = checkFor(pattern);
      for (let n = 0; n < 20_000; n++) {
        const value = Array.from({ length: pick(12) }, () => characters[pick(characters.length)]).join('');
        expect(check(value), JSON.stringify(value)).toBe(pattern.test(value));
      }
    }
  });

  it('decides date-times on every day of four years and at every edge of the clock and the offset as the pattern does', () => {
    const check = checkFor(DATETIME_PATTERN);
    for (const year of ['1900', '2000', '2023', '2024', '0000', '0100', '9999']) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const value = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T12:00:00Z`;
          expect(check(value), value).toBe(DATETIME_PATTERN.test(value));
        }
      }
    }
    for (const time of ['00:00:00', '23:59:59', '24:00:00', '23:60:00', '23:59:60', '9:00:00', '09:00', '09:00:00.', '09:00:00.0000001']) {
      for (const zone of ['Z', 'z', '+00:00', '-23:59', '+24:00', '+00:60', '+0000', '+00', '', 'ZZ', '+00:00Z']) {
        const value = `2026-03-02T${time}${zone}`;
        expect(check(value), value).toBe(DATETIME_PATTERN.test(value));
      }
    }
  });

  it('tests any other pattern, or one with flags, with the pattern itself', () => {
    const other = /^[a-z]{3}$/;
    expect(checkFor(other)('abc')).toBe(true);
    expect(checkFor(other)('abcd')).toBe(false);
    const withFlags = new RegExp(PROCEDURE_CODE_PATTERN.source, 'i');
    expect(checkFor(withFlags).toString()).toContain('.test(');
  });
});
