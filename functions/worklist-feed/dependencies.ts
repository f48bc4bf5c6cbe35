import { Logger } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '@aws-lambda-powertools/logger/types';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { ClaimCheckReader, WorklistStore } from '../../shared/application/worklist/ports.ts';
import { createAwsClients, type AwsClients } from '../../shared/aws/clients.ts';
import { awsConnectionFromEnv, DEFAULT_NAMES, resultRetentionDaysFromEnv, type Env } from '../../shared/aws/config.ts';
import { createS3Client } from '../../shared/aws/s3-client.ts';
import { WORKLIST_ENV } from '../../shared/aws/worklist-config.ts';
import { S3ClaimCheckReader } from '../../shared/aws/worklist-ports.ts';
import { DynamoWorklistStore } from '../../shared/aws/worklist-store.ts';
import { createTracer, traceClients } from '../tracing.ts';
import { DEFAULT_METRICS_NAMESPACE } from '../scrub-claims/metric-names.ts';
import { WORKLIST_FEED_SERVICE_NAME } from '../worklist-api/metric-names.ts';

export interface WorklistFeedDeps {
  store: WorklistStore;
  claimChecks: ClaimCheckReader;
  logger: Logger;
  metrics: Metrics;
  tracer: Tracer;
}

/** The feed's store and claim-check reader, from environment variables only. It needs no organisations: it keeps every claim routed to review. */
export function worklistFeedDepsFromEnv(env: Env, clients?: AwsClients): WorklistFeedDeps {
  const connection = awsConnectionFromEnv(env);
  const serviceName = env.POWERTOOLS_SERVICE_NAME ?? WORKLIST_FEED_SERVICE_NAME;
  const tracer = createTracer(serviceName, env);
  const aws = traceClients(tracer, clients ?? createAwsClients(connection, env));
  const s3 = createS3Client(connection, env);
  tracer.captureAWSv3Client(s3);
  return {
    store: new DynamoWorklistStore(aws.dynamodb, env[WORKLIST_ENV.table] ?? DEFAULT_NAMES.worklistTable, resultRetentionDaysFromEnv(env)),
    claimChecks: new S3ClaimCheckReader(s3),
    logger: new Logger({ serviceName, logLevel: (env.POWERTOOLS_LOG_LEVEL ?? 'INFO') as LogLevel }),
    metrics: new Metrics({ namespace: env.POWERTOOLS_METRICS_NAMESPACE ?? DEFAULT_METRICS_NAMESPACE, serviceName }),
    tracer,
  };
}
