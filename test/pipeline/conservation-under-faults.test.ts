import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { generateClaims } from '../../bench/generate-claims.ts';
import type { FaultPlan, FaultStage } from '../support/port-faults.ts';
import type { ClaimMessage } from '../../shared/intake/claim-message.ts';
import { SCRUB_EVENT_SOURCE_DEFAULTS } from '../../shared/aws/scrub-event-source.ts';
import { startHarness, type Harness } from './support/harness.ts';

const CLAIMS = 10_000;
const OUTAGE_MS = 3_000;

/** Every 20th claim is malformed: alternately contract-broken JSON and a body that is not JSON at all. */
function claimMessages(): ClaimMessage[] {
  return generateClaims(CLAIMS, 3).map((claim, i) => {
    const claimId = `CF-${String(i).padStart(5, '0')}`;
    const body = JSON.stringify({ ...claim, claimId });
    if (i % 20 !== 0) return { body, claimId };
    if (i % 40 === 0) return { body: JSON.stringify({ ...claim, claimId, billingProvider: { npi: '1234567890' }, lines: [] }), claimId };
    return { body: body.slice(0, body.length / 2), claimId };
  });
}

/**
 * The scrub service's ports throw for 2% of claims, once each: half before the claim's outputs go out,
 * half after its result row is written.
 */
class TwoPercentCrashes implements FaultPlan {
  readonly crashed = { received: 0, committed: 0 };
  private readonly done = new Set<string>();
  at(stage: FaultStage, claimId: string): void {
    const n = Number(claimId.slice(3));
    if (this.done.has(claimId) || n % 50 !== 7) return;
    if (stage === 'received' && n % 100 === 7) this.crashed.received++;
    else if (stage === 'committed' && n % 100 === 57) this.crashed.committed++;
    else return;
    this.done.add(claimId);
    throw new Error(`injected crash at ${stage}`);
  }
}

const faults = new TwoPercentCrashes();
let h: Harness;
beforeAll(async () => {
  // The retry budget (function timeout less 2 s) outlasts the outage; the visibility timeout outlasts
  // the batching window plus the function. Batches as the CDK stack assembles them.
  h = await startHarness({
    faults,
    visibilityTimeoutSeconds: 12,
    functionTimeoutSeconds: 10,
    maxReceiveCount: 5,
    concurrency: 4,
    batchSize: SCRUB_EVENT_SOURCE_DEFAULTS.batchSize,
    batchingWindowSeconds: SCRUB_EVENT_SOURCE_DEFAULTS.maxBatchingWindowSeconds,
  });
});
afterAll(() => h?.stop());

test(`conservation: ${CLAIMS.toLocaleString('en-US')} claims, 2% crashing once, DynamoDB down for ${OUTAGE_MS / 1000} s: each claim exactly once across clean / review / DLQ`, async () => {
  const messages = claimMessages();
  const started = Date.now();
  let outageAt = -1;
  let failedDuringOutage = 0;
  const outage = (async () => {
    while (h.stack.eventSource.stats.records < CLAIMS * 0.3) await sleep(20);
    outageAt = h.stack.eventSource.stats.records;
    const failedBefore = h.stack.eventSource.stats.failedRecords;
    await h.stack.dynamo.pause();
    await sleep(OUTAGE_MS);
    await h.stack.dynamo.resume();
    failedDuringOutage = h.stack.eventSource.stats.failedRecords - failedBefore;
  })();
  await h.submit(messages);
  await outage;
  await h.drain(240_000);
  const elapsed = (Date.now() - started) / 1000;

  const out = await h.takeOutputs();
  const seen = new Map<string, string[]>();
  const note = (id: string, where: string) => seen.set(id, [...(seen.get(id) ?? []), where]);
  for (const m of out.clean) note(m.claimId, 'clean');
  for (const m of out.review) note(m.claimId, `review:${m.result.status}`);
  for (const m of out.dlq) note(m.MessageAttributes?.claimId?.StringValue ?? '?', 'dlq');
  const ids = messages.map((m) => m.claimId as string);
  const missing = ids.filter((id) => !seen.has(id));
  const duplicated = [...seen].filter(([, places]) => places.length > 1);
  const rows = await h.results(ids);
  const disagreeing = ids.filter((id) => {
    const place = seen.get(id)?.[0] ?? 'missing';
    const row = rows.get(id);
    if (place === 'dlq' || place === 'missing') return row !== undefined;
    return row === undefined || (place === 'clean' ? row.destination !== 'clean' : `review:${row.status}` !== place);
  });

  const count = (prefix: string) => [...seen.values()].filter((p) => p[0]?.startsWith(prefix)).length;
  const stats = h.stack.eventSource.stats;
  console.log(
    [
      `Conservation under faults: ${CLAIMS} claims in ${elapsed.toFixed(1)} s`,
      `  clean ${count('clean')} · review ${count('review')} (flagged ${count('review:flagged')}, rejected ${count('review:rejected')}) · DLQ ${count('dlq')}`,
      `  missing ${missing.length} · duplicates ${duplicated.length} · results-table disagreements ${disagreeing.length}`,
      `  injected crashes ${faults.crashed.received} before any work, ${faults.crashed.committed} after the result row · DynamoDB down ${OUTAGE_MS / 1000} s after ${outageAt} records received, ${failedDuringOutage} records failed meanwhile`,
      `  records failed and redelivered ${stats.failedRecords} · invocations ${stats.invocations} (${stats.failedInvocations} failed whole)`,
    ].join('\n'),
  );

  expect(missing).toEqual([]);
  expect(duplicated).toEqual([]);
  expect(disagreeing).toEqual([]);
  expect(seen.size).toBe(CLAIMS);
  expect(count('review:rejected')).toBe(CLAIMS / 20);
  // Each planned claim crashes once, on the first delivery that gets that far (one failing at the reads
  // during the outage does not), so every planned crash happens.
  expect(faults.crashed.received).toBe(CLAIMS / 100);
  expect(faults.crashed.committed).toBe(CLAIMS / 100);
  // The outage struck mid-run. Whether it fails records or only delays result rows depends on where
  // each batch was at that moment (a batch past its reads retries its writes until DynamoDB is back).
  expect(outageAt).toBeGreaterThan(0);
  expect(outageAt).toBeLessThan(CLAIMS);
}, 300_000);
