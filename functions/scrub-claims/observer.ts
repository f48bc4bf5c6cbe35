import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { ScrubObserver } from '../../shared/application/scrub-batch.ts';
import { SCRUB_METRICS, SCRUB_STATUS_METRICS } from './metric-names.ts';

/** The scrub service's events as the function's Powertools logs and EMF metrics. */
export function powertoolsObserver(logger: Logger, metrics: Metrics): ScrubObserver {
  return {
    routed(record, result, destination) {
      metrics.addMetric(SCRUB_STATUS_METRICS[result.status], MetricUnit.Count, 1);
      if (result.medicareDenialRisk) metrics.addMetric(SCRUB_METRICS.denialRisk, MetricUnit.Count, 1);
      logger.info('claim scrubbed', {
        claimId: record.trackingId,
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
      logger.info('duplicate delivery skipped: the claim was already routed', { claimId: record.trackingId, messageId: record.messageId });
    },
    failed(record, error) {
      metrics.addMetric(SCRUB_METRICS.recordsFailed, MetricUnit.Count, 1);
      logger.warn('claim not processed; SQS will deliver it again', {
        claimId: record.trackingId,
        messageId: record.messageId,
        receiveCount: record.receiveCount,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
    },
  };
}
