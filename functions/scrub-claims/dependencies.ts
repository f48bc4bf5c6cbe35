import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { ScrubPorts } from '../../shared/application/ports.ts';
import { claimReferenceKeyResolver } from '../../shared/aws/claim-reference-key.ts';
import { createAwsClients, type AwsClients } from '../../shared/aws/clients.ts';
import { CodeDataReader } from '../../shared/aws/code-data-reader.ts';
import { scrubClaimsConfigFromEnv, type Env, type ScrubClaimsConfig } from '../../shared/aws/config.ts';
import { awsScrubPorts } from '../../shared/aws/scrub-ports.ts';
import { powertoolsFromEnv } from '../powertools.ts';
import { traceClients } from '../tracing.ts';
import { SCRUB_SERVICE_NAME } from './metric-names.ts';

export interface ScrubClaimsDeps {
  config: ScrubClaimsConfig;
  /** The scrub service's ports; the code data cache behind them is the container's, shared by every invocation. */
  ports: ScrubPorts;
  /** The key of the claim references in logs, metrics and alerts, read once per container. */
  claimReferenceKey: () => Promise<string>;
  logger: Logger;
  metrics: Metrics;
  /** Off outside Lambda (functions/tracing.ts); in Lambda, every DynamoDB, SQS and SNS call is a trace subsegment. */
  tracer: Tracer;
}

/**
 * Everything the scrub function needs, from environment variables only: the same code serves AWS
 * (no endpoint variables) and the local stack (AWS_ENDPOINT_URL_* pointing at the emulators).
 */
export function scrubClaimsDepsFromEnv(env: Env, clients?: AwsClients): ScrubClaimsDeps {
  const config = scrubClaimsConfigFromEnv(env);
  const powertools = powertoolsFromEnv(SCRUB_SERVICE_NAME, env);
  const aws = traceClients(powertools.tracer, clients ?? createAwsClients(config, env));
  const codeData = new CodeDataReader({ ddb: aws.dynamodb, table: config.codesTable, activeDataTtlMs: config.activeDataTtlMs });
  return {
    config,
    ports: awsScrubPorts(aws, codeData, config),
    claimReferenceKey: claimReferenceKeyResolver(config.claimReferenceKey),
    ...powertools,
  };
}
