import type { ClaimCheckReader, WorklistStore } from '../../shared/application/worklist/ports.ts';
import { createAwsClients, type AwsClients } from '../../shared/aws/clients.ts';
import { awsConnectionFromEnv, DEFAULT_NAMES, resultRetentionDaysFromEnv, type Env } from '../../shared/aws/config.ts';
import { createS3Client } from '../../shared/aws/s3-client.ts';
import { WORKLIST_ENV } from '../../shared/aws/worklist-config.ts';
import { S3ClaimCheckReader } from '../../shared/aws/worklist-ports.ts';
import { DynamoWorklistStore } from '../../shared/aws/worklist-store.ts';
import { powertoolsFromEnv, type Powertools } from '../powertools.ts';
import { traceClients } from '../tracing.ts';
import { WORKLIST_FEED_SERVICE_NAME } from '../worklist-api/metric-names.ts';

export interface WorklistFeedDeps extends Powertools {
  store: WorklistStore;
  claimChecks: ClaimCheckReader;
}

/** The feed's store and claim-check reader, from environment variables only. It needs no organisations: it keeps every claim routed to review. */
export function worklistFeedDepsFromEnv(env: Env, clients?: AwsClients): WorklistFeedDeps {
  const connection = awsConnectionFromEnv(env);
  const powertools = powertoolsFromEnv(WORKLIST_FEED_SERVICE_NAME, env);
  const aws = traceClients(powertools.tracer, clients ?? createAwsClients(connection, env));
  const s3 = createS3Client(connection, env);
  powertools.tracer.captureAWSv3Client(s3);
  return {
    ...powertools,
    store: new DynamoWorklistStore(aws.dynamodb, env[WORKLIST_ENV.table] ?? DEFAULT_NAMES.worklistTable, resultRetentionDaysFromEnv(env)),
    claimChecks: new S3ClaimCheckReader(s3),
  };
}
