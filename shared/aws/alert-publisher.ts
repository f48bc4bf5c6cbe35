import { PublishBatchCommand, type SNSClient } from '@aws-sdk/client-sns';
import { sendEntries } from './batch-entries.ts';
import { BATCH_LIMITS, messageBytes } from './batch-limits.ts';
import { MicroBatcher } from './micro-batcher.ts';
import type { OutgoingMessage } from '../application/ports.ts';
import { stringAttributes } from './queue-sender.ts';


/** Publishes alerts to one SNS topic, batching the alerts of a Lambda batch into PublishBatch calls. */
export class AlertPublisher {
  private readonly batcher: MicroBatcher<OutgoingMessage>;

  constructor(sns: SNSClient, topicArn: string, deadline: number) {
    this.batcher = new MicroBatcher<OutgoingMessage>(BATCH_LIMITS.entries, (alerts) =>
      sendEntries(alerts.length, deadline, 'SNS', async (indexes) => {
        const response = await sns.send(
          new PublishBatchCommand({
            TopicArn: topicArn,
            PublishBatchRequestEntries: indexes.map((i) => ({
              Id: String(i),
              Message: alerts[i]?.body,
              MessageAttributes: stringAttributes(alerts[i]?.attributes ?? {}),
            })),
          }),
        );
        return response.Failed;
      }),
      { maxBytes: BATCH_LIMITS.bytes, sizeOf: messageBytes },
    );
  }

  publish(alert: OutgoingMessage): Promise<void> {
    return this.batcher.add(alert);
  }
}
