import type { ScrubStatus } from '../../shared/claim/result.ts';

/** The scrub function's metrics: emitted by scrub-batch.ts, watched by the CDK construct's alarms and dashboard. */
export const SCRUB_METRICS = {
  clean: 'ClaimsClean',
  flagged: 'ClaimsFlagged',
  rejected: 'ClaimsRejected',
  denialRisk: 'MedicareDenialRisk',
  duplicates: 'DuplicateDeliveries',
  /** Copies of an older claim version: not routed (stale), or routed but not recorded (superseded). */
  outdated: 'OutdatedDeliveries',
  recordsFailed: 'RecordsFailed',
} as const;

/** The metric counting claims routed with this status. */
export const SCRUB_STATUS_METRICS: Readonly<Record<ScrubStatus, string>> = {
  clean: SCRUB_METRICS.clean,
  flagged: SCRUB_METRICS.flagged,
  rejected: SCRUB_METRICS.rejected,
};

/** Service name of the scrub function's Powertools logger and metrics; it is the metrics' `service` dimension. */
export const SCRUB_SERVICE_NAME = 'scrub-claims';
/** CloudWatch namespace of every function's metrics unless the construct is told otherwise. */
export const DEFAULT_METRICS_NAMESPACE = 'ClaimScrubber';
