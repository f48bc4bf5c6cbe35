import { SendMessageBatchCommand, type MessageAttributeValue, type SQSClient } from '@aws-sdk/client-sqs';
import { sendEntries } from './batch-entries.ts';
import { BATCH_LIMITS, messageBytes } from './batch-limits.ts';
import { MicroBatcher } from './micro-batcher.ts';
import type { OutgoingMessage } from '../application/ports.ts';

export function stringAttributes(attributes: Record<string, string>): Record<string, MessageAttributeValue> {
  return Object.fromEntries(Object.entries(attributes).map(([name, value]) => [name, { DataType: 'String', StringValue: value }]));
}

/** Sends messages to SQS queues in batches of 10 shared among the records of a Lambda batch. */
export class QueueSender {
  private readonly sqs: SQSClient;
  private readonly deadline: number;
  private readonly batchers = new Map<string, MicroBatcher<OutgoingMessage>>();

  constructor(sqs: SQSClient, deadline: number) {
    this.sqs = sqs;
    this.deadline = deadline;
  }

  /** Whether SQS takes the message: a larger one would be refused however it is batched. */
  fits(message: OutgoingMessage): boolean {
    return messageBytes(message) <= BATCH_LIMITS.bytes;
  }

  send(queueUrl: string, message: OutgoingMessage): Promise<void> {
    let batcher = this.batchers.get(queueUrl);
    if (!batcher) {
      batcher = new MicroBatcher<OutgoingMessage>(BATCH_LIMITS.entries, (messages) =>
        sendEntries(messages.length, this.deadline, 'SQS', async (indexes) => {
          const response = await this.sqs.send(
            new SendMessageBatchCommand({
              QueueUrl: queueUrl,
              Entries: indexes.map((i) => ({
                Id: String(i),
                MessageBody: messages[i]?.body,
                MessageAttributes: stringAttributes(messages[i]?.attributes ?? {}),
              })),
            }),
          );
          return response.Failed;
        }),
        { maxBytes: BATCH_LIMITS.bytes, sizeOf: messageBytes },
      );
      this.batchers.set(queueUrl, batcher);
    }
    return batcher.add(message);
  }
}
