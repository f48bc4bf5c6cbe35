import type { PublishBatchCommandInput, PublishBatchCommandOutput } from '@aws-sdk/client-sns';
import type { SendMessageBatchCommandInput, SendMessageBatchCommandOutput } from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { AlertPublisher } from '../../shared/aws/alert-publisher.ts';
import { sendToIntake } from '../../shared/aws/intake.ts';
import { QueueSender } from '../../shared/aws/queue-sender.ts';
import { manualClock } from './clock.ts';
import { fakeClient, serviceError } from './fake-client.ts';

type SqsOutput = Omit<SendMessageBatchCommandOutput, '$metadata'>;
type SnsOutput = Omit<PublishBatchCommandOutput, '$metadata'>;

afterEach(() => vi.restoreAllMocks());

const settle = (promises: Array<Promise<void>>) => Promise.allSettled(promises).then((results) => results.map((r) => (r.status === 'fulfilled' ? 'ok' : (r.reason as Error).message)));

/** SQS's answer: every entry sent, except those `fail` returns a failure for. */
function sqsAnswer(input: SendMessageBatchCommandInput, fail: (body: string) => 'sender' | 'server' | undefined = () => undefined): SqsOutput {
  const Successful: NonNullable<SqsOutput['Successful']> = [];
  const Failed: NonNullable<SqsOutput['Failed']> = [];
  for (const entry of input.Entries ?? []) {
    const fault = fail(entry.MessageBody ?? '');
    if (fault) Failed.push({ Id: entry.Id, SenderFault: fault === 'sender', Code: fault === 'sender' ? 'InvalidMessageContents' : 'InternalError' });
    else Successful.push({ Id: entry.Id, MessageId: `mid-${entry.MessageBody}`, MD5OfMessageBody: '' });
  }
  return { Successful, Failed };
}

const bodies = (input: SendMessageBatchCommandInput) => (input.Entries ?? []).map((entry) => entry.MessageBody);

describe('QueueSender', () => {
  test('messages sent in one turn share a SendMessageBatch per queue, with string attributes', async () => {
    const clock = manualClock();
    const sqs = fakeClient<SendMessageBatchCommandInput, SqsOutput>((input) => sqsAnswer(input));
    const sender = new QueueSender(sqs.client, clock.now() + 1_000);
    const sent = [
      sender.send('review', { body: 'r1', attributes: { claimId: 'C1', status: 'REVIEW' } }),
      sender.send('clean', { body: 'c1', attributes: {} }),
      sender.send('review', { body: 'r2', attributes: {} }),
    ];
    expect(await settle(sent)).toEqual(['ok', 'ok', 'ok']);
    expect(sqs.inputs.map((input) => [input.QueueUrl, bodies(input)])).toEqual([
      ['review', ['r1', 'r2']],
      ['clean', ['c1']],
    ]);
    expect(sqs.inputs[0]?.Entries?.[0]).toEqual({
      Id: '0',
      MessageBody: 'r1',
      MessageAttributes: { claimId: { DataType: 'String', StringValue: 'C1' }, status: { DataType: 'String', StringValue: 'REVIEW' } },
    });
  });

  test('no more than 10 messages per request', async () => {
    const clock = manualClock();
    const sqs = fakeClient<SendMessageBatchCommandInput, SqsOutput>((input) => sqsAnswer(input));
    const sender = new QueueSender(sqs.client, clock.now() + 1_000);
    await Promise.all(Array.from({ length: 23 }, (_, i) => sender.send('q', { body: `m${i}`, attributes: {} })));
    expect(sqs.inputs.map((input) => input.Entries?.length)).toEqual([10, 10, 3]);
  });

  test('resends what SQS failed on its side; a message refused as the sender’s fault fails its own caller only', async () => {
    const clock = manualClock();
    const sqs = fakeClient<SendMessageBatchCommandInput, SqsOutput>((input, call) =>
      sqsAnswer(input, (body) => (body === 'bad' ? 'sender' : body === 'unlucky' && call === 0 ? 'server' : undefined)),
    );
    const sender = new QueueSender(sqs.client, clock.now() + 1_000);
    const outcomes = await settle(['ok1', 'bad', 'unlucky'].map((body) => sender.send('q', { body, attributes: {} })));
    expect(outcomes).toEqual(['ok', expect.stringMatching(/^SQS refused entry: InvalidMessageContents/), 'ok']);
    expect(sqs.inputs.map(bodies)).toEqual([['ok1', 'bad', 'unlucky'], ['unlucky']]);
    // The resent entry keeps its id, so SQS's answer maps back to the right caller.
    expect(sqs.inputs[1]?.Entries?.[0]?.Id).toBe('2');
  });

  test('gives up at its deadline: the callers still pending fail', async () => {
    const clock = manualClock();
    const sqs = fakeClient<SendMessageBatchCommandInput, SqsOutput>(() => {
      clock.advance(600);
      throw serviceError('ServiceUnavailable');
    });
    const sender = new QueueSender(sqs.client, clock.now() + 1_000);
    expect(await settle([sender.send('q', { body: 'a', attributes: {} })])).toEqual(['ServiceUnavailable (fake)']);
    expect(sqs.inputs).toHaveLength(2);
  });
});

