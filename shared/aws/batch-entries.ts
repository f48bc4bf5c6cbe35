import { retryUntil } from './retry.ts';

/** The shape SQS SendMessageBatch and SNS PublishBatch both use for a failed entry. */
export interface FailedEntry {
  Id?: string;
  SenderFault?: boolean;
  Code?: string;
  Message?: string;
}

/**
 * Sends `count` entries with a batch API, resending the entries the service failed on its side until
 * the deadline. An entry refused as the sender's fault, or still failing at the deadline, fails alone.
 * `send` gets the indexes to send (used as entry ids) and returns the failed entries.
 */
export async function sendEntries(
  count: number,
  deadline: number,
  service: string,
  send: (indexes: number[]) => Promise<FailedEntry[] | undefined>,
): Promise<Array<Error | undefined>> {
  const outcomes: Array<Error | undefined> = Array.from({ length: count }, () => undefined);
  let pending = outcomes.map((_, i) => i);
  try {
    await retryUntil(deadline, async () => {
      const retry: number[] = [];
      for (const failed of (await send(pending)) ?? []) {
        const i = Number(failed.Id);
        if (failed.SenderFault) outcomes[i] = new Error(`${service} refused entry: ${failed.Code} ${failed.Message ?? ''}`);
        else retry.push(i);
      }
      pending = retry;
      if (pending.length > 0) throw new Error(`${service} failed ${pending.length} entries on its side`);
    });
  } catch (error) {
    for (const i of pending) outcomes[i] = error instanceof Error ? error : new Error(String(error));
  }
  return outcomes;
}
