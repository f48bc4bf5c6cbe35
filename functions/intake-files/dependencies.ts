import { Logger } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '@aws-lambda-powertools/logger/types';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { createAwsClients, createSqsClient } from '../../shared/aws/clients.ts';
import { FileMarkers } from '../../shared/aws/file-marker.ts';
import { intakeFilesConfigFromEnv, type IntakeFilesConfig } from '../../shared/aws/intake-files-config.ts';
import { createS3Client } from '../../shared/aws/s3-client.ts';
import type { Env } from '../../shared/aws/config.ts';
import { DEFAULT_METRICS_NAMESPACE } from '../scrub-claims/metric-names.ts';
import { createTracer, traceClients } from '../tracing.ts';
import { INTAKE_FILES_SERVICE_NAME } from './metric-names.ts';

export interface IntakeFilesDeps {
  config: IntakeFilesConfig;
  s3: S3Client;
  sqs: SQSClient;
  dynamodb: DynamoDBDocumentClient;
  markers: FileMarkers;
  logger: Logger;
  metrics: Metrics;
  /** Off outside Lambda (functions/tracing.ts); in Lambda, every S3, SQS and DynamoDB call is a trace subsegment. */
  tracer: Tracer;
  /** Claims held before the first send (see ingestClaimsFile); tests lower it to see a file stream. */
  holdClaims?: number;
}

/**
 * A SendMessageBatch is answered in well under a second; one unanswered for this long is given up and
 * retried by sendToIntake, which must know what became of each attempt (one SDK attempt each).
 */
const SQS_REQUEST_TIMEOUT_MS = 5_000;

/** From environment variables only, so the same code serves AWS and the local stack. */
export function intakeFilesDepsFromEnv(env: Env): IntakeFilesDeps {
  const config = intakeFilesConfigFromEnv(env);
  const serviceName = env.POWERTOOLS_SERVICE_NAME ?? INTAKE_FILES_SERVICE_NAME;
  const tracer = createTracer(serviceName, env);
  const { dynamodb, sqs, s3 } = traceClients(tracer, {
    dynamodb: createAwsClients(config, env).dynamodb,
    sqs: createSqsClient(config, env, { requestTimeoutMs: SQS_REQUEST_TIMEOUT_MS, maxAttempts: 1 }),
    s3: createS3Client(config, env),
  });
  return {
    config,
    s3,
    sqs,
    dynamodb,
    tracer,
    markers: new FileMarkers(dynamodb, config.markerTable, config.markerRetentionDays),
    logger: new Logger({ serviceName, logLevel: (env.POWERTOOLS_LOG_LEVEL ?? 'INFO') as LogLevel }),
    metrics: new Metrics({ namespace: env.POWERTOOLS_METRICS_NAMESPACE ?? DEFAULT_METRICS_NAMESPACE, serviceName }),
  };
}
