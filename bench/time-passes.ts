export interface Timing {
  median: number;
  min: number;
  max: number;
  passes: number;
}

/** Consumed by every timed loop so the optimiser cannot drop the work it times. */
let sink = 0;

/** What the timed loops produced, summed: printed by the benches so the work is observably used. */
export function timedChecksum(): number {
  return sink;
}

/** One untimed warm-up pass (JIT, inline caches), then `passes` timed passes; items per second per pass. */
export function timePasses<T>(items: readonly T[], passes: number, run: (item: T) => number): Timing {
  for (const item of items) sink += run(item);
  const rates: number[] = [];
  for (let p = 0; p < passes; p++) {
    const started = performance.now();
    for (const item of items) sink += run(item);
    rates.push(items.length / ((performance.now() - started) / 1000));
  }
  rates.sort((a, b) => a - b);
  return { median: rates[Math.floor(rates.length / 2)] ?? 0, min: rates[0] ?? 0, max: rates[rates.length - 1] ?? 0, passes };
}
