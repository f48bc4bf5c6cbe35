import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { DeliveryUnknownError } from '../application/ingest-file.ts';
import type { SendOutcome } from '../application/ports.ts';
import type { ClaimMessage } from '../intake/claim-message.ts';
import { sendEntries } from './batch-entries.ts';
import { chunkByLimits, messageBytes } from './batch-limits.ts';
import { mayHaveBeenCarriedOut } from './network-error.ts';
import { stringAttributes } from './queue-sender.ts';
import { canRetry } from './retry.ts';

export interface SendToIntakeOptions {
  /** Parallel SendMessageBatch requests (default 4). */
  concurrency?: number;
  /** How long to keep resending a batch: entries SQS failed on its side, or a request that got no answer (default 30 s). */
  retryBudgetMs?: number;
  /** No batch is retried past this time (epoch ms), whatever its budget: the caller's own deadline. */
  deadline?: number;
  onProgress?: (done: number, total: number) => void;
  /** Shared by the sends of one file, so a queue that stopped answering is waited for once (see QueueOutage). */
  outage?: QueueOutage;
}

/**
 * Whether the intake queue stopped answering, shared by every send of one file. A batch whose
 * request still got no answer when its retry budget ran out (no connection, a timeout, a server
 * error) marks the queue down; from then on a batch not yet started fails at once instead of
 * waiting out a budget of its own, so a dead queue costs one budget, not one per batch.
 */
export class QueueOutage {
  /** The last error of the batch that found the queue down; undefined while it answers. */
  reason: Error | undefined;
}

/** A claim that was never tried: the queue had stopped answering before its batch's turn. */
export class NotAttemptedError extends Error {
  override readonly name = 'NotAttemptedError';
}

/**
 * Sends claims to a queue in SendMessageBatch batches of at most 10 messages and 256 KiB, resending
 * failed entries. A claim whose last request may have reached the queue unanswered fails with
 * DeliveryUnknownError: it may have arrived.
 */
export async function sendToIntake(sqs: SQSClient, queueUrl: string, messages: readonly ClaimMessage[], options: SendToIntakeOptions = {}): Promise<SendOutcome> {
  const messageIds: Array<string | undefined> = messages.map(() => undefined);
  const failures: Array<{ index: number; error: Error }> = [];
  const { outage } = options;
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
      const outcomes = outage?.reason ? chunk.map(() => new NotAttemptedError(`not sent: the queue had stopped answering (${outage.reason?.message})`)) : await sendBatch(sqs, queueUrl, chunk, start, messageIds, options);
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

/** One SendMessageBatch with its retries: each entry's error, if it failed, telling a lost answer from a refusal. */
async function sendBatch(
  sqs: SQSClient,
  queueUrl: string,
  chunk: readonly ClaimMessage[],
  start: number,
  messageIds: Array<string | undefined>,
  options: SendToIntakeOptions,
): Promise<Array<Error | undefined>> {
  const deadline = Math.min(Date.now() + (options.retryBudgetMs ?? 30_000), options.deadline ?? Number.POSITIVE_INFINITY);
  // Entries a request carried that went unanswered: whatever a later attempt says, they may have arrived.
  const unconfirmed = new Set<number>();
  let lastRequestError: unknown;
  const outcomes = await sendEntries(chunk.length, deadline, 'SQS', async (indexes) => {
    try {
      const response = await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: indexes.map((i) => {
            const message = withClaimId(chunk[i] as ClaimMessage);
            return { Id: String(i), MessageBody: message.body, MessageAttributes: stringAttributes(message.attributes) };
          }),
        }),
      );
      lastRequestError = undefined;
      for (const ok of response.Successful ?? []) messageIds[start + Number(ok.Id)] = ok.MessageId;
      return response.Failed;
    } catch (error) {
      lastRequestError = error;
      if (mayHaveBeenCarriedOut(error)) for (const i of indexes) unconfirmed.add(i);
      throw error;
    }
  });
  // The budget ran out on a request that got no answer (not a refusal retrying cannot fix): the queue is down.
  if (options.outage && !options.outage.reason && lastRequestError instanceof Error && canRetry(lastRequestError) && outcomes.some(Boolean)) options.outage.reason = lastRequestError;
  return outcomes.map((error, i) =>
    error && unconfirmed.has(i) ? new DeliveryUnknownError(`no answer from SQS (${error.message}): the claim may have arrived`) : error,
  );
}

/** The message as it travels: the claim id goes as a message attribute too. */
function withClaimId(message: ClaimMessage): { body: string; attributes: Record<string, string> } {
  return { body: message.body, attributes: { ...message.attributes, ...(message.claimId ? { claimId: message.claimId } : {}) } };
}
