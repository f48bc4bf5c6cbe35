import { FullBatchFailureError } from '@aws-lambda-powertools/batch';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FaultStage } from '../support/port-faults.ts';
import type { RequestCounter } from '../../local/request-counter.ts';
import { DEFAULT_NAMES } from '../../shared/aws/config.ts';
import { cleanClaim, flaggedClaim, line, claimInput } from './support/claims.ts';
import { scrubFunction, sqsEvent, sqsRecord } from './support/direct-invoke.ts';
import { ScriptedFaults } from './support/faults.ts';
import { startHarness, type Harness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  // The test invokes the handler itself, as Lambda would, so nothing polls the intake queue.
  h = await startHarness({ poll: false });
});
afterAll(() => h?.stop());

describe('partial batch responses', () => {
  test('one record failing is reported alone in batchItemFailures; the others are routed', async () => {
    const fn = scrubFunction(h.stack, new ScriptedFaults().crash('P-CRASH', 'received'));
    const records = [sqsRecord(cleanClaim('P-1')), sqsRecord(flaggedClaim('P-CRASH')), sqsRecord(flaggedClaim('P-2')), sqsRecord(cleanClaim('P-3'))];
    const response = await fn.invoke(sqsEvent(records));
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: records[1]?.messageId }]);
    const out = await h.takeOutputs();
    expect(out.clean.map((m) => m.claimId).sort()).toEqual(['P-1', 'P-3']);
    expect(out.review.map((m) => m.claimId)).toEqual(['P-2']);
  });

  test('DynamoDB unreachable: every record of the batch fails (SQS will retry them); once it is back they are routed', async () => {
    const fn = scrubFunction(h.stack);
    const records = [sqsRecord(cleanClaim('P-OUTAGE-1')), sqsRecord(flaggedClaim('P-OUTAGE-2'))];
    await h.stack.dynamo.pause();
    try {
      await expect(fn.invoke(sqsEvent(records))).rejects.toBeInstanceOf(FullBatchFailureError);
    } finally {
      await h.stack.dynamo.resume();
    }
    expect((await h.takeOutputs()).review).toHaveLength(0);

    const retried = await fn.invoke(sqsEvent(records.map((r) => ({ ...r, attributes: { ...r.attributes, ApproximateReceiveCount: '2' } }))));
    expect(retried.batchItemFailures).toEqual([]);
    const out = await h.takeOutputs();
    expect(out.clean.map((m) => m.claimId)).toEqual(['P-OUTAGE-1']);
    expect(out.review.map((m) => m.claimId)).toEqual(['P-OUTAGE-2']);
  });

  test('DynamoDB lost after the outputs went out: the result row is retried until it is back, so no redelivery and no duplicate', async () => {
    const outage = {
      at: (stage: FaultStage, claimId: string) => {
        if (stage !== 'routed' || claimId !== 'P-LATE-OUTAGE') return;
        void h.stack.dynamo.pause().then(() => setTimeout(() => void h.stack.dynamo.resume(), 1_500));
      },
    };
    const fn = scrubFunction(h.stack, outage);
    const response = await fn.invoke(sqsEvent([sqsRecord(flaggedClaim('P-LATE-OUTAGE'))]), 10_000);
    expect(response.batchItemFailures).toEqual([]);
    expect((await h.results(['P-LATE-OUTAGE'])).get('P-LATE-OUTAGE')).toMatchObject({ status: 'flagged' });
    expect((await h.takeOutputs()).review.map((m) => m.claimId)).toEqual(['P-LATE-OUTAGE']);
  });
});

