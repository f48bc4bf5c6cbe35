/**
 * The local SQS endpoint's own rate, with no handler: the ceiling the pipeline bench is measured
 * against. Messages go in as the pipeline's submitter sends them (`sendToIntake`: SendMessageBatch of
 * 10, 4 requests at a time) while `consumers` loops take them out as the local event source does
 * (ReceiveMessage of up to 10 with the same long-poll wait and attributes, then DeleteMessageBatch),
 * through the same client.
 */
import { DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { ClaimMessage } from '../shared/intake/claim-message.ts';
import { sendToIntake } from '../shared/aws/intake.ts';
import { MAX_RECEIVE_MESSAGES } from '../shared/aws/scrub-event-source.ts';

export interface QueueCeilingOptions {
  /** Receive-and-delete loops at once: the pipeline's execution environments. */
  consumers: number;
  /** ReceiveMessage's long-poll wait, the event source's. */
  waitTimeSeconds: number;
}

export interface QueueCeiling {
  messages: number;
  seconds: number;
  messagesPerSecond: number;
  receives: number;
}

/**
 * Sends `messages` to an empty queue and receives and deletes every one; the time runs until the last
 * is deleted. It resolves once every loop has returned: a loop in a long poll on the emptied queue
 * waits its poll out (up to `waitTimeSeconds`, untimed). Aborting that poll would not do: the emulator
 * keeps serving an abandoned poll and would hand it, invisible, the next run's first messages.
 */
export async function measureQueueCeiling(sqs: SQSClient, queueUrl: string, messages: readonly ClaimMessage[], options: QueueCeilingOptions): Promise<QueueCeiling> {
  const deleted = new Set<string>();
  let receives = 0;
  let failure: unknown;
  let lastDeleted = 0;
  const consume = async (): Promise<void> => {
    while (deleted.size < messages.length && failure === undefined) {
      const received = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: MAX_RECEIVE_MESSAGES,
          WaitTimeSeconds: options.waitTimeSeconds,
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
      );
      receives++;
      const batch = received.Messages ?? [];
      if (batch.length === 0) continue;
      const response = await sqs.send(
        new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: batch.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })) }),
      );
      if ((response.Failed ?? []).length > 0) throw new Error(`queue ceiling: ${response.Failed?.length} deletes failed`);
      for (const m of batch) deleted.add(m.MessageId ?? '');
      if (deleted.size >= messages.length) lastDeleted = performance.now();
    }
  };
  const started = performance.now();
  const consumers = Array.from({ length: options.consumers }, () =>
    consume().catch((error: unknown) => {
      failure ??= error;
    }),
  );
  const sent = await sendToIntake(sqs, queueUrl, messages);
  if (sent.failures.length > 0) {
    failure ??= new Error(`queue ceiling: ${sent.failures.length} messages not sent (${sent.failures[0]?.error.message})`);
  }
  await Promise.all(consumers);
  const seconds = (lastDeleted - started) / 1000;
  if (failure !== undefined) throw failure instanceof Error ? failure : new Error(String(failure));
  if (deleted.size !== messages.length) throw new Error(`queue ceiling: ${deleted.size} messages deleted, ${messages.length} sent`);
  const left = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
  const waiting = Number(left.Attributes?.ApproximateNumberOfMessages ?? 0) + Number(left.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
  if (waiting !== 0) throw new Error(`queue ceiling: ${waiting} messages left in the queue`);
  return { messages: messages.length, seconds, messagesPerSecond: messages.length / seconds, receives };
}
