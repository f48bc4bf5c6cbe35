import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { generateClaims } from '../../bench/generate-claims.ts';
import { contentHashOf, deduplicationIdOf, resultKeyOf, submitterNpiOf } from '../../shared/application/claim-identity.ts';
import { SCRUB_EVENT_SOURCE_DEFAULTS } from '../../shared/aws/scrub-event-source.ts';
import type { ClaimMessage } from '../../shared/intake/claim-message.ts';
import { claimVersion } from '../../shared/intake/claim-version.ts';
import { FAULT_STAGES, type FaultPlan, type FaultStage } from '../support/port-faults.ts';
import { startHarness, type Harness, type RoutedMessage } from './support/harness.ts';

const CLAIMS = 10_000;
const OUTAGE_MS = 3_000;
const HANDED_IN_AT = Date.parse('2026-11-30T09:00:00.000Z');

interface Planned {
  claimId: string;
  /** The messages of this claim, in the order they are sent. */
  messages: ClaimMessage[];
  /** The deduplication id of the version a consumer must end up with. */
  expected: string;
}

/** The same claim in other bytes: keys reordered and pretty-printed (a body that is not JSON is sent as it is). */
function otherBytes(body: string): string {
  try {
    return JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(body) as object).reverse()), null, 2);
  } catch {
    return body;
  }
}

const messageOf = (body: string, claimId: string, version: string): ClaimMessage => ({ body, claimId, attributes: { claimVersion: version } });
const identityOf = (body: string, claimId: string) => {
  let input: unknown;
  let parsed = true;
  try {
    input = JSON.parse(body);
  } catch {
    parsed = false;
  }
  return deduplicationIdOf(resultKeyOf(submitterNpiOf(input), claimId), contentHashOf(parsed, input, body));
};

/**
 * 10,000 claims. Every 20th is malformed (alternately contract-broken JSON and a body that is not JSON).
 * Every 97th (from the 3rd) is sent twice at once, the second copy in other bytes (keys reordered,
 * pretty-printed): the same claim. Every 97th (from the 5th) has a newer and an older version: the
 * newer is sent in the stream, the older (a redrive after a correction) after everything else.
 */
function plan(): Planned[] {
  return generateClaims(CLAIMS, 3).map((claim, i) => {
    const claimId = `CF-${String(i).padStart(5, '0')}`;
    const version = claimVersion(HANDED_IN_AT, i);
    let body = JSON.stringify({ ...claim, claimId });
    if (i % 40 === 0) body = JSON.stringify({ ...claim, claimId, billingProvider: { npi: '1234567890' }, lines: [] });
    else if (i % 20 === 0) body = body.slice(0, body.length / 2);
    const messages = [messageOf(body, claimId, version)];
    if (i % 97 === 3) messages.push(messageOf(otherBytes(body), claimId, version));
    // (Not on a malformed claim: its submitter is unknown or another, so its older version would be another claim.)
    if (i % 97 === 5 && i % 20 !== 0) {
      const older = JSON.stringify({ ...claim, claimId, payer: { id: 'NO-SUCH-PAYER', type: 'commercial' } });
      messages.push(messageOf(older, claimId, claimVersion(HANDED_IN_AT - 86_400_000, i)));
    }
    return { claimId, messages, expected: identityOf(body, claimId) };
  });
}

/**
 * Crashes at every stage of the scrub service, once per chosen claim: 1% of claims before their outputs,
 * 1% after the outputs and before the row, 1% after the last write; and every 10th claim that reaches
 * the stages only Medicare-risk claims reach (after the row, before the alert; after the alert, before
 * its mark).
 */
class CrashesAtEveryStage implements FaultPlan {
  readonly crashed: Record<FaultStage, number> = { received: 0, routed: 0, recorded: 0, alerted: 0, committed: 0 };
  private readonly done = new Set<string>();
  private readonly arrived: Record<FaultStage, Set<string>> = { received: new Set(), routed: new Set(), recorded: new Set(), alerted: new Set(), committed: new Set() };
  private static readonly BY_NUMBER: Partial<Record<FaultStage, number>> = { received: 7, routed: 37, committed: 57 };

