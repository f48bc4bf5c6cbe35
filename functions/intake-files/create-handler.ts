import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context, S3Event } from 'aws-lambda';
import type { IntakeFilesDeps } from './dependencies.ts';
import { fileOf } from './observer.ts';
import { processObject } from './process-object.ts';
import { objectRefsOf } from './s3-records.ts';

export type IntakeFilesHandler = (event: S3Event, context: Context) => Promise<void>;

/**
 * The inbox bucket's object-created function: each object is processed on its own. If any fails, the
 * invocation fails after the others are done, so Lambda retries the event (twice, then its DLQ); the
 * files already done are skipped on the retry by their markers.
 */
export function createIntakeFilesHandler(deps: IntakeFilesDeps): IntakeFilesHandler {
  const handle = async (event: S3Event, context: Context): Promise<void> => {
    const refs = objectRefsOf(event);
    let failed = 0;
    for (const ref of refs) {
      try {
        await processObject(ref, deps, context);
      } catch (error) {
        failed++;
        deps.logger.error('claims file not processed; the event will be retried', {
          ...fileOf(ref),
          error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        });
      }
    }
    if (failed > 0) throw new Error(`${failed} of ${refs.length} claims files were not processed`);
  };
  return middy<S3Event, void, Error, Context>(handle)
    .use(captureLambdaHandler(deps.tracer, { captureResponse: false }))
    .use(injectLambdaContext(deps.logger, { resetKeys: true }))
    .use(logMetrics(deps.metrics, { captureColdStartMetric: true }));
}