describe('AlertPublisher', () => {
  test('publishes the alerts of one turn in one PublishBatch, resending what SNS failed on its side', async () => {
    const clock = manualClock();
    const sns = fakeClient<PublishBatchCommandInput, SnsOutput>((input, call) => ({
      Failed:
        call === 0
          ? (input.PublishBatchRequestEntries ?? [])
              .filter((entry) => entry.Message !== 'a1')
              .map((entry) => ({ Id: entry.Id, SenderFault: entry.Message === 'bad', Code: 'X' }))
          : [],
    }));
    const publisher = new AlertPublisher(sns.client, 'arn:aws:sns:us-east-1:1:alerts', clock.now() + 1_000);
    const outcomes = await settle(['a1', 'bad', 'a3'].map((body) => publisher.publish({ body, attributes: { ruleId: 'SS-MEDICARE' } })));
    expect(outcomes).toEqual(['ok', expect.stringMatching(/^SNS refused entry: X/), 'ok']);
    expect(sns.commands).toEqual(['PublishBatchCommand', 'PublishBatchCommand']);
    expect(sns.inputs.map((input) => [input.TopicArn, input.PublishBatchRequestEntries?.map((entry) => [entry.Id, entry.Message])])).toEqual([
      [
        'arn:aws:sns:us-east-1:1:alerts',
        [
          ['0', 'a1'],
          ['1', 'bad'],
          ['2', 'a3'],
        ],
      ],
      ['arn:aws:sns:us-east-1:1:alerts', [['2', 'a3']]],
    ]);
    expect(sns.inputs[0]?.PublishBatchRequestEntries?.[0]?.MessageAttributes).toEqual({ ruleId: { DataType: 'String', StringValue: 'SS-MEDICARE' } });
  });
});

describe('sendToIntake', () => {
  const messages = (n: number) => Array.from({ length: n }, (_, i) => ({ body: `claim-${i}`, claimId: `C${i}`, attributes: { sourceIndex: String(i) } }));

  test('sends in batches of 10, the claimId as an attribute, and returns every message id in input order', async () => {
    manualClock();
    const sqs = fakeClient<SendMessageBatchCommandInput, SqsOutput>((input) => sqsAnswer(input));
    const progress: number[] = [];
    const outcome = await sendToIntake(sqs.client, 'intake', messages(25), { concurrency: 2, onProgress: (done) => progress.push(done) });
    expect(sqs.inputs.map((input) => input.Entries?.length).sort()).toEqual([10, 10, 5]);
    expect(outcome.failures).toEqual([]);
    expect(outcome.messageIds).toEqual(messages(25).map((m) => `mid-${m.body}`));
    expect(progress.at(-1)).toBe(25);
    expect(sqs.inputs[0]?.Entries?.[0]?.MessageAttributes).toEqual({
      sourceIndex: { DataType: 'String', StringValue: '0' },
      claimId: { DataType: 'String', StringValue: 'C0' },
    });
  });

  test('resends the entries SQS failed on its side; refused ones are failures at their index in the whole input', async () => {
    manualClock();
    let unluckyTries = 0;
    const sqs = fakeClient<SendMessageBatchCommandInput, SqsOutput>((input) =>
      sqsAnswer(input, (body) => {
        if (body === 'claim-13') return 'sender';
        if (body === 'claim-4') return ++unluckyTries < 3 ? 'server' : undefined;
        return undefined;
      }),
    );
    const outcome = await sendToIntake(sqs.client, 'intake', messages(15), { concurrency: 1 });
    expect(outcome.failures.map((f) => [f.index, f.error.message])).toEqual([[13, expect.stringMatching(/^SQS refused entry: InvalidMessageContents/)]]);
    expect(outcome.messageIds[4]).toBe('mid-claim-4');
    expect(outcome.messageIds[13]).toBeUndefined();
    expect(sqs.inputs.map(bodies)).toEqual([messages(10).map((m) => m.body), ['claim-4'], ['claim-4'], messages(15).slice(10).map((m) => m.body)]);
  });

  test('gives up on a batch after its retry budget and carries on with the next', async () => {
    const clock = manualClock();
    const sqs = fakeClient<SendMessageBatchCommandInput, SqsOutput>((input) => {
      clock.advance(400);
      return sqsAnswer(input, (body) => (body === 'claim-1' ? 'server' : undefined));
    });
    const outcome = await sendToIntake(sqs.client, 'intake', messages(12), { concurrency: 1, retryBudgetMs: 1_000 });
    expect(outcome.failures.map((f) => [f.index, f.error.message])).toEqual([[1, 'SQS failed 1 entries on its side']]);
    expect(outcome.messageIds.filter((id) => id !== undefined)).toHaveLength(11);
    // 400, 800 and 1,200 ms into a 1,000 ms budget: three tries of claim-1, then the last two claims.
    expect(sqs.inputs.map((input) => input.Entries?.length)).toEqual([10, 1, 1, 2]);
  });
});
