import { DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SqsEventSource } from './sqs-event-source.ts';

/**
 * Resolves once the intake queue holds nothing (visible, in flight or delayed) and no batch is running:
 * every claim submitted so far has then been routed or moved to the DLQ.
 */
export async function waitUntilDrained(sqs: SQSClient, queueUrl: string, eventSource: SqsEventSource, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quietChecks = 0;
  while (quietChecks < 2) {
    if (Date.now() > deadline) throw new Error(`the intake queue did not drain within ${timeoutMs / 1000} s`);
    await sleep(100);
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
      }),
    );
    const waiting =
      Number(Attributes.ApproximateNumberOfMessages ?? 0) +
      Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0) +
      Number(Attributes.ApproximateNumberOfMessagesDelayed ?? 0);
    quietChecks = waiting === 0 && !eventSource.inFlight ? quietChecks + 1 : 0;
  }
}

/** Receives every message a queue holds right now; `remove` deletes them (otherwise they reappear later). */
export async function receiveAll(sqs: SQSClient, queueUrl: string, options: { remove: boolean }): Promise<Message[]> {
  const received: Message[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        VisibilityTimeout: options.remove ? 30 : 5,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) return received;
    received.push(...Messages);
    if (options.remove) {
      await sqs.send(
        new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })) }),
      );
    }
  }
}
