import type { Finding, ScrubResult, ScrubStatus } from '../claim/result.ts';

const SECONDS_PER_DAY = 86_400;

export type Destination = 'review' | 'clean';

/** One row of the results table, keyed by claim id. Holds no PHI: only ids, codes and findings. */
export interface StoredResult {
  claimId: string;
  status: ScrubStatus;
  medicareDenialRisk: boolean;
  ruleIds: string[];
  findings: Finding[];
  codeRelease: string;
  rulesetVersion: string;
  destination: Destination;
  /** SHA-256 of the intake message body: a redelivery matches it, a corrected resubmission does not. */
  bodyHash: string;
  /** The intake message that produced this result. */
  messageId: string;
  scrubbedAt: string;
  /** Epoch seconds: the table's TTL attribute, so DynamoDB deletes the row after the retention period. */
  expiresAt: number;
}

export function storedResult(
  claimId: string,
  result: ScrubResult,
  delivery: { destination: Destination; bodyHash: string; messageId: string },
  retentionDays: number,
  now = Date.now(),
): StoredResult {
  return {
    claimId,
    status: result.status,
    medicareDenialRisk: result.medicareDenialRisk,
    ruleIds: [...new Set(result.findings.map((f) => f.ruleId))],
    findings: result.findings,
    codeRelease: result.codeRelease,
    rulesetVersion: result.rulesetVersion,
    ...delivery,
    scrubbedAt: new Date(now).toISOString(),
    expiresAt: Math.floor(now / 1000) + retentionDays * SECONDS_PER_DAY,
  };
}
