import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import { INTAKE_FILES_METRICS, INTAKE_FILES_SERVICE_NAME } from '../functions/intake-files/metric-names.ts';
import { SCRUB_METRICS, SCRUB_SERVICE_NAME } from '../functions/scrub-claims/metric-names.ts';
import { serviceMetric, tableOperationsSum, type MonitoredResources } from './monitoring.ts';

/** One dashboard: claims by outcome, denial risk, queues and DLQs, the functions, the tables, the file intake, the alarms. */
export function createDashboard(
  scope: Construct,
  watched: MonitoredResources,
  alarms: readonly cloudwatch.IAlarm[],
  dashboardName: string | undefined,
  /** Rows of optional parts (the worklist), drawn above the alarms. */
  addRows: (dashboard: cloudwatch.Dashboard) => void = () => undefined,
): cloudwatch.Dashboard {
  const period = Duration.minutes(5);
  const { scrubFunction, intakeFilesFunction, intakeQueue } = watched;
  const deadLetterQueues = [watched.intakeDeadLetterQueue, watched.reviewDeadLetterQueue, watched.cleanDeadLetterQueue, watched.intakeFilesDeadLetterQueue, watched.notificationDeadLetterQueue];
  const tables = [watched.codesTable, watched.resultsTable];
  const labelledTables = [[watched.codesTable, 'codes'], [watched.resultsTable, 'results']] as const;
  const metric = (name: string) => serviceMetric(watched.metricsNamespace, SCRUB_SERVICE_NAME, name, period);
  const dashboard = new cloudwatch.Dashboard(scope, 'Dashboard', { dashboardName, defaultInterval: Duration.days(1) });
  dashboard.addWidgets(
    new cloudwatch.GraphWidget({
      title: 'Claims scrubbed',
      left: [metric(SCRUB_METRICS.clean), metric(SCRUB_METRICS.flagged), metric(SCRUB_METRICS.rejected)],
      stacked: true,
      width: 12,
    }),
    new cloudwatch.GraphWidget({
      title: 'Medicare denial risk, duplicate and outdated deliveries, failed records',
      left: [SCRUB_METRICS.denialRisk, SCRUB_METRICS.duplicates, SCRUB_METRICS.outdated, SCRUB_METRICS.recordsFailed].map(metric),
      width: 12,
    }),
  );
  dashboard.addWidgets(
    new cloudwatch.GraphWidget({
      title: 'Intake queue',
      left: [intakeQueue.metricApproximateNumberOfMessagesVisible({ period }), intakeQueue.metricApproximateNumberOfMessagesNotVisible({ period })],
      right: [intakeQueue.metricApproximateAgeOfOldestMessage({ period, statistic: cloudwatch.Stats.MAXIMUM })],
      width: 8,
    }),
    new cloudwatch.GraphWidget({
      title: 'Review and clean queues',
      left: [watched.reviewQueue.metricApproximateNumberOfMessagesVisible({ period }), watched.cleanQueue.metricApproximateNumberOfMessagesVisible({ period })],
      right: [watched.reviewQueue, watched.cleanQueue].map((q) => q.metricApproximateAgeOfOldestMessage({ period, statistic: cloudwatch.Stats.MAXIMUM })),
      width: 8,
    }),
    new cloudwatch.GraphWidget({
      title: 'Dead-letter queues',
      left: deadLetterQueues.map((q) => q.metricApproximateNumberOfMessagesVisible({ period, statistic: cloudwatch.Stats.MAXIMUM })),
      right: deadLetterQueues.map((q) => q.metricApproximateAgeOfOldestMessage({ period, statistic: cloudwatch.Stats.MAXIMUM })),
      width: 8,
    }),
  );
  dashboard.addWidgets(
    new cloudwatch.GraphWidget({
      title: 'Scrub function',
      left: [scrubFunction.metricInvocations({ period }), scrubFunction.metricErrors({ period }), scrubFunction.metricThrottles({ period })],
      right: [scrubFunction.metricDuration({ period, statistic: cloudwatch.Stats.p(95) })],
      width: 12,
    }),
    new cloudwatch.GraphWidget({
      title: 'Table capacity used',
      left: tables.flatMap((t) => [t.metricConsumedReadCapacityUnits({ period }), t.metricConsumedWriteCapacityUnits({ period })]),
      width: 6,
    }),
    new cloudwatch.GraphWidget({
      title: 'Table throttles and system errors, undelivered notifications',
      left: labelledTables.flatMap(([t, label]) => [tableOperationsSum(t, label, 'ThrottledRequests', period), tableOperationsSum(t, label, 'SystemErrors', period)]),
      right: [watched.alertTopic, watched.alarmTopic].map((t) => t.metricNumberOfNotificationsFailed({ period })),
      width: 6,
    }),
  );
  const fileMetric = (name: string) => serviceMetric(watched.metricsNamespace, INTAKE_FILES_SERVICE_NAME, name, period);
  dashboard.addWidgets(
    new cloudwatch.GraphWidget({
      title: 'Claims files (S3 inbox)',
      left: [INTAKE_FILES_METRICS.processed, INTAKE_FILES_METRICS.unreadable, INTAKE_FILES_METRICS.incomplete, INTAKE_FILES_METRICS.duplicateEvents].map(fileMetric),
      width: 8,
    }),
    new cloudwatch.GraphWidget({
      title: 'Claims from files',
      left: [INTAKE_FILES_METRICS.claimsRead, INTAKE_FILES_METRICS.claimsSent, INTAKE_FILES_METRICS.claimsRejected].map(fileMetric),
      width: 8,
    }),
    new cloudwatch.GraphWidget({
      title: 'Intake-files function',
      left: [intakeFilesFunction.metricInvocations({ period }), intakeFilesFunction.metricErrors({ period })],
      right: [intakeFilesFunction.metricDuration({ period, statistic: cloudwatch.Stats.p(95) })],
      width: 8,
    }),
  );
  addRows(dashboard);
  dashboard.addWidgets(new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: [...alarms], width: 24 }));
  return dashboard;
}
