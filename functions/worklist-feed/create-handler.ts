import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { feedRoutedMessage } from '../../shared/application/worklist/feed-service.ts';
import { WORKLIST_METRICS } from '../worklist-api/metric-names.ts';
import type { WorklistFeedDeps } from './dependencies.ts';

export type WorklistFeedHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/**
 * The review queue's consumer: applies each routed message to the worklist (partial batch responses, so
 * one unreadable message goes back alone and, after the redrive count, to the review DLQ). Logs name a
 * message by its id, never its claim.
 */
export function createWorklistFeedHandler(deps: WorklistFeedDeps): WorklistFeedHandler {
  const { logger, metrics } = deps;
  const feed = async (record: SQSRecord): Promise<void> => {
    try {
      const result = await feedRoutedMessage(record.body, deps.store, deps.claimChecks, () => new Date().toISOString());
      metrics.addMetric(result === 'applied' ? WORKLIST_METRICS.fed : WORKLIST_METRICS.unchanged, MetricUnit.Count, 1);
    } catch (error) {
      logger.error('routed message not applied to the worklist', { messageId: record.messageId, error: error instanceof Error ? { name: error.name, message: error.message } : String(error) });
      throw error;
    }
  };
  const handle = (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => processPartialResponse(event, feed, new BatchProcessor(EventType.SQS), { context });
  return middy<SQSEvent, SQSBatchResponse, Error, Context>(handle)
    .use(captureLambdaHandler(deps.tracer, { captureResponse: false }))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics));
}
