import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SendOutcome } from '../application/ports.ts';
import type { ClaimMessage } from '../intake/claim-message.ts';
import { sendEntries } from './batch-entries.ts';
import { chunkByLimits, messageBytes } from './batch-limits.ts';
import { stringAttributes } from './queue-sender.ts';

export interface SendToIntakeOptions {
  /** Parallel SendMessageBatch requests (default 4). */
  concurrency?: number;
  /** How long to keep resending entries SQS failed on its side (default 30 s). */
  retryBudgetMs?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Sends claims to a queue in SendMessageBatch batches of at most 10 messages and 256 KiB, resending failed entries. */
export async function sendToIntake(sqs: SQSClient, queueUrl: string, messages: readonly ClaimMessage[], options: SendToIntakeOptions = {}): Promise<SendOutcome> {
  const messageIds: Array<string | undefined> = messages.map(() => undefined);
  const failures: Array<{ index: number; error: Error }> = [];
  // Each chunk with the index of its first message; a chunk never passes the batch limits.
  const chunks: Array<{ start: number; chunk: ClaimMessage[] }> = [];
  let offset = 0;
  for (const chunk of chunkByLimits(messages, (m) => messageBytes(withClaimId(m)))) {
    chunks.push({ start: offset, chunk });
    offset += chunk.length;
  }
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const { start, chunk } = chunks[next++] as { start: number; chunk: ClaimMessage[] };
      const outcomes = await sendEntries(chunk.length, Date.now() + (options.retryBudgetMs ?? 30_000), 'SQS', async (indexes) => {
        const response = await sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: indexes.map((i) => {
              const message = withClaimId(chunk[i] as ClaimMessage);
              return { Id: String(i), MessageBody: message.body, MessageAttributes: stringAttributes(message.attributes) };
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

/** The message as it travels: the claim id goes as a message attribute too. */
function withClaimId(message: ClaimMessage): { body: string; attributes: Record<string, string> } {
  return { body: message.body, attributes: { ...message.attributes, ...(message.claimId ? { claimId: message.claimId } : {}) } };
}
