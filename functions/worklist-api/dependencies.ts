import { WorklistService } from '../../shared/application/worklist/service.ts';
import { claimReferenceKeyResolver } from '../../shared/aws/claim-reference-key.ts';
import { createAwsClients, type AwsClients } from '../../shared/aws/clients.ts';
import type { Env } from '../../shared/aws/config.ts';
import { worklistConfigFromEnv } from '../../shared/aws/worklist-config.ts';
import { SqsWorklistOutbox } from '../../shared/aws/worklist-ports.ts';
import { DynamoWorklistStore } from '../../shared/aws/worklist-store.ts';
import { powertoolsFromEnv, type Powertools } from '../powertools.ts';
import { traceClients } from '../tracing.ts';
import { WORKLIST_API_SERVICE_NAME } from './metric-names.ts';

export interface WorklistApiDeps extends Powertools {
  service: WorklistService;
}

/** The worklist API's service and its adapters, from environment variables only (AWS, or the local stack's endpoints). */
export function worklistApiDepsFromEnv(env: Env, clients?: AwsClients): WorklistApiDeps {
  const config = worklistConfigFromEnv(env);
  const powertools = powertoolsFromEnv(WORKLIST_API_SERVICE_NAME, env);
  const aws = traceClients(powertools.tracer, clients ?? createAwsClients(config, env));
  return {
    ...powertools,
    service: new WorklistService({
      store: new DynamoWorklistStore(aws.dynamodb, config.table, config.retentionDays),
      outbox: new SqsWorklistOutbox(aws.sqs, config),
      organisations: config.organisations,
      claimReferenceKey: claimReferenceKeyResolver(config.claimReferenceKey),
    }),
  };
}
