import { describe, expect, it } from 'vitest';
import type { CodeRecord } from '../../shared/codes/code-record.ts';
import { loadBundledCodeData } from '../../shared/files/code-data-files.ts';
import { dayNumber } from '../../shared/rules/claim-facts.ts';
import { daySpansText } from '../../shared/rules/line-days.ts';
import { exclusivePair, parseExclusions, perDiemFacts, perDiemKindOf } from '../../shared/rules/per-diem.ts';

/** The bundled CMS 2020 release: every fact below is read from its long descriptors. */
const codes = loadBundledCodeData();

function record(code: string): CodeRecord {
  const found = codes.procedure(code);
  if (!found) throw new Error(`${code} is not in the bundled release`);
  return found;
}

const range = (from: number, to = from) => ({ prefix: 'S', digits: 4, from, to });

describe('per-diem kinds read from the 2020 descriptors', () => {
  const byKind = new Map<string, string[]>();
  for (const r of codes.records()) {
    const kind = perDiemFacts(r).kind;
    if (kind) byKind.set(kind, [...(byKind.get(kind) ?? []), r.code]);
  }

  it('finds the pharmacy per diems: 63 therapies and 4 catheter-care codes', () => {
    expect(byKind.get('catheter_care')).toEqual(['S5497', 'S5498', 'S5501', 'S5502']);
    const therapies = byKind.get('therapy') ?? [];
    expect(therapies).toHaveLength(63);
    for (const code of ['S9061', 'S9208', 'S9214', 'S9325', 'S9335', 'S9340', 'S9364', 'S9379', 'S9490', 'S9494', 'S9497', 'S9500', 'S9504', 'S9537', 'S9538', 'S9542', 'S9562', 'S9590']) {
      expect(therapies).toContain(code);
    }
  });

  it('reads T1030 and T1031 as nursing per diems', () => {
    expect(byKind.get('nursing')).toEqual(['T1030', 'T1031']);
  });

  it('reads other per-diem units as other per diems, a unit clause in the middle included', () => {
    for (const code of ['H0017', 'S9098', 'S9125', 'S9056', 'T1020', 'T2042', 'S9976']) expect(perDiemKindOf(codes, code), code).toBe('other');
  });

  it('does not read "per diem" in a note or a sentence as the billing unit', () => {
    // S9810 is per hour ("do not use this code with any per diem code"); G0466 is a visit "furnished per diem".
    for (const code of ['S9810', 'G0466', 'S9123', 'J0696', '99601']) expect(perDiemKindOf(codes, code), code).toBeUndefined();
    expect(perDiemKindOf(codes, 'S0000')).toBeUndefined();
  });

  it('answers for the same record from its cache', () => {
    expect(perDiemFacts(record('S9500'))).toBe(perDiemFacts(record('S9500')));
  });
});

