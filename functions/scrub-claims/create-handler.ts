import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { IntakeDelivery } from '../../shared/application/intake-record.ts';
import { ScrubBatch, type ScrubObserver } from '../../shared/application/scrub-batch.ts';
import { CLAIM_VERSION_ATTRIBUTE } from '../../shared/intake/claim-version.ts';
import type { ScrubClaimsDeps } from './dependencies.ts';
import { powertoolsObserver } from './observer.ts';

/** Retrying a write after the outputs went out is worth up to this long, within the invocation's time. */
const MAX_RETRY_BUDGET_MS = 20_000;

export type ScrubClaimsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

export interface ScrubHandlerOptions {
  /** Wraps the function's observer, so whoever hosts it (the local stack's `--serve` view) hears the scrub service's events too. */
  observe?: (observer: ScrubObserver) => ScrubObserver;
}

/** The SQS-triggered scrub function: partial batch responses, Powertools logger, EMF metrics and X-Ray traces. */
export function createScrubClaimsHandler(deps: ScrubClaimsDeps, options: ScrubHandlerOptions = {}): ScrubClaimsHandler {
  const logsAndMetrics = powertoolsObserver(deps.logger, deps.metrics);
  const observer = options.observe ? options.observe(logsAndMetrics) : logsAndMetrics;
  const scrubBatch = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const budget = Math.min(MAX_RETRY_BUDGET_MS, context.getRemainingTimeInMillis() - 2_000);
    const batch = new ScrubBatch(event.Records.map(deliveryOf), deps.ports, observer, {
      resultRetentionDays: deps.config.resultRetentionDays,
      deadline: Date.now() + Math.max(1_000, budget),
      claimReferenceKey: await deps.claimReferenceKey(),
      ...(deps.config.worklistUrl ? { worklistUrl: deps.config.worklistUrl } : {}),
    });
    // A processor keeps per-batch state; a new one per invocation keeps concurrent local invocations apart.
    return processPartialResponse(event, (record: SQSRecord) => batch.process(deliveryOf(record)), new BatchProcessor(EventType.SQS), { context });
  };
  return middy<SQSEvent, SQSBatchResponse, Error, Context>(scrubBatch)
    // The response lists failed message ids only, but a trace is no place for it; the annotations say enough.
    .use(captureLambdaHandler(deps.tracer, { captureResponse: false }))
    .use(injectLambdaContext(deps.logger, { resetKeys: true }))
    .use(logMetrics(deps.metrics, { captureColdStartMetric: true }));
}

/** An SQS record as the scrub service reads it. */
export function deliveryOf(record: SQSRecord): IntakeDelivery {
  return {
    messageId: record.messageId,
    body: record.body,
    receiveCount: Number(record.attributes?.ApproximateReceiveCount ?? '1'),
    sentTimestamp: sentTimestampOf(record),
    attributes: {
      claimId: record.messageAttributes?.claimId?.stringValue,
      sourcePosition: record.messageAttributes?.sourcePosition?.stringValue,
      [CLAIM_VERSION_ATTRIBUTE]: record.messageAttributes?.[CLAIM_VERSION_ATTRIBUTE]?.stringValue,
    },
  };
}

function sentTimestampOf(record: SQSRecord): number | undefined {
  const sent = Number(record.attributes?.SentTimestamp);
  return Number.isFinite(sent) && sent > 0 ? sent : undefined;
}
