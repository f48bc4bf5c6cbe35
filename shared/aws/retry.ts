import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Calls `attempt` until it succeeds or the next wait would pass `deadline` (epoch ms), then throws the
 * last error. Used once outputs are sent: from then on giving up means a duplicate on redelivery.
 */
export async function retryUntil<T>(deadline: number, attempt: (tryNumber: number) => Promise<T>): Promise<T> {
  for (let tryNumber = 0; ; tryNumber++) {
    try {
      return await attempt(tryNumber);
    } catch (error) {
      const wait = backoffMs(tryNumber);
      if (Date.now() + wait > deadline) throw error;
      await sleep(wait);
    }
  }
}

/** Full-jitter exponential backoff from 50 ms, capped at 1 s so recovery is noticed quickly. */
export function backoffMs(tryNumber: number): number {
  return Math.round(Math.random() * Math.min(1_000, 50 * 2 ** tryNumber)) + 10;
}
