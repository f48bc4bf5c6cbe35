import { describe, expect, it } from 'vitest';
import { compareValidation, edgeCaseClaims, mutatedClaims } from '../../bench/claim-corpus.ts';
import { DEFAULT_SEED, generateClaims } from '../../bench/generate-claims.ts';
import { CLAIM_BOUNDS, isRealCalendarDate, ISO_DATE_PATTERN, type ClaimInput } from '../../shared/claim/contract.ts';
import { FAST_PATH_MATCHES_CONTRACT, fastClaim, fastClaimView } from '../../shared/claim/fast-validate.ts';
import { validateClaim, validateClaimWithZod, validClaimView } from '../../shared/claim/validate.ts';
import { claimView } from '../../shared/scrub/claim-view.ts';

const generated = generateClaims(300, DEFAULT_SEED + 3);
const base = generated[0] as ClaimInput;

describe('the fast validation path', () => {
  it('knows every key of the contract, in order (else it stays off and zod checks every claim)', () => {
    expect(FAST_PATH_MATCHES_CONTRACT).toBe(true);
  });

  it('answers every generated claim itself, with the claim zod returns', () => {
    const report = compareValidation(generated);
    expect(report.mismatches).toEqual([]);
    expect(report.fastAccepted).toBe(generated.length);
  });

  it('gives zod outcomes, errors word for word, on edge cases at and past every bound', () => {
    const inputs = edgeCaseClaims(base);
    const report = compareValidation(inputs);
    expect(report.mismatches).toEqual([]);
    // Both sides of the bounds are there: valid claims the fast path answers, and rejections.
    expect(report.fastAccepted).toBeGreaterThan(100);
    expect(report.compared - report.valid).toBeGreaterThan(100);
  });

  it('gives zod outcomes on randomly broken claims', () => {
    const inputs = mutatedClaims(generated, 1_500, 11);
    const report = compareValidation(inputs);
    expect(report.mismatches).toEqual([]);
    expect(report.compared - report.valid).toBeGreaterThan(300);
  });

  it('upper-cases codes and strips unknown keys as the contract does', () => {
    const input = { ...base, extra: 1, lines: [{ ...base.lines[0], procedureCode: 's9325', modifiers: ['ss'], note: 'x' }] };
    const fast = fastClaim(input);
    expect(fast?.claim).toStrictEqual((validateClaimWithZod(input) as { claim: unknown }).claim);
    expect(fast?.claim.lines[0]).toMatchObject({ procedureCode: 'S9325', modifiers: ['SS'] });
    expect(fast?.claim).not.toHaveProperty('extra');
    // Unknown keys are not bounded, so their claim is measured as JSON.
    expect(fast?.jsonBound).toBe(Infinity);
  });

  it('bounds the JSON size from above, so the claim is measured only near the limit', () => {
    for (const input of generated) {
      const bound = fastClaim(input)?.jsonBound ?? 0;
      expect(bound).toBeGreaterThanOrEqual(JSON.stringify(input).length);
      expect(bound).toBeLessThan(CLAIM_BOUNDS.jsonCharacters);
    }
    const oversized = { ...base, notes: 'x'.repeat(CLAIM_BOUNDS.jsonCharacters) };
    expect(validateClaim(oversized)).toEqual(validateClaimWithZod(oversized));
    expect(validateClaim(oversized).ok).toBe(false);
  });

  it('decides real calendar dates as the contract does', () => {
    const years = ['0000', '0004', '0099', '0100', '0400', '1900', '1999', '2000', '2020', '2021', '2100', '2400', '9999'];
    for (const year of years) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          const input = { ...base, patient: { ...base.patient, birthDate: date } };
          const contract = ISO_DATE_PATTERN.test(date) && isRealCalendarDate(date);
          expect(fastClaim(input) !== undefined, date).toBe(contract);
          expect(validateClaimWithZod(input).ok, date).toBe(contract);
        }
      }
    }
  });

  it('builds, as the rules\' view, the claim view of the claim it would return: same keys in the same order, same values', () => {
    const inputs = [...generated, ...edgeCaseClaims(base), ...mutatedClaims(generated, 1_500, 11)];
    let views = 0;
    for (const input of inputs) {
      const fast = fastClaim(input);
      const view = fastClaimView(input);
      expect(view === undefined).toBe(fast === undefined);
      if (fast === undefined || view === undefined) continue;
      expect(view.claim).toStrictEqual(claimView(fast.claim));
      expect(view.jsonBound).toBe(fast.jsonBound);
      const validated = validateClaim(input);
      expect(validClaimView(input)).toStrictEqual(validated.ok ? claimView(validated.claim) : undefined);
      views++;
    }
    expect(views).toBeGreaterThan(1_000);
    // A claim over the size limit is refused by both, on the fast path's bound or its measured JSON.
    const oversized = { ...base, notes: 'x'.repeat(CLAIM_BOUNDS.jsonCharacters) };
    expect(validClaimView(oversized)).toBeUndefined();
    // The contract's shape is built again after a view: the mode does not stick.
    expect(fastClaim(base)?.claim).toStrictEqual((validateClaimWithZod(base) as { claim: unknown }).claim);
  });

  it('decides date shapes as the contract\'s pattern does: any other character at any place, any length', () => {
    const good = '2024-02-29';
    const others = ['/', ':', '.', ' ', 'a', '٣', '１', '-', '0', '\n'];
    const dates = new Set<string>([good, `${good}\n`, ` ${good}`, good.slice(1), `${good}0`, '+02024-02-29', '20240229', '2024-2-29', '']);
    for (let at = 0; at < good.length; at++) for (const other of others) dates.add(good.slice(0, at) + other + good.slice(at + 1));
    for (const date of dates) {
      const input = { ...base, lines: [{ ...base.lines[0], serviceDate: date }] };
      const contract = ISO_DATE_PATTERN.test(date) && isRealCalendarDate(date);
      expect(fastClaim(input) !== undefined, JSON.stringify(date)).toBe(contract);
      expect(validateClaimWithZod(input).ok, JSON.stringify(date)).toBe(contract);
    }
  });

  it('leaves to zod what is not plain data, or sets a known key to undefined', () => {
    class Claimish {}
    expect(fastClaim(Object.assign(new Claimish(), base))).toBeUndefined();
    expect(fastClaim({ ...base, placeOfService: undefined })).toBeUndefined();
    expect(fastClaim(Object.assign(Object.create(null) as object, base))).toBeDefined();
  });
});
