import { vi } from 'vitest';

/**
 * Replaces `Date.now` (what the retry deadlines are measured with) by a clock the test moves, and pins
 * the backoff's jitter to its floor (10 ms) so retries stay fast and deterministic. Sleeps stay real.
 */
export function manualClock(start = 1_000_000): { advance: (ms: number) => void; now: () => number } {
  let now = start;
  vi.spyOn(Date, 'now').mockImplementation(() => now);
  vi.spyOn(Math, 'random').mockReturnValue(0);
  return { advance: (ms) => (now += ms), now: () => now };
}
