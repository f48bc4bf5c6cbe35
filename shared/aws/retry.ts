import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Calls `attempt` until it succeeds or the next wait would pass `deadline` (epoch ms), then throws the
 * last error. Used once outputs are sent: from then on giving up means a duplicate on redelivery.
 * An error that retrying cannot fix (see canRetry) is thrown at once.
 */
export async function retryUntil<T>(deadline: number, attempt: (tryNumber: number) => Promise<T>): Promise<T> {
  for (let tryNumber = 0; ; tryNumber++) {
    try {
      return await attempt(tryNumber);
    } catch (error) {
      const wait = backoffMs(tryNumber);
      if (!canRetry(error) || Date.now() + wait > deadline) throw error;
      await sleep(wait);
    }
  }
}

/** Full-jitter exponential backoff from 50 ms, capped at 1 s so recovery is noticed quickly. */
export function backoffMs(tryNumber: number): number {
  return Math.round(Math.random() * Math.min(1_000, 50 * 2 ** tryNumber)) + 10;
}

/** The fields the AWS SDK v3 sets on a service error. */
interface ServiceErrorFields {
  $fault?: 'client' | 'server';
  $retryable?: { throttling?: boolean };
}

/**
 * Whether trying the same request again can succeed. The AWS SDK marks a service error as the
 * client's fault (`$fault: 'client'`) when the request itself is wrong: too long a batch, access
 * denied, a disabled KMS key, a queue that does not exist. Those fail at once instead of for the
 * whole retry budget, unless the SDK also marks them retryable (throttling is a client fault too).
 * Everything else (server faults, throttling, a refused or timed-out connection, our own "entries
 * failed on the service's side") is worth another try.
 */
export function canRetry(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return true;
  const { $fault, $retryable } = error as ServiceErrorFields;
  return $fault !== 'client' || $retryable !== undefined;
}
