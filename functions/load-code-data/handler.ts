import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { createAwsClients } from '../../shared/aws/clients.ts';
import { loadCodeData, type LoadOutcome } from '../../shared/aws/code-data-loader.ts';
import { awsConnectionFromEnv, DEFAULT_NAMES } from '../../shared/aws/config.ts';
import { loadBundledCodeData } from '../../shared/files/code-data-files.ts';
import { loadBundledPayerPolicy } from '../../shared/files/payer-policy-files.ts';

export interface LoadCodeDataEvent {
  /** Rewrite the release even if it is already loaded. */
  force?: boolean;
  /** Load without switching the scrubber to it (default: switch). */
  activate?: boolean;
}

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'load-code-data' });
const clients = createAwsClients(awsConnectionFromEnv(process.env));
const table = process.env.CODES_TABLE_NAME ?? DEFAULT_NAMES.codesTable;

/**
 * Loads the release and payer policy bundled with the function into the code table (invoke it after
 * each deploy; an already-loaded release is only re-activated). Other releases load with the CLI.
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

export const handler = middy<LoadCodeDataEvent | undefined, LoadOutcome, Error, Context>(loadBundled).use(injectLambdaContext(logger));
