import { Logger } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '@aws-lambda-powertools/logger/types';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { Env } from '../shared/aws/config.ts';
import { DEFAULT_METRICS_NAMESPACE } from './scrub-claims/metric-names.ts';
import { createTracer } from './tracing.ts';

export interface Powertools {
  logger: Logger;
  metrics: Metrics;
  /** Off outside Lambda (tracing.ts). */
  tracer: Tracer;
}

/**
 * A function's logger, metrics and tracer, from the Powertools variables the construct sets
 * (POWERTOOLS_SERVICE_NAME, POWERTOOLS_LOG_LEVEL, POWERTOOLS_METRICS_NAMESPACE), with the function's
 * own service name and the project's namespace when they are absent.
 */
export function powertoolsFromEnv(defaultServiceName: string, env: Env): Powertools {
  const serviceName = env.POWERTOOLS_SERVICE_NAME ?? defaultServiceName;
  return {
    logger: new Logger({ serviceName, logLevel: (env.POWERTOOLS_LOG_LEVEL ?? 'INFO') as LogLevel }),
    metrics: new Metrics({ namespace: env.POWERTOOLS_METRICS_NAMESPACE ?? DEFAULT_METRICS_NAMESPACE, serviceName }),
    tracer: createTracer(serviceName, env),
  };
}
