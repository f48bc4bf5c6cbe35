import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SCRUB_EVENT_SOURCE_DEFAULTS } from '../../shared/aws/scrub-event-source.ts';
import { cleanClaim } from './support/claims.ts';
import { startHarness, type Harness } from './support/harness.ts';

const WINDOW_SECONDS = SCRUB_EVENT_SOURCE_DEFAULTS.maxBatchingWindowSeconds;

let h: Harness;
beforeAll(async () => {
  // One environment, so every batch it assembles shows in the invocation count; the construct's batching.
  h = await startHarness({ concurrency: 1, batchSize: SCRUB_EVENT_SOURCE_DEFAULTS.batchSize, batchingWindowSeconds: WINDOW_SECONDS, visibilityTimeoutSeconds: 5 });
});
afterAll(() => h?.stop());

describe('the local SQS event source assembles batches as Lambda does', () => {
  test('defaults to the CDK construct’s batch of 25 in a 2 s window', () => {
    expect(SCRUB_EVENT_SOURCE_DEFAULTS).toEqual({ batchSize: 25, maxBatchingWindowSeconds: 2 });
  });

  test('gathers up to the batch size from several receives (10 at most each), and deletes more than 10 records', async () => {
    const before = { ...h.stack.eventSource.stats };
    await h.submit(Array.from({ length: 60 }, (_, i) => cleanClaim(`ES-${i}`)));
    await h.drain();
    const stats = h.stack.eventSource.stats;
    expect(stats.records - before.records).toBe(60);
    expect(stats.invocations - before.invocations).toBe(3);
    expect(stats.failedRecords).toBe(before.failedRecords);
    const out = await h.takeOutputs();
    expect(out.clean).toHaveLength(60);
    // Every record was deleted: none comes back once its visibility timeout is over.
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    expect(h.stack.eventSource.stats.records - before.records).toBe(60);
  }, 20_000);

  test('invokes a partial batch once the window from its first record is over', async () => {
    const before = { ...h.stack.eventSource.stats };
    const started = Date.now();
    await h.submit([cleanClaim('ES-ALONE')]);
    await h.drain();
    expect(Date.now() - started).toBeGreaterThanOrEqual(WINDOW_SECONDS * 1000 - 50);
    expect(h.stack.eventSource.stats.invocations - before.invocations).toBe(1);
    expect((await h.takeOutputs()).clean.map((m) => m.claimId)).toEqual(['ES-ALONE']);
  });
});