describe('"do not use with" clauses of the 2020 descriptors', () => {
  it.each([
    ['S9325', { wording: 'S9326, S9327 or S9328', codes: [range(9326), range(9327), range(9328)], anyPerDiem: false, anyHomeInfusionPerDiem: false }],
    ['S9329', { wording: 'S9330 or S9331', codes: [range(9330), range(9331)], anyPerDiem: false, anyHomeInfusionPerDiem: false }],
    ['S9364', { wording: 'home infusion codes S9365-S9368 using daily volume scales', codes: [range(9365, 9368)], anyPerDiem: false, anyHomeInfusionPerDiem: false }],
    ['S9373', { wording: 'hydration therapy codes S9374-S9377 using daily volume scales', codes: [range(9374, 9377)], anyPerDiem: false, anyHomeInfusionPerDiem: false }],
    ['S9494', { wording: 'home infusion codes for hourly dosing schedules S9497-S9504', codes: [range(9497, 9504)], anyPerDiem: false, anyHomeInfusionPerDiem: false }],
    ['S9810', { wording: 'any per diem code', codes: [], anyPerDiem: true, anyHomeInfusionPerDiem: false }],
    ['S9208', { wording: 'any home infusion per diem code', codes: [], anyPerDiem: false, anyHomeInfusionPerDiem: true }],
  ])('%s', (code, clause) => {
    expect(perDiemFacts(record(code)).exclusions).toEqual([clause]);
  });

  it('finds exactly those twelve codes with a clause (S9209, S9211-S9214 as S9208)', () => {
    const owners = [...codes.records()].filter((r) => perDiemFacts(r).exclusions.length > 0).map((r) => r.code);
    expect(owners).toEqual(['S9208', 'S9209', 'S9211', 'S9212', 'S9213', 'S9214', 'S9325', 'S9329', 'S9364', 'S9373', 'S9494', 'S9810']);
  });

  it('leaves out notes that forbid no code: S9372 "do not use this code for flushing", S9123 "not to be used when cpt codes ..."', () => {
    expect(perDiemFacts(record('S9372')).exclusions).toEqual([]);
    expect(perDiemFacts(record('S9123')).exclusions).toEqual([]);
  });

  it('derives the pairs, either way round, with the code whose descriptor says so', () => {
    const pair = (a: string, b: string) => {
      const found = exclusivePair(record(a), record(b));
      return found && found.owner;
    };
    expect(pair('S9494', 'S9500')).toBe('S9494');
    expect(pair('S9500', 'S9494')).toBe('S9494');
    expect(pair('S9497', 'S9494')).toBe('S9494');
    expect(pair('S9504', 'S9494')).toBe('S9494');
    expect(pair('S9325', 'S9328')).toBe('S9325');
    expect(pair('S9331', 'S9329')).toBe('S9329');
    expect(pair('S9364', 'S9366')).toBe('S9364');
    expect(pair('S9377', 'S9373')).toBe('S9373');
    expect(pair('S9810', 'T1030')).toBe('S9810');
    expect(pair('S5502', 'S9810')).toBe('S9810');
    expect(pair('S9208', 'S9500')).toBe('S9208');
    expect(pair('S9365', 'S9213')).toBe('S9213');
    // Not pairs: the general per diem with another family, S9810 with a visit, the OB codes with a per diem that is not a home infusion one.
    expect(pair('S9494', 'S9490')).toBeUndefined();
    expect(pair('S9325', 'S9329')).toBeUndefined();
    expect(pair('S9364', 'S9373')).toBeUndefined();
    expect(pair('S9810', '99601')).toBeUndefined();
    expect(pair('S9208', 'S9061')).toBeUndefined();
    expect(pair('S9208', 'S9209')).toBeUndefined();
    expect(pair('S9500', 'S9500')).toBeUndefined();
  });

  it('answers a pair asked again, either way round, and past the answers a record keeps, as the first time', () => {
    // Every procedure of the release: far more partners than a record keeps answers for.
    const all = [...codes.records()].filter((r) => r.kind === 'procedure');
    const owner = record('S9810');
    expect(all.length).toBeGreaterThan(1_000);
    const first = all.map((other) => [exclusivePair(owner, other)?.owner, exclusivePair(other, owner)?.owner]);
    const again = all.map((other) => [exclusivePair(owner, other)?.owner, exclusivePair(other, owner)?.owner]);
    expect(again).toEqual(first);
    // S9810 "do not use with any per diem code": every per diem among them pairs with it, either way round.
    const perDiems = all.filter((other) => other.code !== 'S9810' && perDiemFacts(other).kind !== undefined);
    expect(perDiems.length).toBeGreaterThan(50);
    for (const other of perDiems) expect([exclusivePair(owner, other)?.owner, exclusivePair(other, owner)?.owner]).toEqual(['S9810', 'S9810']);
  });
});

describe('parseExclusions', () => {
  it('reads several clauses, CPT ranges and an en dash', () => {
    expect(parseExclusions('Something, per diem (do not use with 99500\u201399602) (do not use this code with s1234)')).toEqual([
      { wording: '99500\u201399602', codes: [{ prefix: '', digits: 5, from: 99500, to: 99602 }], anyPerDiem: false, anyHomeInfusionPerDiem: false },
      { wording: 'S1234', codes: [range(1234)], anyPerDiem: false, anyHomeInfusionPerDiem: false },
    ]);
  });

  it('reads a range across letters or backwards as its two ends', () => {
    expect(parseExclusions('(do not use with s9400-t9300)')[0]?.codes).toEqual([range(9400), { prefix: 'T', digits: 4, from: 9300, to: 9300 }]);
  });

  it('ignores a clause that names no code', () => {
    expect(parseExclusions('(do not use with other services)')).toEqual([]);
  });
});

describe('daySpansText', () => {
  it('joins adjoining spans and lists the rest in order', () => {
    const day = (date: string) => dayNumber(date);
    const spans = [
      { first: day('2020-03-05'), last: day('2020-03-06') },
      { first: day('2020-03-04'), last: day('2020-03-04') },
      { first: day('2020-03-09'), last: day('2020-03-09') },
    ];
    expect(daySpansText(spans)).toBe('2020-03-04 to 2020-03-06, 2020-03-09');
  });
});
