import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { ScrubObserver } from '../../shared/application/scrub-batch.ts';
import { SCRUB_METRICS, SCRUB_STATUS_METRICS } from './metric-names.ts';

/**
 * The scrub service's events as the function's Powertools logs and EMF metrics. A claim is named by
 * its reference (a keyed hash), never by its claim id, which is a patient control number: PHI.
 */
export function powertoolsObserver(logger: Logger, metrics: Metrics): ScrubObserver {
  return {
    routed(record, result, destination) {
      metrics.addMetric(SCRUB_STATUS_METRICS[result.status], MetricUnit.Count, 1);
      if (result.medicareDenialRisk) metrics.addMetric(SCRUB_METRICS.denialRisk, MetricUnit.Count, 1);
      logger.info('claim scrubbed', {
        claimReference: record.claimReference,
        status: result.status,
        destination,
        ruleIds: [...new Set(result.findings.map((f) => f.ruleId))],
        medicareDenialRisk: result.medicareDenialRisk,
        codeRelease: result.codeRelease,
        receiveCount: record.receiveCount,
      });
    },
    duplicate(record) {
      metrics.addMetric(SCRUB_METRICS.duplicates, MetricUnit.Count, 1);
      logger.info('duplicate delivery skipped: this claim content was already routed', { claimReference: record.claimReference, messageId: record.messageId });
    },
    outdated(record, outcome) {
      metrics.addMetric(SCRUB_METRICS.outdated, MetricUnit.Count, 1);
      logger.warn(
        outcome === 'stale'
          ? 'older version skipped: a newer version of this claim is already recorded, so this copy is not routed'
          : 'routed, but a newer version of this claim was recorded meanwhile: consumers keep the newer claimVersion',
        { claimReference: record.claimReference, messageId: record.messageId, claimVersion: record.version, outcome },
      );
    },
    alertCompleted(record) {
      // Not counted as denial risk again: the claim was counted when it was routed.
      logger.info('Medicare-denial alert sent for a claim routed earlier', { claimReference: record.claimReference, messageId: record.messageId });
    },
    alertUnmarked(record, error) {
      logger.warn('Medicare-denial alert sent but not marked sent: a redelivery of this claim would alert again', {
        claimReference: record.claimReference,
        error: describe(error),
      });
    },
    failed(record, error) {
      metrics.addMetric(SCRUB_METRICS.recordsFailed, MetricUnit.Count, 1);
      logger.warn('claim not processed; SQS will deliver it again', {
        claimReference: record.claimReference,
        messageId: record.messageId,
        receiveCount: record.receiveCount,
        error: describe(error),
      });
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
