import { describe, expect, it } from 'vitest';
import { generateClaims } from '../../bench/generate-claims.ts';
import { validateAll } from '../../bench/rules-bench.ts';
import { claimSchema, documentationSchema, lineSchema, type Claim } from '../../shared/claim/contract.ts';
import { RULES } from '../../shared/rules/catalog.ts';
import { claimView } from '../../shared/scrub/claim-view.ts';
import { claim, line } from '../support/claims.ts';
import { scrubData } from '../support/scrub-data.ts';

const data = scrubData();
const claims = validateAll(generateClaims(1_500, 11));
const NOW = new Date('2020-12-31T12:00:00Z');

describe('claimView: the claim as the rules read it', () => {
  it('gives every claim, line and documentation all of the contract\'s keys, in the contract\'s order', () => {
    const sparse = claim({ documentation: { medicalNecessity: true }, lines: [line(1, 'S9500')] });
    const view = claimView(sparse);
    expect(Object.keys(view)).toEqual(Object.keys(claimSchema.in.shape));
    expect(Object.keys(view.lines[0] as object)).toEqual(Object.keys(lineSchema.shape));
    expect(Object.keys(view.documentation as object)).toEqual(Object.keys(documentationSchema.shape));
  });

  it('holds the claim\'s values and no others: as JSON it is the claim', () => {
    const distinctLineShapes = new Set(claims.flatMap((c) => c.lines.map((l) => Object.keys(l).join())));
    expect(distinctLineShapes.size).toBeGreaterThan(5);
    for (const c of claims) expect(JSON.stringify(claimView(c))).toBe(JSON.stringify(c));
  });

  it('leaves a claim without documentation without documentation', () => {
    expect(claimView(claim({ documentation: undefined })).documentation).toBeUndefined();
  });

  it('does not change the claim it is made from', () => {
    const c = claims[0] as Claim;
    const before = JSON.stringify(c);
    const keys = Object.keys(c.lines[0] as object);
    claimView(c);
    expect(JSON.stringify(c)).toBe(before);
    expect(Object.keys(c.lines[0] as object)).toEqual(keys);
  });

  it('every rule reports the same on the view as on the claim', () => {
    let reports = 0;
    for (const c of claims) {
      for (const rule of RULES) {
        const onClaim = rule.check({ claim: c, codes: data.codes, payers: data.payers, now: NOW });
        const onView = rule.check({ claim: claimView(c), codes: data.codes, payers: data.payers, now: NOW });
        expect(onView, `${rule.id} on ${c.claimId}`).toEqual(onClaim);
        reports += onClaim.length;
      }
    }
    expect(reports).toBeGreaterThan(claims.length);
  });
});
