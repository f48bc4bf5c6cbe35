import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SendOutcome } from '../application/ports.ts';
import type { ClaimMessage } from '../intake/claim-message.ts';
import { sendEntries } from './batch-entries.ts';
import { MAX_MESSAGES_PER_BATCH, stringAttributes } from './queue-sender.ts';

export interface IntakeOutcome extends SendOutcome {
  /** Message id per input index; undefined where sending failed. */
  messageIds: Array<string | undefined>;
  failures: Array<{ index: number; error: Error }>;
}

export interface SendToIntakeOptions {
  /** Parallel SendMessageBatch requests (default 4). */
  concurrency?: number;
  /** How long to keep resending entries SQS failed on its side (default 30 s). */
  retryBudgetMs?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Sends claims to a queue in SendMessageBatch batches of 10, resending failed entries. */
export async function sendToIntake(sqs: SQSClient, queueUrl: string, messages: readonly ClaimMessage[], options: SendToIntakeOptions = {}): Promise<IntakeOutcome> {
  const messageIds: Array<string | undefined> = messages.map(() => undefined);
  const failures: IntakeOutcome['failures'] = [];
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < messages.length) {
      const start = next;
      const chunk = messages.slice(start, start + MAX_MESSAGES_PER_BATCH);
      next += chunk.length;
      const outcomes = await sendEntries(chunk.length, Date.now() + (options.retryBudgetMs ?? 30_000), 'SQS', async (indexes) => {
        const response = await sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: indexes.map((i) => {
              const message = chunk[i] as ClaimMessage;
              const attributes = { ...message.attributes, ...(message.claimId ? { claimId: message.claimId } : {}) };
              return { Id: String(i), MessageBody: message.body, MessageAttributes: stringAttributes(attributes) };
            }),
          }),
        );
        for (const ok of response.Successful ?? []) messageIds[start + Number(ok.Id)] = ok.MessageId;
        return response.Failed;
      });
      outcomes.forEach((error, i) => {
        if (error) failures.push({ index: start + i, error });
      });
      done += chunk.length;
      options.onProgress?.(done, messages.length);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  failures.sort((a, b) => a.index - b.index);
  return { messageIds, failures };
}
