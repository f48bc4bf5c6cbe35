import type { SendMessageBatchCommandInput, SendMessageBatchCommandOutput } from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { BATCH_LIMITS, chunkByLimits, messageBytes } from '../../shared/aws/batch-limits.ts';
import { sendToIntake } from '../../shared/aws/intake.ts';
import { QueueSender } from '../../shared/aws/queue-sender.ts';
import { manualClock } from './clock.ts';
import { fakeClient } from './fake-client.ts';

type SqsOutput = Omit<SendMessageBatchCommandOutput, '$metadata'>;

afterEach(() => vi.restoreAllMocks());

/** SQS as it is: a request whose messages pass 256 KiB together is refused whole, as the caller's fault. */
function sqsWithSizeLimit(input: SendMessageBatchCommandInput): SqsOutput {
  const entries = input.Entries ?? [];
  const bytes = entries.reduce((sum, e) => sum + messageBytes({ body: e.MessageBody ?? '', attributes: Object.fromEntries(Object.entries(e.MessageAttributes ?? {}).map(([k, v]) => [k, v.StringValue ?? ''])) }), 0);
  if (bytes > BATCH_LIMITS.bytes) throw Object.assign(new Error('Batch requested too long'), { name: 'BatchRequestTooLong', $fault: 'client' });
  return { Successful: entries.map((e) => ({ Id: e.Id, MessageId: `mid-${e.Id}`, MD5OfMessageBody: '' })), Failed: [] };
}

const kib = (n: number, tag: string) => `${tag}:${'x'.repeat(n * 1024 - tag.length - 1)}`;

describe('batches cut by bytes as well as by count', () => {
  test('chunkByLimits: at most 10 items and 256 KiB a chunk; an item over the limit goes alone', () => {
    const sizes = [100, 100, 100, 300, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20].map((k) => k * 1024);
    expect(chunkByLimits(sizes, (s) => s).map((chunk) => chunk.map((s) => s / 1024))).toEqual([[100, 100], [100], [300], [20, 20, 20, 20, 20, 20, 20, 20, 20, 20]]);
  });

  test('messageBytes counts the body and each attribute name, type and value', () => {
    expect(messageBytes({ body: 'é', attributes: { claimId: 'C1' } })).toBe(2 + 'claimId'.length + 'String'.length + 2);
  });

  test('QueueSender: twelve 100 KiB review messages go out in requests SQS accepts, none refused', async () => {
    const clock = manualClock();
    const sqs = fakeClient<SendMessageBatchCommandInput, SqsOutput>((input) => sqsWithSizeLimit(input));
    const sender = new QueueSender(sqs.client, clock.now() + 1_000);
    const outcomes = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => sender.send('review', { body: kib(100, `m${i}`), attributes: { claimId: `C${i}` } })));
    expect(outcomes.every((o) => o.status === 'fulfilled')).toBe(true);
    expect(sqs.inputs.map((input) => input.Entries?.length)).toEqual([2, 2, 2, 2, 2, 2]);
  });

  test('a message too large for any batch fails alone, at once (no retries), and its neighbours are sent', async () => {
    const clock = manualClock();
    const sqs = fakeClient<SendMessageBatchCommandInput, SqsOutput>((input) => sqsWithSizeLimit(input));
    const sender = new QueueSender(sqs.client, clock.now() + 60_000);
    const outcomes = await Promise.allSettled([sender.send('review', { body: 'small-1', attributes: {} }), sender.send('review', { body: kib(300, 'huge'), attributes: {} }), sender.send('review', { body: 'small-2', attributes: {} })]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // The oversized request was tried once: retrying cannot make it fit.
    expect(sqs.inputs.filter((input) => (input.Entries ?? []).some((e) => e.MessageBody?.startsWith('huge'))).length).toBe(1);
  });

  test('sendToIntake: 30 claims of 60 KiB, in batches under 256 KiB, every one sent', async () => {
    manualClock();
    const sqs = fakeClient<SendMessageBatchCommandInput, SqsOutput>((input) => sqsWithSizeLimit(input));
    const messages = Array.from({ length: 30 }, (_, i) => ({ body: kib(60, `c${i}`), claimId: `C-${i}` }));
    const outcome = await sendToIntake(sqs.client, 'https://sqs.example/q', messages);
    expect(outcome.failures).toEqual([]);
    expect(outcome.messageIds.every((id) => id !== undefined)).toBe(true);
    expect(Math.max(...sqs.inputs.map((input) => input.Entries?.length ?? 0))).toBe(4);
  });
});
