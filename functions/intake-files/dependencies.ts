import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { createAwsClients, createSqsClient } from '../../shared/aws/clients.ts';
import { FileMarkers } from '../../shared/aws/file-marker.ts';
import { intakeFilesConfigFromEnv, type IntakeFilesConfig } from '../../shared/aws/intake-files-config.ts';
import { createS3Client } from '../../shared/aws/s3-client.ts';
import type { Env } from '../../shared/aws/config.ts';
import { powertoolsFromEnv } from '../powertools.ts';
import { traceClients } from '../tracing.ts';
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
  const powertools = powertoolsFromEnv(INTAKE_FILES_SERVICE_NAME, env);
  const { dynamodb, sqs, s3 } = traceClients(powertools.tracer, {
    dynamodb: createAwsClients(config, env).dynamodb,
    sqs: createSqsClient(config, env, { requestTimeoutMs: SQS_REQUEST_TIMEOUT_MS, maxAttempts: 1 }),
    s3: createS3Client(config, env),
  });
  return {
    config,
    s3,
    sqs,
    dynamodb,
    ...powertools,
    markers: new FileMarkers(dynamodb, config.markerTable, config.markerRetentionDays),
  };
}
