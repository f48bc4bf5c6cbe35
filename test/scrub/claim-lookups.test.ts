import { describe, expect, it } from 'vitest';
import { generateClaims } from '../../bench/generate-claims.ts';
import { validateAll } from '../../bench/rules-bench.ts';
import type { Claim } from '../../shared/claim/contract.ts';
import type { CodeLookup, CodeRecord } from '../../shared/codes/code-record.ts';
import { CodeSet } from '../../shared/codes/code-set.ts';
import type { PayerLookup, PayerRecord } from '../../shared/payers/payer-policy.ts';
import { RULES } from '../../shared/rules/catalog.ts';
import { ClaimLookups, MEMO_SIZE } from '../../shared/scrub/claim-lookups.ts';
import { claimView } from '../../shared/scrub/claim-view.ts';
import { scrubClaim } from '../../shared/scrub/scrub.ts';
import { claim, line } from '../support/claims.ts';
import { scrubData, TEST_NOW } from '../support/scrub-data.ts';

const data = scrubData();

/** The bundled data, counting what is asked of it. */
function counted(): { codes: CodeLookup; payers: PayerLookup; asked: string[] } {
  const asked: string[] = [];
  const codes: CodeLookup = {
    release: data.codes.release,
    coverage: data.codes.coverage,
    cptSource: data.codes.cptSource,
    procedure: (code) => (asked.push(`procedure ${code}`), data.codes.procedure(code)),
    modifier: (code) => (asked.push(`modifier ${code}`), data.codes.modifier(code)),
  };
  const payers: PayerLookup = { version: data.payers.version, payer: (id) => (asked.push(`payer ${id}`), data.payers.payer(id)) };
  return { codes, payers, asked };
}

describe('ClaimLookups: the lookups one claim\'s rules share', () => {
  it('answers as the code data and payer policy do, known and unknown keys, lower case included', () => {
    const lookups = new ClaimLookups();
    lookups.reset(data.codes, data.payers);
    for (const code of ['S9500', 'S9500', 'J3490', 'S5520', '99213', 'ZZZZZ', 's9500', '']) expect(lookups.procedure(code)).toBe(data.codes.procedure(code));
    for (const modifier of ['SS', 'SD', 'SS', '59', 'QQ', 'ss']) expect(lookups.modifier(modifier)).toBe(data.codes.modifier(modifier));
    for (const id of ['MEDICARE', 'NO-SUCH-PAYER', 'MEDICARE']) expect(lookups.payer(id)).toBe(data.payers.payer(id));
    expect([lookups.release, lookups.coverage, lookups.cptSource, lookups.version]).toEqual([data.codes.release, data.codes.coverage, data.codes.cptSource, data.payers.version]);
  });

  it('asks the data once per key within a claim, a missing answer included, and again for the next claim', () => {
    const { codes, payers, asked } = counted();
    const lookups = new ClaimLookups();
    lookups.reset(codes, payers);
    for (let round = 0; round < 3; round++) {
      lookups.procedure('S9500');
      lookups.procedure('ZZZZZ');
      lookups.modifier('SS');
      lookups.payer('MEDICARE');
    }
    expect(asked).toEqual(['procedure S9500', 'procedure ZZZZZ', 'modifier SS', 'payer MEDICARE']);
    lookups.reset(codes, payers);
    lookups.procedure('S9500');
    expect(asked.slice(4)).toEqual(['procedure S9500']);
  });

  it('never answers a claim from the last claim\'s data', () => {
    const record = data.codes.procedure('S9500') as CodeRecord;
    const other = new CodeSet('other-release', [{ ...record, longDescription: 'another description' }]);
    const lookups = new ClaimLookups();
    lookups.reset(data.codes, data.payers);
    expect(lookups.procedure('S9500')).toBe(record);
    const payerless: PayerLookup = { version: 'none', payer: (): PayerRecord | undefined => undefined };
    lookups.reset(other, payerless);
    expect(lookups.procedure('S9500')?.longDescription).toBe('another description');
    expect(lookups.procedure('J3490')).toBeUndefined();
    expect(lookups.payer('MEDICARE')).toBeUndefined();
    expect([lookups.release, lookups.version]).toEqual(['other-release', 'none']);
  });

  it('answers rightly past the keys it keeps', () => {
    const { codes, payers, asked } = counted();
    const lookups = new ClaimLookups();
    lookups.reset(codes, payers);
    const many = ['S9500', 'S9501', 'S9502', 'S9503', 'S9504', 'S9590', 'S9373', 'S9374', 'S9375', 'J3490', '99601', '99602'];
    expect(many.length).toBeGreaterThan(MEMO_SIZE);
    for (let round = 0; round < 2; round++) for (const code of many) expect(lookups.procedure(code)).toBe(data.codes.procedure(code));
    // The first MEMO_SIZE are kept; the rest are asked each time.
    expect(asked.length).toBe(MEMO_SIZE + 2 * (many.length - MEMO_SIZE));
  });

  it('every rule reports through it what it reports on the data itself', () => {
    const lookups = new ClaimLookups();
    let reports = 0;
    for (const c of validateAll(generateClaims(800, 23))) {
      const view = claimView(c);
      for (const rule of RULES) {
        const direct = rule.check({ claim: view, codes: data.codes, payers: data.payers, now: TEST_NOW });
        lookups.reset(data.codes, data.payers);
        expect(rule.check({ claim: view, codes: lookups, payers: lookups, now: TEST_NOW }), `${rule.id} on ${c.claimId}`).toEqual(direct);
        reports += direct.length;
      }
    }
    expect(reports).toBeGreaterThan(1_000);
  });

  it('scrubClaim, claim after claim on different code data, judges each on its own', () => {
    const record = data.codes.procedure('S9500') as CodeRecord;
    const terminated = new CodeSet('terminated-release', [{ ...record, terminationDate: '2020-01-01' }]);
    const c: Claim = claim({ lines: [line(1, 'S9500', { serviceDate: '2025-03-01' })] });
    const ids = (codes: CodeLookup) => scrubClaim(c, { ...data, codes }).findings.map((f) => f.ruleId);
    expect(ids(data.codes)).not.toContain('CODE-INACTIVE');
    expect(ids(terminated)).toContain('CODE-INACTIVE');
    expect(ids(data.codes)).not.toContain('CODE-INACTIVE');
  });
});