  at(stage: FaultStage, claimId: string): void {
    if (this.done.has(claimId)) return;
    const arrived = this.arrived[stage];
    const first = !arrived.has(claimId);
    arrived.add(claimId);
    const byNumber = CrashesAtEveryStage.BY_NUMBER[stage];
    const crash = byNumber === undefined ? first && arrived.size % 10 === 1 : Number(claimId.slice(3)) % 100 === byNumber;
    if (!crash) return;
    this.crashed[stage]++;
    this.done.add(claimId);
    throw new Error(`injected crash at ${stage}`);
  }
}

const faults = new CrashesAtEveryStage();
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

/** A consumer that honours the contract: drops a deduplication id it has seen, and keeps the newest claimVersion per claim. */
function consume(messages: readonly RoutedMessage[]): Map<string, RoutedMessage> {
  const seen = new Set<string>();
  const current = new Map<string, RoutedMessage>();
  for (const m of messages) {
    if (seen.has(m.deduplicationId)) continue;
    seen.add(m.deduplicationId);
    const key = `${m.billingNpi ?? '-'}#${m.claimId}`;
    const held = current.get(key);
    if (!held || held.claimVersion <= m.claimVersion) current.set(key, m);
  }
  return current;
}

test(`conservation: ${CLAIMS.toLocaleString('en-US')} claims, crashes at every stage, concurrent and stale copies, DynamoDB down for ${OUTAGE_MS / 1000} s: each claim once for a consumer that honours the deduplication id`, async () => {
  const planned = plan();
  const started = Date.now();
  let outageAt = -1;
  const outage = (async () => {
    while (h.stack.eventSource.stats.records < CLAIMS * 0.3) await sleep(20);
    outageAt = h.stack.eventSource.stats.records;
    await h.stack.dynamo.pause();
    await sleep(OUTAGE_MS);
    await h.stack.dynamo.resume();
  })();
  // Copies of one version go out together (concurrent); older versions go out last (stale redrives).
  await h.submit(planned.flatMap((p) => p.messages.filter((m) => m.attributes?.claimVersion === claimVersion(HANDED_IN_AT, Number(p.claimId.slice(3))))));
  await outage;
  await h.submit(planned.flatMap((p) => p.messages.filter((m) => m.attributes?.claimVersion !== claimVersion(HANDED_IN_AT, Number(p.claimId.slice(3))))));
  await h.drain(240_000);
  const elapsed = (Date.now() - started) / 1000;

  const out = await h.takeOutputs();
  const routed = [...out.clean, ...out.review];
  const consumed = [...consume(routed).values()];
  const byClaim = new Map(consumed.map((m) => [m.claimId, m]));
  const dlqIds = out.dlq.map((m) => m.MessageAttributes?.claimId?.StringValue ?? '?');

  const missing = planned.filter((p) => !byClaim.has(p.claimId) && !dlqIds.includes(p.claimId)).map((p) => p.claimId);
  const wrongVersion = planned.filter((p) => byClaim.has(p.claimId) && byClaim.get(p.claimId)?.deduplicationId !== p.expected).map((p) => p.claimId);
  const consumedTwice = consumed.length - byClaim.size;
  const rawCopies = routed.length - new Set(routed.map((m) => m.deduplicationId)).size;
  const olderVersionsRouted = routed.filter((m) => m.deduplicationId !== planned[Number(m.claimId.slice(3))]?.expected).length;
  const rows = await h.results(planned.map((p) => p.claimId));
  const rowsBehind = planned.filter((p) => byClaim.has(p.claimId) && rows.get(p.claimId)?.deduplicationId !== p.expected).map((p) => p.claimId);
  const alertIds = out.alerts.map((a) => a.deduplicationId);
  const alertCopies = alertIds.length - new Set(alertIds).size;
  const alertedClaims = new Set(out.alerts.map((a) => a.claimId));
  const riskClaims = consumed.filter((m) => m.result.medicareDenialRisk).map((m) => m.claimId);
  const unalerted = riskClaims.filter((id) => !alertedClaims.has(id));

  const counts = new Map<string, number>();
  for (const m of consumed) counts.set(m.claimId, (counts.get(m.claimId) ?? 0) + 1);
  const twice = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
  if (twice.length + wrongVersion.length + rowsBehind.length > 0) {
    const show = (id: string) => ({
      id,
      planned: planned[Number(id.slice(3))]?.messages.map((m) => [m.attributes?.claimVersion, identityOf(m.body, id).slice(0, 8), m.body.slice(0, 60)]),
      expected: planned[Number(id.slice(3))]?.expected.slice(0, 8),
      routed: routed.filter((m) => m.claimId === id).map((m) => [m.billingNpi, m.claimVersion, m.deduplicationId.slice(0, 8), m.result.status]),
      row: [rows.get(id)?.version, rows.get(id)?.deduplicationId.slice(0, 8)],
    });
    console.log(JSON.stringify({ twice: twice.map(show), wrongVersion: wrongVersion.map(show), rowsBehind: rowsBehind.map(show) }, null, 1));
  }
  const stats = h.stack.eventSource.stats;
  console.log(
    [
      `Conservation at every crash point: ${CLAIMS} claims (${planned.reduce((n, p) => n + p.messages.length, 0)} messages) in ${elapsed.toFixed(1)} s`,
      `  consumer sees: clean ${consumed.filter((m) => m.result.status === 'clean').length} · review ${consumed.filter((m) => m.result.status !== 'clean').length} · DLQ ${dlqIds.length} · alerts ${new Set(alertIds).size}`,
      `  lost ${missing.length} · seen twice by the consumer ${consumedTwice} · not the newest version ${wrongVersion.length} · rows behind ${rowsBehind.length} · risk claims without alert ${unalerted.length}`,
      `  raw copies on the queues (same deduplication id) ${rawCopies} · older versions routed (superseded, kept out by claimVersion) ${olderVersionsRouted} · raw alert copies ${alertCopies}`,
      `  injected crashes: ${FAULT_STAGES.map((s) => `${s} ${faults.crashed[s]}`).join(' · ')} · DynamoDB down ${OUTAGE_MS / 1000} s after ${outageAt} records`,
      `  records failed and redelivered ${stats.failedRecords} · invocations ${stats.invocations} (${stats.failedInvocations} failed whole)`,
    ].join('\n'),
  );

  expect(missing).toEqual([]);
  expect(consumedTwice).toBe(0);
  expect(wrongVersion).toEqual([]);
  expect(rowsBehind).toEqual([]);
  expect(unalerted).toEqual([]);
  expect(dlqIds).toEqual([]);
  expect(byClaim.size).toBe(CLAIMS);
  expect(consumed.filter((m) => m.result.status === 'rejected')).toHaveLength(CLAIMS / 20);
  // Every stage really crashed, so every window was exercised.
  for (const stage of FAULT_STAGES) expect(faults.crashed[stage], stage).toBeGreaterThan(0);
  expect(faults.crashed.received).toBe(CLAIMS / 100);
  // An alert goes out twice only after a crash between the alert and its mark, or for two copies of a
  // claim in flight at once; either way with the same deduplication id, so the consumer sees it once.
  const concurrentCopies = planned.filter((p) => p.messages.length > 1).length;
  expect(alertCopies).toBeLessThanOrEqual(faults.crashed.alerted + concurrentCopies);
  expect(outageAt).toBeGreaterThan(0);
  expect(outageAt).toBeLessThan(CLAIMS);
}, 300_000);
