import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { createAwsClients } from '../../shared/aws/clients.ts';
import { readActiveData } from '../../shared/aws/active-data.ts';
import { loadCodeData, type LoadOutcome } from '../../shared/aws/code-data-loader.ts';
import { awsConnectionFromEnv, DEFAULT_NAMES } from '../../shared/aws/config.ts';
import { loadBundledCodeData } from '../../shared/files/code-data-files.ts';
import { loadBundledPayerPolicy } from '../../shared/files/payer-policy-files.ts';
import { createTracer, traceClients } from '../tracing.ts';
import { customResourceResponse, isCustomResourceEvent, sendCustomResourceResponse, type CustomResourceEvent, type CustomResourceResult } from './deploy-event.ts';

export interface LoadCodeDataEvent {
  /** Rewrite the release even if it is already loaded. */
  force?: boolean;
  /** Load without switching the scrubber to it (default: switch). */
  activate?: boolean;
}

const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'load-code-data';
const logger = new Logger({ serviceName });
const tracer = createTracer(serviceName, process.env);
const clients = traceClients(tracer, createAwsClients(awsConnectionFromEnv(process.env)));
const table = process.env.CODES_TABLE_NAME ?? DEFAULT_NAMES.codesTable;

/**
 * Loads the release and payer policy bundled with the function into the code table; an already
 * loaded release is only re-activated. Other releases load with the CLI. No NCCI tables are bundled
 * (they carry CPT content under AMA terms): the pointer keeps the NCCI tables an operator loaded with
 * the CLI, so re-activating the bundled release does not drop them.
 */
async function loadBundled(event: LoadCodeDataEvent | undefined): Promise<LoadOutcome> {
  const outcome = await loadCodeData({
    ddb: clients.dynamodb,
    table,
    codes: loadBundledCodeData(),
    payers: loadBundledPayerPolicy(),
    force: event?.force === true,
    activate: event?.activate !== false,
  });
  logger.info('code data loaded', { ...outcome });
  return outcome;
}

/**
 * A deploy creates or updates the code-data resource: load, then answer CloudFormation, which fails
 * the deploy on FAILED. The bundled release is switched to only when the table has no active release
 * (the first deploy): a release an operator loaded since is never replaced by a deploy. Deleting the
 * resource (or the stack) leaves the code table as it is. Every load error is answered, never thrown,
 * so the deploy hears of it at once instead of at its timeout.
 */
async function answerDeploy(event: CustomResourceEvent, context: Context): Promise<void> {
  let result: CustomResourceResult;
  if (event.RequestType === 'Delete') {
    result = { status: 'SUCCESS', data: {} };
  } else {
    try {
      const activeBefore = await readActiveData(clients.dynamodb, table);
      const outcome = await loadBundled({ activate: activeBefore === undefined });
      if (activeBefore !== undefined) {
        logger.info('bundled release loaded, not activated: the table already has an active release; invoke the function to switch', {
          bundled: outcome.codeDataKey,
          active: activeBefore.codeDataKey,
        });
      }
      result = {
        status: 'SUCCESS',
        data: {
          Release: outcome.release,
          CodeDataKey: outcome.codeDataKey,
          CodesWritten: outcome.codesWritten,
          AlreadyLoaded: outcome.alreadyLoaded,
          ActiveCodeDataKey: (outcome.active ?? activeBefore)?.codeDataKey ?? '',
        },
      };
    } catch (error) {
      const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      logger.error('code data not loaded; the deploy fails', { requestType: event.RequestType, error: cause });
      result = { status: 'FAILED', reason: `Code data not loaded (${cause}). Log stream: ${context.logStreamName}` };
    }
  }
  await sendCustomResourceResponse(event.ResponseURL, customResourceResponse(event, `code-data:${table}`, result));
}

/** An operator's invoke (`{}`, `{"force":true}`) returns the outcome; CloudFormation's gets its answer at its ResponseURL. */
async function handle(event: LoadCodeDataEvent | CustomResourceEvent | undefined, context: Context): Promise<LoadOutcome | undefined> {
  if (isCustomResourceEvent(event)) {
    await answerDeploy(event, context);
    return undefined;
  }
  return loadBundled(event);
}

export const handler = middy<LoadCodeDataEvent | CustomResourceEvent | undefined, LoadOutcome | undefined, Error, Context>(handle)
  .use(captureLambdaHandler(tracer, { captureResponse: false }))
  .use(injectLambdaContext(logger));
