import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { SCRUB_METRICS, SCRUB_SERVICE_NAME } from '../functions/scrub-claims/metric-names.ts';
import type { Settings } from './claim-scrubber-settings.ts';
import { serviceMetric, tableOperationsSum, type MonitoredResources } from './monitoring.ts';

/** Alarm props; one evaluation period unless said otherwise. */
export type AddAlarm = (id: string, props: Omit<cloudwatch.AlarmProps, 'evaluationPeriods'> & { evaluationPeriods?: number }) => void;

const PERIOD = Duration.minutes(5);

/**
 * Adds each alarm to `alarms`, notifying the alarm topic when it fires and when it recovers; missing
 * data (nothing happened) is not a breach.
 */
export function alarmAdder(scope: Construct, alarmTopic: sns.ITopic, alarms: cloudwatch.Alarm[]): AddAlarm {
  const action = new SnsAction(alarmTopic);
  return (id, alarmProps) => {
    const alarm = new cloudwatch.Alarm(scope, id, { treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING, ...alarmProps, evaluationPeriods: alarmProps.evaluationPeriods ?? 1 });
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    alarms.push(alarm);
  };
}

/**
 * The operational alarms: every queue's oldest message and every DLQ's depth, errors and throttles of
 * every function, the scrub function's failed records, table throttles and system errors, undelivered
 * notifications, and a run of Medicare denial risk. Each notifies the alarm topic when it fires and when
 * it recovers; missing data (nothing happened) is not a breach.
 */
export function createAlarms(scope: Construct, watched: MonitoredResources, settings: Settings, alarmTopic: sns.ITopic): cloudwatch.Alarm[] {
  const alarms: cloudwatch.Alarm[] = [];
  const add = alarmAdder(scope, alarmTopic, alarms);
  queueAlarms(add, watched, settings);
  functionAlarms(add, watched, settings);
  tableAlarms(add, watched);
  notificationAlarms(add, watched);
  add('DenialRiskAlarm', {
    alarmDescription: `${settings.denialRiskAlarmThreshold} or more claims with Medicare denial risk in ${settings.denialRiskAlarmPeriod.toHumanString()}: look for a billing pattern (SS or non-covered codes billed to Medicare). Single claims are reported one by one on the alert topic.`,
    metric: serviceMetric(watched.metricsNamespace, SCRUB_SERVICE_NAME, SCRUB_METRICS.denialRisk, settings.denialRiskAlarmPeriod),
    threshold: settings.denialRiskAlarmThreshold,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
  });
  return alarms;
}

const oldest = (queue: sqs.IQueue, period = Duration.minutes(1)) => queue.metricApproximateAgeOfOldestMessage({ period, statistic: cloudwatch.Stats.MAXIMUM });

