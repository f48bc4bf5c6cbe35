import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Env } from '../shared/aws/config.ts';

/**
 * Whether a function traces its AWS calls to X-Ray: in Lambda only (AWS_EXECUTION_ENV is Lambda's own
 * variable) and unless POWERTOOLS_TRACE_ENABLED=false. The local stack and the tests run the same
 * handlers with neither X-Ray nor that variable, so there the tracer is off and wraps nothing.
 */
export function tracingWanted(env: Env): boolean {
  return env.AWS_EXECUTION_ENV !== undefined && env.AWS_EXECUTION_ENV !== '' && env.POWERTOOLS_TRACE_ENABLED !== 'false';
}

/**
 * The function's Powertools tracer. Outgoing HTTP(S) is not traced: the AWS calls are, by their clients
 * (traceClients), and the one other request, load-code-data's answer to CloudFormation, goes to a
 * pre-signed URL that should not be copied into a trace.
 */
export function createTracer(serviceName: string, env: Env): Tracer {
  return new Tracer({ serviceName, enabled: tracingWanted(env), captureHTTPsRequests: false });
}

/** Each AWS SDK v3 client, traced: every call appears in X-Ray as a subsegment (service, operation, resource, duration, error). */
export function traceClients<T extends object>(tracer: Tracer, clients: T): T {
  for (const client of Object.values(clients) as object[]) tracer.captureAWSv3Client(client);
  return clients;
}
