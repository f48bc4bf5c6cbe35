import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { SCRUB_METRICS, SCRUB_SERVICE_NAME } from '../functions/scrub-claims/metric-names.ts';
import type { Settings } from './claim-scrubber-settings.ts';
import { serviceMetric, type MonitoredResources } from './monitoring.ts';

/**
 * The operational alarms: a message in any DLQ, an old intake message, errors and throttles of every
 * function, and a run of Medicare denial risk. Each notifies the alarm topic when it fires and when it
 * recovers; missing data (nothing happened) is not a breach.
 */
export function createAlarms(scope: Construct, watched: MonitoredResources, settings: Settings, alarmTopic: sns.ITopic): cloudwatch.Alarm[] {
  const alarms: cloudwatch.Alarm[] = [];
  const action = new SnsAction(alarmTopic);
  const add = (id: string, alarmProps: cloudwatch.AlarmProps) => {
    const alarm = new cloudwatch.Alarm(scope, id, { treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING, ...alarmProps });
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    alarms.push(alarm);
  };
  const dlqs: Array<[string, sqs.IQueue]> = [
    ['Intake', watched.intakeDeadLetterQueue],
    ['Review', watched.reviewDeadLetterQueue],
    ['Clean', watched.cleanDeadLetterQueue],
  ];
  for (const [name, dlq] of dlqs) {
    add(`${name}DeadLetterQueueAlarm`, {
      alarmDescription: `Messages are in the ${name.toLowerCase()} dead-letter queue: they failed ${settings.maxReceiveCount} deliveries. Inspect them, fix the cause, then redrive.`,
      metric: dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: cloudwatch.Stats.MAXIMUM }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
    });
  }
  add('IntakeAgeAlarm', {
    alarmDescription: `The oldest intake claim has waited ${settings.maxIntakeAge.toHumanString()} or more: claims arrive faster than they are scrubbed, or the scrub function is failing.`,
    metric: watched.intakeQueue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1), statistic: cloudwatch.Stats.MAXIMUM }),
    threshold: settings.maxIntakeAge.toSeconds(),
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 5,
  });
  add('IntakeFilesDeadLetterQueueAlarm', {
    alarmDescription:
      'S3 events are in the intake-files dead-letter queue: the function failed on a claims file three times (claims that could not be sent, S3 or DynamoDB failing). The file stays in the inbox; its report, if any, says what was sent. Fix the cause, then upload the file again.',
    metric: watched.intakeFilesDeadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: cloudwatch.Stats.MAXIMUM }),
    threshold: 0,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
  });
  const functions: Array<[string, lambda.IFunction, string, string]> = [
    ['Scrub', watched.scrubFunction, 'scrub', 'scrub function failed whole invocations (crash, timeout or init error); single claims that fail are retried by SQS instead'],
    ['LoadCodeData', watched.loadCodeDataFunction, 'load-code-data', 'load-code-data function failed: the code table may hold a partial release, which is never activated'],
    ['IntakeFiles', watched.intakeFilesFunction, 'intake-files', 'intake-files function failed on a claims file; Lambda tries the S3 event twice more, then puts it in the intake-files dead-letter queue'],
  ];
  for (const [name, fn, label, failure] of functions) {
    add(`${name}ErrorsAlarm`, {
      alarmDescription: `The ${failure}.`,
      metric: fn.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    });
    add(`${name}ThrottlesAlarm`, {
      alarmDescription: `The ${label} function was throttled: the account concurrency quota (or reserved concurrency) is too low.`,
      metric: fn.metricThrottles({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    });
  }
  add('DenialRiskAlarm', {
    alarmDescription: `${settings.denialRiskAlarmThreshold} or more claims with Medicare denial risk in ${settings.denialRiskAlarmPeriod.toHumanString()}: look for a billing pattern (SS or non-covered codes billed to Medicare). Single claims are reported one by one on the alert topic.`,
    metric: serviceMetric(watched.metricsNamespace, SCRUB_SERVICE_NAME, SCRUB_METRICS.denialRisk, settings.denialRiskAlarmPeriod),
    threshold: settings.denialRiskAlarmThreshold,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
  });
  return alarms;
}