/** Each queue's oldest message (claims waiting, a consumer stopped, a dead letter about to expire) and each DLQ's depth. */
function queueAlarms(add: AddAlarm, w: MonitoredResources, settings: Settings): void {
  add('IntakeAgeAlarm', {
    alarmDescription: `The oldest intake claim has waited ${settings.maxIntakeAge.toHumanString()} or more: claims arrive faster than they are scrubbed, or the scrub function is failing.`,
    metric: oldest(w.intakeQueue),
    threshold: settings.maxIntakeAge.toSeconds(),
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 5,
  });
  for (const [name, queue] of [['Review', w.reviewQueue], ['Clean', w.cleanQueue]] as const) {
    add(`${name}AgeAlarm`, {
      alarmDescription: `The oldest message in the ${name.toLowerCase()} queue has waited ${settings.maxOutputQueueAge.toHumanString()} or more: its consumer is behind or stopped. Messages expire after ${settings.messageRetention.toHumanString()}.`,
      metric: oldest(queue, PERIOD),
      threshold: settings.maxOutputQueueAge.toSeconds(),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
  }
  const dlqs: Array<[string, sqs.IQueue, string]> = [
    ['Intake', w.intakeDeadLetterQueue, `Messages are in the intake dead-letter queue: they failed ${settings.maxReceiveCount} deliveries. Inspect them, fix the cause, then redrive.`],
    ['Review', w.reviewDeadLetterQueue, `Messages are in the review dead-letter queue: they failed ${settings.maxReceiveCount} deliveries. Inspect them, fix the cause, then redrive.`],
    ['Clean', w.cleanDeadLetterQueue, `Messages are in the clean dead-letter queue: they failed ${settings.maxReceiveCount} deliveries. Inspect them, fix the cause, then redrive.`],
    [
      'IntakeFiles',
      w.intakeFilesDeadLetterQueue,
      'S3 events are in the intake-files dead-letter queue: the function failed on a claims file three times (claims that could not be sent, S3 or DynamoDB failing). The file stays in the inbox; its report, if any, says what was sent. Fix the cause, then upload the file again.',
    ],
    [
      'Notification',
      w.notificationDeadLetterQueue,
      'SNS could not deliver an alert or alarm notification to a subscription (the email address refused it, or the subscription was never confirmed). Read the message, fix the subscription, and act on what it says.',
    ],
  ];
  for (const [name, dlq, description] of dlqs) {
    add(`${name}DeadLetterQueueAlarm`, {
      alarmDescription: description,
      metric: dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: cloudwatch.Stats.MAXIMUM }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    });
    add(`${name}DeadLetterQueueAgeAlarm`, {
      alarmDescription: `A message has been in the ${name} dead-letter queue for ${settings.maxDeadLetterAge.toHumanString()}: it expires ${settings.deadLetterRetention.toHumanString()} after it was first sent. Deal with it before it is lost.`,
      metric: oldest(dlq, PERIOD),
      threshold: settings.maxDeadLetterAge.toSeconds(),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
  }
}

/** Whole invocations that failed or were throttled, and the scrub function's single failed records. */
function functionAlarms(add: AddAlarm, w: MonitoredResources, settings: Settings): void {
  const functions: Array<[string, lambda.IFunction, string, string]> = [
    ['Scrub', w.scrubFunction, 'scrub', 'scrub function failed whole invocations (crash, timeout or init error); single claims that fail are retried by SQS instead'],
    ['LoadCodeData', w.loadCodeDataFunction, 'load-code-data', 'load-code-data function failed: the code table may hold a partial release, which is never activated'],
    ['IntakeFiles', w.intakeFilesFunction, 'intake-files', 'intake-files function failed on a claims file; Lambda tries the S3 event twice more, then puts it in the intake-files dead-letter queue'],
  ];
  for (const [name, fn, label, failure] of functions) {
    add(`${name}ErrorsAlarm`, {
      alarmDescription: `The ${failure}.`,
      metric: fn.metricErrors({ period: PERIOD, statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
    add(`${name}ThrottlesAlarm`, {
      alarmDescription: `The ${label} function was throttled: the account concurrency quota (or reserved concurrency) is too low.`,
      metric: fn.metricThrottles({ period: PERIOD, statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
  }
  add('RecordsFailedAlarm', {
    alarmDescription: `${settings.failedRecordsAlarmThreshold} or more claims failed in the scrub function in 5 minutes (partial batch failures): SQS delivers them again, and after ${settings.maxReceiveCount} failures they go to the intake DLQ. The function's log names the error of each.`,
    metric: serviceMetric(w.metricsNamespace, SCRUB_SERVICE_NAME, SCRUB_METRICS.recordsFailed, PERIOD),
    threshold: settings.failedRecordsAlarmThreshold,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
  });
}

/** Requests DynamoDB throttled (partition or account limits) or failed on its side, per table. */
function tableAlarms(add: AddAlarm, w: MonitoredResources): void {
  for (const [name, table, label] of [['CodesTable', w.codesTable, 'codes'], ['ResultsTable', w.resultsTable, 'results']] as const) {
    add(`${name}ThrottlesAlarm`, {
      alarmDescription: `DynamoDB throttled requests to the ${label} table: the SDK retries them, then the claim is failed and redelivered. Look for a hot key or an account limit.`,
      metric: tableOperationsSum(table, label, 'ThrottledRequests', PERIOD),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
    add(`${name}SystemErrorsAlarm`, {
      alarmDescription: `DynamoDB answered requests to the ${label} table with HTTP 500 errors (its own failures). Check the AWS Health Dashboard; the claims are retried.`,
      metric: tableOperationsSum(table, label, 'SystemErrors', PERIOD),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
  }
}

/** Notifications SNS could not deliver to a subscription, per topic. */
function notificationAlarms(add: AddAlarm, w: MonitoredResources): void {
  for (const [name, topic, what] of [['AlertTopic', w.alertTopic, 'Medicare denial-risk alerts'], ['AlarmTopic', w.alarmTopic, 'alarm notifications']] as const) {
    add(`${name}FailedNotificationsAlarm`, {
      alarmDescription: `SNS failed to deliver ${what} to a subscription. Email deliveries that fail go to the notification dead-letter queue; other subscriptions need a dead-letter queue of their own.`,
      metric: topic.metricNumberOfNotificationsFailed({ period: PERIOD, statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
  }
}
