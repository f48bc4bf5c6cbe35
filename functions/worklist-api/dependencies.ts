import { Logger } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '@aws-lambda-powertools/logger/types';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { WorklistService } from '../../shared/application/worklist/service.ts';
import { claimReferenceKeyResolver } from '../../shared/aws/claim-reference-key.ts';
import { createAwsClients, type AwsClients } from '../../shared/aws/clients.ts';
import type { Env } from '../../shared/aws/config.ts';
import { worklistConfigFromEnv } from '../../shared/aws/worklist-config.ts';
import { SqsWorklistOutbox } from '../../shared/aws/worklist-ports.ts';
import { DynamoWorklistStore } from '../../shared/aws/worklist-store.ts';
import { createTracer, traceClients } from '../tracing.ts';
import { DEFAULT_METRICS_NAMESPACE } from '../scrub-claims/metric-names.ts';
import { WORKLIST_API_SERVICE_NAME } from './metric-names.ts';

export interface WorklistApiDeps {
  service: WorklistService;
  logger: Logger;
  metrics: Metrics;
  tracer: Tracer;
}

/** The worklist API's service and its adapters, from environment variables only (AWS, or the local stack's endpoints). */
export function worklistApiDepsFromEnv(env: Env, clients?: AwsClients): WorklistApiDeps {
  const config = worklistConfigFromEnv(env);
  const serviceName = env.POWERTOOLS_SERVICE_NAME ?? WORKLIST_API_SERVICE_NAME;
  const tracer = createTracer(serviceName, env);
  const aws = traceClients(tracer, clients ?? createAwsClients(config, env));
  return {
    service: new WorklistService({
      store: new DynamoWorklistStore(aws.dynamodb, config.table, config.retentionDays),
      outbox: new SqsWorklistOutbox(aws.sqs, config),
      organisations: config.organisations,
      claimReferenceKey: claimReferenceKeyResolver(config.claimReferenceKey),
    }),
    logger: new Logger({ serviceName, logLevel: (env.POWERTOOLS_LOG_LEVEL ?? 'INFO') as LogLevel }),
    metrics: new Metrics({ namespace: env.POWERTOOLS_METRICS_NAMESPACE ?? DEFAULT_METRICS_NAMESPACE, serviceName }),
    tracer,
  };
}
