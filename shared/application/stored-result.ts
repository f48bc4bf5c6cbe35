import type { Finding, ScrubResult, ScrubStatus } from '../claim/result.ts';
import type { IntakeRecord } from './intake-record.ts';

const SECONDS_PER_DAY = 86_400;

export type Destination = 'review' | 'clean';

/**
 * Where the Medicare-denial alert of a row's claim version stands: `pending` from the moment the row
 * is written until the alert is published, then `sent`. A row without it needed no alert.
 */
export type AlertState = 'pending' | 'sent';

/**
 * One row of the results table, keyed by submitter and claim id (`resultKey`). Its claim id (a patient
 * control number) and findings (procedures and lines of a patient's claim, with their dates in the
 * messages) are PHI: the table is encrypted and the row kept only until `expiresAt`.
 */
export interface StoredResult {
  resultKey: string;
  claimId: string;
  /** The billing provider's NPI; null for a message that named none. */
  billingNpi: string | null;
  /** The claim version this row is the result of (claim-version.ts); an older one never replaces it. */
  version: string;
  status: ScrubStatus;
  medicareDenialRisk: boolean;
  ruleIds: string[];
  findings: Finding[];
  codeRelease: string;
  rulesetVersion: string;
  destination: Destination;
  /** Hash of the claim's canonical content: a copy with the same content is not routed again. */
  contentHash: string;
  /** The id every output of this claim version carried. */
  deduplicationId: string;
  alert?: AlertState;
  /** The intake message that produced this result. */
  messageId: string;
  scrubbedAt: string;
  /** Epoch seconds: the table's TTL attribute, so DynamoDB deletes the row after the retention period. */
  expiresAt: number;
}

/** What a batch reads of a stored row before scrubbing: enough to tell a copy, a stale copy, an unfinished alert. */
export type RecordedVersion = Pick<StoredResult, 'contentHash' | 'version' | 'alert'> & Partial<Pick<StoredResult, 'destination'>>;

export function storedResult(record: IntakeRecord, result: ScrubResult, destination: Destination, retentionDays: number, now = Date.now()): StoredResult {
  return {
    resultKey: record.resultKey,
    claimId: record.trackingId,
    billingNpi: record.submitterNpi,
    version: record.version,
    status: result.status,
    medicareDenialRisk: result.medicareDenialRisk,
    ruleIds: [...new Set(result.findings.map((f) => f.ruleId))],
    findings: result.findings,
    codeRelease: result.codeRelease,
    rulesetVersion: result.rulesetVersion,
    destination,
    contentHash: record.contentHash,
    deduplicationId: record.deduplicationId,
    ...(result.medicareDenialRisk ? { alert: 'pending' as const } : {}),
    messageId: record.messageId,
    scrubbedAt: new Date(now).toISOString(),
    expiresAt: Math.floor(now / 1000) + retentionDays * SECONDS_PER_DAY,
  };
}
