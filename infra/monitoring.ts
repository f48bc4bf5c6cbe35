import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';

/** What the alarms (alarms.ts) and the dashboard (dashboard.ts) watch. */
export interface MonitoredResources {
  /** CloudWatch namespace the functions write their own metrics to (POWERTOOLS_METRICS_NAMESPACE). */
  readonly metricsNamespace: string;
  readonly intakeQueue: sqs.IQueue;
  readonly intakeDeadLetterQueue: sqs.IQueue;
  readonly reviewQueue: sqs.IQueue;
  readonly reviewDeadLetterQueue: sqs.IQueue;
  readonly cleanQueue: sqs.IQueue;
  readonly cleanDeadLetterQueue: sqs.IQueue;
  readonly intakeFilesDeadLetterQueue: sqs.IQueue;
  readonly scrubFunction: lambda.IFunction;
  readonly loadCodeDataFunction: lambda.IFunction;
  readonly intakeFilesFunction: lambda.IFunction;
  readonly codesTable: dynamodb.ITable;
  readonly resultsTable: dynamodb.ITable;
}

/**
 * A metric a function writes with Powertools (EMF): in the functions' namespace, with the one default
 * dimension Powertools adds, `service` (the function's POWERTOOLS_SERVICE_NAME).
 */
export function serviceMetric(namespace: string, service: string, metricName: string, period = Duration.minutes(5)): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace,
    metricName,
    dimensionsMap: { service },
    statistic: cloudwatch.Stats.SUM,
    period,
  });
}
