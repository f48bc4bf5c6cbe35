import { randomUUID } from 'node:crypto';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { createAwsClients } from '../../../shared/aws/clients.ts';
import { RequestCounter } from '../../../local/request-counter.ts';
import { awsConnectionFromEnv, type Env } from '../../../shared/aws/config.ts';
import { createScrubClaimsHandler, type ScrubClaimsHandler } from '../../../functions/scrub-claims/create-handler.ts';
import { scrubClaimsDepsFromEnv } from '../../../functions/scrub-claims/dependencies.ts';
import { withFaults, type FaultPlan } from '../../support/port-faults.ts';
import { lambdaContext } from '../../../local/lambda-context.ts';
import type { LocalStack } from '../../../local/stack.ts';

/** An SQS record as Lambda hands it over, for invoking the handler without a queue in between. */
export function sqsRecord(claim: object | string, options: { messageId?: string; receiveCount?: number } = {}): SQSRecord {
  const body = typeof claim === 'string' ? claim : JSON.stringify(claim);
  return {
    messageId: options.messageId ?? randomUUID(),
    receiptHandle: 'not-used',
    body,
    attributes: { ApproximateReceiveCount: String(options.receiveCount ?? 1), SentTimestamp: '0', SenderId: 'test', ApproximateFirstReceiveTimestamp: '0' },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:claims-intake',
    awsRegion: 'us-east-1',
  };
}

export function sqsEvent(records: SQSRecord[]): SQSEvent {
  return { Records: records };
}

/** A fresh "container" of the scrub function wired to the stack, its requests counted; `env` overrides the stack's variables. */
export function scrubFunction(
  stack: LocalStack,
  faults?: FaultPlan,
  env: Env = {},
): { invoke: (event: SQSEvent, timeoutMs?: number) => ReturnType<ScrubClaimsHandler>; requests: RequestCounter } {
  const clients = createAwsClients(awsConnectionFromEnv(stack.handlerEnv), {});
  const requests = new RequestCounter();
  for (const client of Object.values(clients)) requests.attach(client);
  const deps = scrubClaimsDepsFromEnv({ ...stack.handlerEnv, ...env }, clients);
  const handler = createScrubClaimsHandler(faults ? { ...deps, ports: withFaults(deps.ports, faults) } : deps);
  return { invoke: (event, timeoutMs = 8_000) => handler(event, lambdaContext('scrub-claims', 'us-east-1', Date.now() + timeoutMs)), requests };
}
