import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
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
  readonly notificationDeadLetterQueue: sqs.IQueue;
  readonly scrubFunction: lambda.IFunction;
  readonly loadCodeDataFunction: lambda.IFunction;
  readonly intakeFilesFunction: lambda.IFunction;
  readonly codesTable: dynamodb.ITable;
  readonly resultsTable: dynamodb.ITable;
  readonly alertTopic: sns.ITopic;
  readonly alarmTopic: sns.ITopic;
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

/**
 * The table operations whose throttles and system errors are watched: every call the functions make
 * and the reviewers' Query, with room for a transactional write. DynamoDB reports both metrics per
 * operation only, and an alarm on metric math takes at most ten metrics.
 */
export const WATCHED_TABLE_OPERATIONS = [
  dynamodb.Operation.GET_ITEM,
  dynamodb.Operation.BATCH_GET_ITEM,
  dynamodb.Operation.QUERY,
  dynamodb.Operation.PUT_ITEM,
  dynamodb.Operation.UPDATE_ITEM,
  dynamodb.Operation.DELETE_ITEM,
  dynamodb.Operation.BATCH_WRITE_ITEM,
  dynamodb.Operation.TRANSACT_WRITE_ITEMS,
] as const;

/**
 * The sum over WATCHED_TABLE_OPERATIONS of a per-operation table metric (ThrottledRequests,
 * SystemErrors). Each operation's series is filled with 0: these metrics are only reported when they are
 * not zero, and metric math drops a timestamp any series lacks.
 */
export function tableOperationsSum(
  table: dynamodb.ITable,
  tableLabel: 'codes' | 'results' | 'worklist',
  metricName: 'ThrottledRequests' | 'SystemErrors',
  period = Duration.minutes(5),
): cloudwatch.MathExpression {
  // Ids unique per table and metric: a dashboard graph holds both tables' sums, and ids must not repeat.
  const idPrefix = `${tableLabel}${metricName === 'ThrottledRequests' ? 'Throttled' : 'Errors'}`;
  const usingMetrics: Record<string, cloudwatch.IMetric> = {};
  WATCHED_TABLE_OPERATIONS.forEach((operation, i) => {
    usingMetrics[`${idPrefix}${i}`] = table.metric(metricName, { dimensionsMap: { TableName: table.tableName, Operation: operation }, statistic: cloudwatch.Stats.SUM, period });
  });
  return new cloudwatch.MathExpression({
    expression: `SUM([${Object.keys(usingMetrics).map((id) => `FILL(${id}, 0)`).join(', ')}])`,
    usingMetrics,
    label: `${tableLabel} table ${metricName}`,
    period,
  });
}
