import { Duration } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { WORKLIST_API_SERVICE_NAME, WORKLIST_FEED_SERVICE_NAME, WORKLIST_METRICS } from '../functions/worklist-api/metric-names.ts';
import { alarmAdder } from './alarms.ts';
import { serviceMetric, tableOperationsSum } from './monitoring.ts';

/** What the worklist's alarms and dashboard row watch. */
export interface WorklistMonitored {
  readonly metricsNamespace: string;
  readonly api: apigwv2.IHttpApi;
  readonly apiFunction: lambda.IFunction;
  readonly feedFunction: lambda.IFunction;
  readonly table: dynamodb.ITable;
  /** The feed's event source. */
  readonly reviewQueue: sqs.IQueue;
}

const PERIOD = Duration.minutes(5);

/** The thresholds of the worklist's alarms (docs/operations.md names them). */
export const WORKLIST_ALARM_THRESHOLDS = {
  /** API answers 5xx in 5 minutes: requests that failed for a user. */
  serverErrors: 5,
  /** API answers 4xx in 5 minutes: expired sign-ins make a few; a spike is a page failing to sign in, or someone probing. */
  clientErrors: 100,
  /** The API's p95 latency, over three 5-minute periods. */
  latencyP95: Duration.seconds(2),
  /** The oldest review message: the feed normally takes it in seconds. */
  feedAge: Duration.minutes(15),
} as const;

/**
 * The worklist's alarms, to the construct's alarm topic: API server errors, a spike of refused
 * requests, slow answers, the functions' errors and throttles, the feed falling behind on the review
 * queue, and the worklist table's throttles and system errors.
 */
export function createWorklistAlarms(scope: Construct, w: WorklistMonitored, alarmTopic: sns.ITopic): cloudwatch.Alarm[] {
  const alarms: cloudwatch.Alarm[] = [];
  const add = alarmAdder(scope, alarmTopic, alarms);
  const atLeast = cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD;
  const t = WORKLIST_ALARM_THRESHOLDS;
  add('WorklistApiServerErrorsAlarm', {
    alarmDescription: `The worklist API answered ${t.serverErrors} or more requests with a 5xx in 5 minutes: reviewers see errors. The worklist-api function's log names each failure; check its errors, the worklist table and the queues it sends to.`,
    metric: w.api.metricServerError({ period: PERIOD, statistic: cloudwatch.Stats.SUM }),
    threshold: t.serverErrors,
    comparisonOperator: atLeast,
  });
  add('WorklistApiClientErrorsAlarm', {
    alarmDescription: `The worklist API refused ${t.clientErrors} or more requests (4xx) in 5 minutes: the page may fail to sign users in (a wrong client or domain after a change), or someone is trying tokens. The API's access log names the routes, statuses and authorizer errors.`,
    metric: w.api.metricClientError({ period: PERIOD, statistic: cloudwatch.Stats.SUM }),
    threshold: t.clientErrors,
    comparisonOperator: atLeast,
  });
  add('WorklistApiLatencyAlarm', {
    alarmDescription: `The worklist API's 95th percentile latency has been ${t.latencyP95.toHumanString()} or more for 15 minutes: pages load slowly. Look at the worklist-api function's duration and the table's throttles.`,
    metric: w.api.metricLatency({ period: PERIOD, statistic: cloudwatch.Stats.p(95) }),
    threshold: t.latencyP95.toMilliseconds(),
    comparisonOperator: atLeast,
    evaluationPeriods: 3,
  });
  const functions: Array<[string, lambda.IFunction, string, string]> = [
    ['WorklistApi', w.apiFunction, 'worklist-api', 'worklist-api function failed whole invocations (crash, timeout or init error): the API answered those requests with a 5xx'],
    ['WorklistFeed', w.feedFunction, 'worklist-feed', 'worklist-feed function failed whole invocations: its review messages are delivered again, and reach the review DLQ after maxReceiveCount failures'],
  ];
  for (const [name, fn, label, failure] of functions) {
    add(`${name}ErrorsAlarm`, {
      alarmDescription: `The ${failure}.`,
      metric: fn.metricErrors({ period: PERIOD, statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      comparisonOperator: atLeast,
    });
    add(`${name}ThrottlesAlarm`, {
      alarmDescription: `The ${label} function was throttled: the account concurrency quota is too low.`,
      metric: fn.metricThrottles({ period: PERIOD, statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      comparisonOperator: atLeast,
    });
  }
  add('WorklistFeedAgeAlarm', {
    alarmDescription: `The oldest message in the review queue has waited ${t.feedAge.toHumanString()} or more: the worklist feed is failing or stopped, and new claims to review are not on the worklist yet.`,
    metric: w.reviewQueue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1), statistic: cloudwatch.Stats.MAXIMUM }),
    threshold: t.feedAge.toSeconds(),
    comparisonOperator: atLeast,
    evaluationPeriods: 5,
  });
  add('WorklistTableThrottlesAlarm', {
    alarmDescription: 'DynamoDB throttled requests to the worklist table: the SDK retries them, then the request fails (a 5xx for a reviewer, a redelivery for the feed). Look for a hot key or an account limit.',
    metric: tableOperationsSum(w.table, 'worklist', 'ThrottledRequests', PERIOD),
    threshold: 1,
    comparisonOperator: atLeast,
  });
  add('WorklistTableSystemErrorsAlarm', {
    alarmDescription: 'DynamoDB answered requests to the worklist table with HTTP 500 errors (its own failures). Check the AWS Health Dashboard.',
    metric: tableOperationsSum(w.table, 'worklist', 'SystemErrors', PERIOD),
    threshold: 1,
    comparisonOperator: atLeast,
  });
  return alarms;
}

/** A dashboard row for the worklist: API traffic and latency, its function and the feed, and what the worklist did. */
export function addWorklistWidgets(dashboard: cloudwatch.Dashboard, w: WorklistMonitored): void {
  const period = PERIOD;
  const feedMetric = (name: string) => serviceMetric(w.metricsNamespace, WORKLIST_FEED_SERVICE_NAME, name, period);
  const apiMetric = (name: string) => serviceMetric(w.metricsNamespace, WORKLIST_API_SERVICE_NAME, name, period);
  dashboard.addWidgets(
    new cloudwatch.GraphWidget({
      title: 'Worklist API',
      left: [w.api.metricCount({ period }), w.api.metricClientError({ period }), w.api.metricServerError({ period })],
      right: [w.api.metricLatency({ period, statistic: cloudwatch.Stats.p(95) })],
      width: 8,
    }),
    new cloudwatch.GraphWidget({
      title: 'Worklist functions',
      left: [w.apiFunction, w.feedFunction].flatMap((fn) => [fn.metricInvocations({ period }), fn.metricErrors({ period }), fn.metricThrottles({ period })]),
      right: [w.apiFunction, w.feedFunction].map((fn) => fn.metricDuration({ period, statistic: cloudwatch.Stats.p(95) })),
      width: 8,
    }),
    new cloudwatch.GraphWidget({
      title: 'Worklist: items fed, corrections, API failures, table throttles',
      left: [feedMetric(WORKLIST_METRICS.fed), feedMetric(WORKLIST_METRICS.unchanged), apiMetric(WORKLIST_METRICS.corrections), apiMetric(WORKLIST_METRICS.apiFailures)],
      right: [tableOperationsSum(w.table, 'worklist', 'ThrottledRequests', period)],
      width: 8,
    }),
  );
}
