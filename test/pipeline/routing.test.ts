import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateClaims } from '../../bench/generate-claims.ts';
import { scrubInput } from '../../shared/scrub/scrub.ts';
import { scrubData } from '../support/scrub-data.ts';
import { brokenClaim, cleanClaim, flaggedClaim, medicareSuiteClaim } from './support/claims.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { routedResult } from '../../shared/application/routing.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

describe('routing by status (real dynalite + fauxqs, real SDK clients)', () => {
  test('clean → clean queue; flagged and rejected → review queue; Medicare denial risk → one alert', async () => {
    await h.submit([
      cleanClaim('R-CLEAN'),
      flaggedClaim('R-FLAGGED'),
      medicareSuiteClaim('R-MEDICARE'),
      brokenClaim('R-BROKEN'),
      { body: '{"claimId": "R-NOTJSON", "lines": [', claimId: 'R-NOTJSON' },
    ]);
    await h.drain();
    const out = await h.takeOutputs();

    expect(out.clean.map((m) => m.claimId)).toEqual(['R-CLEAN']);
    expect(out.clean[0]?.result.status).toBe('clean');
    expect(out.clean[0]?.attributes).toMatchObject({ claimId: 'R-CLEAN', status: 'clean' });

    const review = new Map(out.review.map((m) => [m.claimId, m]));
    expect([...review.keys()].sort()).toEqual(['R-BROKEN', 'R-FLAGGED', 'R-MEDICARE', 'R-NOTJSON']);
    expect(review.get('R-FLAGGED')?.result.status).toBe('flagged');
    expect(review.get('R-MEDICARE')?.result.medicareDenialRisk).toBe(true);
    expect(review.get('R-BROKEN')?.result).toMatchObject({ status: 'rejected', claimId: 'R-BROKEN' });
    expect(review.get('R-BROKEN')?.result.findings.map((f) => f.ruleId)).toEqual(['CLAIM-INVALID']);
    // The work item carries the claim as received, so a reviewer can correct it.
    expect(review.get('R-FLAGGED')?.claim).toMatchObject({ claimId: 'R-FLAGGED', payer: { id: 'NO-SUCH-PAYER' } });
    expect(review.get('R-NOTJSON')).toMatchObject({ rawBody: '{"claimId": "R-NOTJSON", "lines": [', result: { status: 'rejected', claimId: null } });

    expect(out.alerts).toHaveLength(1);
    expect(out.alerts[0]).toMatchObject({ alert: 'medicare-denial-risk', claimId: 'R-MEDICARE', ruleIds: ['MEDICARE-NONCOVERED', 'SS-MEDICARE'], lineNumbers: [1] });
    expect(out.dlq).toHaveLength(0);
  });

  test('a rejected claim is never retried: it is routed on its first delivery and deleted', async () => {
    const before = { ...h.stack.eventSource.stats };
    await h.submit([brokenClaim('R-BROKEN-ONCE')]);
    await h.drain();
    const out = await h.takeOutputs();
    expect(out.review.map((m) => m.claimId)).toEqual(['R-BROKEN-ONCE']);
    expect(h.stack.eventSource.stats.failedRecords).toBe(before.failedRecords);
    expect(h.stack.eventSource.stats.records - before.records).toBe(1);
  });

  test('the results table holds one row per claim, agreeing with the routed message and free of PHI', async () => {
    const rows = await h.results(['R-CLEAN', 'R-FLAGGED', 'R-MEDICARE', 'R-BROKEN', 'R-NOTJSON']);
    expect(rows.get('R-CLEAN')).toMatchObject({ status: 'clean', destination: 'clean', codeRelease: 'HCPCS-2020', ruleIds: [] });
    expect(rows.get('R-MEDICARE')).toMatchObject({ status: 'flagged', destination: 'review', medicareDenialRisk: true });
    expect(rows.get('R-BROKEN')).toMatchObject({ status: 'rejected', destination: 'review' });
    expect(rows.get('R-NOTJSON')).toMatchObject({ status: 'rejected' });
    expect(JSON.stringify([...rows.values()])).not.toContain('M-000');
  });

  test('pipeline results equal the in-memory scrub on the whole bundled release (the per-batch slice misses nothing)', async () => {
    const claims = generateClaims(300, 7).map((c, i) => ({ ...c, claimId: `EQ-${i}` }));
    await h.submit(claims);
    await h.drain();
    const out = await h.takeOutputs();
    const routed = new Map([...out.review, ...out.clean].map((m) => [m.claimId, m.result]));
    expect(routed.size).toBe(claims.length);
    for (const claim of claims) expect(routed.get(claim.claimId), claim.claimId).toEqual(routedResult(scrubInput(claim, scrubData())));
    const statuses = new Set([...routed.values()].map((r) => r.status));
    expect(statuses).toEqual(new Set(['clean', 'flagged']));
  });
});
