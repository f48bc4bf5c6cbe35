/** Pure arithmetic for the bench sections: means, percentiles, ratios and the Lambda cost of a measured duration. */

export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new Error('mean of no values');
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/**
 * The nearest-rank percentile: the smallest value that at least `p` % of the values are at or below.
 * So p99 of 400 samples is the 396th smallest, and it is always one of the samples.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of no values');
  if (!(p > 0 && p <= 100)) throw new Error(`percentile must be in (0, 100], got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[rank - 1] as number;
}

/** `part` as a share of `whole` (0.8 is 80 %). */
export function ratio(part: number, whole: number): number {
  if (!(whole > 0)) throw new Error(`ratio to ${whole}`);
  return part / whole;
}

export function formatPercent(share: number): string {
  return `${(share * 100).toFixed(0)} %`;
}

/** Lambda list prices for arm64 functions in us-east-1, and the date they were checked. */
export const LAMBDA_ARM64_PRICES = {
  region: 'us-east-1',
  perGbSecond: 0.0000133334,
  perMillionRequests: 0.2,
  checked: '2026-12-02',
} as const;

export interface LambdaCostInput {
  claims: number;
  claimsPerBatch: number;
  /** Billed duration of one invocation (ms). */
  msPerBatch: number;
  memoryMb: number;
  prices?: { perGbSecond: number; perMillionRequests: number };
}

export interface LambdaCost {
  invocations: number;
  gbSeconds: number;
  requestDollars: number;
  durationDollars: number;
  dollars: number;
}

/** What `claims` claims cost in Lambda: invocations × duration × memory in GB, at the per-GB-s and per-request prices. */
export function lambdaCost(input: LambdaCostInput): LambdaCost {
  const prices = input.prices ?? LAMBDA_ARM64_PRICES;
  const invocations = Math.ceil(input.claims / input.claimsPerBatch);
  const gbSeconds = invocations * (input.msPerBatch / 1000) * (input.memoryMb / 1024);
  const requestDollars = (invocations / 1_000_000) * prices.perMillionRequests;
  const durationDollars = gbSeconds * prices.perGbSecond;
  return { invocations, gbSeconds, requestDollars, durationDollars, dollars: requestDollars + durationDollars };
}