describe('DynamoDB reads: one BatchGetItem per batch', () => {
  const batch = (prefix: string, size = 10, procedureCode = '99601') =>
    sqsEvent(
      Array.from({ length: size }, (_, i) =>
        sqsRecord(claimInput({ claimId: `${prefix}-${i}`, lines: [line(1, 'S9500', { modifiers: ['SS'] }), line(2, procedureCode, { modifiers: ['SS'], infusionMinutes: 100 })] })),
      ),
    );
  const reads = (requests: RequestCounter) => requests.requests('GetItem');

  test('cold, a batch reads twice (the pointer with the idempotency keys, then the codes of that release); warm, once, on the results table alone', async () => {
    const fn = scrubFunction(h.stack);
    await fn.invoke(batch('W-COLD'));
    expect(reads(fn.requests)).toBe(2);
    expect(fn.requests.requests('BatchGetItem')).toBe(2);
    expect(fn.requests.count({ table: DEFAULT_NAMES.codesTable })).toBe(2);
    expect(fn.requests.count({ table: DEFAULT_NAMES.resultsTable, command: 'BatchGetItem' })).toBe(1);

    fn.requests.reset();
    await fn.invoke(batch('W-WARM', 25));
    expect(reads(fn.requests)).toBe(1);
    expect(fn.requests.count({ command: 'BatchGetItem', table: DEFAULT_NAMES.resultsTable })).toBe(1);
    expect(fn.requests.count({ table: DEFAULT_NAMES.codesTable })).toBe(0);
    // Outputs are batched too: 25 clean claims need three SendMessageBatch (10 each). Rows are one
    // conditional PutItem each, so a row never replaces a newer version's (BatchWriteItem takes no condition).
    expect(fn.requests.snapshot()).toMatchObject({ 'SendMessageBatchCommand -': 3, [`PutItemCommand ${DEFAULT_NAMES.resultsTable}`]: 25 });
    await h.takeOutputs();
  });

  test('a warm batch whose pointer TTL ran out, naming a code not cached yet, still makes one read: pointer, code and idempotency keys together', async () => {
    const fn = scrubFunction(h.stack, undefined, { ACTIVE_DATA_TTL_SECONDS: '0' });
    await fn.invoke(batch('T-COLD'));
    fn.requests.reset();
    await fn.invoke(batch('T-WARM', 10, '99602'));
    expect(reads(fn.requests)).toBe(1);
    expect(fn.requests.count({ command: 'BatchGetItem', table: DEFAULT_NAMES.codesTable })).toBe(1);
    expect(fn.requests.count({ command: 'BatchGetItem', table: DEFAULT_NAMES.resultsTable })).toBe(1);
    expect(reads(fn.requests) - fn.requests.requests('BatchGetItem')).toBe(0);
    const out = await h.takeOutputs();
    expect([...out.clean, ...out.review].filter((m) => m.claimId.startsWith('T-WARM'))).toHaveLength(10);
  });

  test('more keys than one BatchGetItem takes (100) are split over requests, and every claim is still checked', async () => {
    const fn = scrubFunction(h.stack);
    await fn.invoke(batch('S-WARMUP'));
    fn.requests.reset();
    const response = await fn.invoke(batch('S-BIG', 150));
    expect(response.batchItemFailures).toEqual([]);
    expect(reads(fn.requests)).toBe(2);
    const again = await fn.invoke(batch('S-BIG', 150));
    expect(again.batchItemFailures).toEqual([]);
    const out = await h.takeOutputs();
    // The second delivery found all 150 rows: nothing routed twice.
    expect([...out.clean, ...out.review].filter((m) => m.claimId.startsWith('S-BIG'))).toHaveLength(150);
  });
});

describe('result rows', () => {
  test('carry expiresAt (epoch seconds, the table TTL attribute) RESULT_RETENTION_DAYS after scrubbedAt, 400 days by default', async () => {
    const defaults = scrubFunction(h.stack);
    const short = scrubFunction(h.stack, undefined, { RESULT_RETENTION_DAYS: '30' });
    await defaults.invoke(sqsEvent([sqsRecord(cleanClaim('X-DEFAULT'))]));
    await short.invoke(sqsEvent([sqsRecord(cleanClaim('X-SHORT'))]));
    const rows = await h.results(['X-DEFAULT', 'X-SHORT']);
    for (const [claimId, days] of [['X-DEFAULT', 400], ['X-SHORT', 30]] as const) {
      const row = rows.get(claimId);
      expect(Number.isInteger(row?.expiresAt)).toBe(true);
      expect(row?.expiresAt).toBe(Math.floor(Date.parse(row?.scrubbedAt ?? '') / 1000) + days * 86_400);
    }
    await h.takeOutputs();
  });
});
