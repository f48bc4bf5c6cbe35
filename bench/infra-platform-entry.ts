/**
 * The infra bench's "AWS SDK + Powertools" bundle: the clients, the Powertools logger, metrics and
 * tracer, and the middleware the scrub handler constructs at init, built as the handler builds them
 * (createAwsClients, powertoolsFromEnv, traceClients, middy with the same middlewares), around a
 * handler that does nothing. None of the project's domain code is in it.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { powertoolsFromEnv } from '../functions/powertools.ts';
import { traceClients } from '../functions/tracing.ts';
import { createAwsClients } from '../shared/aws/clients.ts';

const powertools = powertoolsFromEnv('scrub-claims', process.env);
const region = process.env.AWS_REGION ?? 'us-east-1';
export const clients = traceClients(powertools.tracer, createAwsClients({ region, endpoints: {} }, process.env));

export const handler = middy<SQSEvent, SQSBatchResponse, Error, Context>((event: SQSEvent, context: Context) =>
  processPartialResponse(event, () => Promise.resolve(), new BatchProcessor(EventType.SQS), { context }),
)
  .use(captureLambdaHandler(powertools.tracer, { captureResponse: false }))
  .use(injectLambdaContext(powertools.logger, { resetKeys: true }))
  .use(logMetrics(powertools.metrics, { captureColdStartMetric: true }));
