import { FullBatchFailureError } from '@aws-lambda-powertools/batch';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FaultStage } from '../../functions/scrub-claims/scrub-batch.ts';
import type { IntakeRecord } from '../../functions/scrub-claims/intake-record.ts';
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
      atStage: (stage: FaultStage, record: IntakeRecord) => {
        if (stage !== 'routed' || record.trackingId !== 'P-LATE-OUTAGE') return;
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

describe('code data reads', () => {
  test('once warm, a batch costs one DynamoDB read (the idempotency check) and no code-table read', async () => {
    const fn = scrubFunction(h.stack);
    const batch = (prefix: string) =>
      sqsEvent(
        Array.from({ length: 10 }, (_, i) =>
          sqsRecord(claimInput({ claimId: `${prefix}-${i}`, lines: [line(1, 'S9500', { modifiers: ['SS'] }), line(2, '99601', { modifiers: ['SS'], infusionMinutes: 100 })] })),
        ),
      );
    await fn.invoke(batch('W-COLD'));
    // Cold: the ACTIVE pointer plus one BatchGetItem for every code, modifier and payer of the batch.
    expect(fn.requests.count({ table: DEFAULT_NAMES.codesTable })).toBe(2);
    expect(fn.requests.count({ command: 'BatchGetItem', table: DEFAULT_NAMES.codesTable })).toBe(1);

    fn.requests.reset();
    await fn.invoke(batch('W-WARM'));
    expect(fn.requests.count({ table: DEFAULT_NAMES.codesTable })).toBe(0);
    // Every read (GetItem and BatchGetItem, both tables): just the results table's idempotency check.
    expect(fn.requests.count({ command: 'Get' })).toBe(1);
    expect(fn.requests.count({ command: 'BatchGetItem', table: DEFAULT_NAMES.resultsTable })).toBe(1);
    // Outputs and results are batched too: one SendMessageBatch, one BatchWriteItem for ten claims.
    expect(fn.requests.snapshot()).toMatchObject({ 'SendMessageBatchCommand -': 1, [`BatchWriteItemCommand ${DEFAULT_NAMES.resultsTable}`]: 1 });
    await h.takeOutputs();
  });
});
