import { Duration } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { SCRUB_METRICS, SCRUB_SERVICE_NAME } from '../../infra/claim-scrubber.ts';
import { WATCHED_TABLE_OPERATIONS } from '../../infra/monitoring.ts';
import { logicalIdOf, referencedId, resourcesOfType, synthStack } from './support.ts';

const { stack, template } = synthStack({ alertEmail: 'billing@example.com' });
const s = stack.scrubber;
const id = (construct: Parameters<typeof logicalIdOf>[1]) => logicalIdOf(stack, construct);
const DAY = 24 * 3600;

interface AlarmView {
  logicalId: string;
  MetricName?: string;
  Threshold?: number;
  Dimensions?: Array<{ Name: string; Value: unknown }>;
  Metrics?: Array<Record<string, unknown>>;
  [property: string]: unknown;
}
const alarmsOf = (t = template): AlarmView[] => resourcesOfType(t, 'AWS::CloudWatch::Alarm').map(([logicalId, a]) => ({ logicalId, ...a.Properties }));
const onQueue = (metricName: string, queueId: string, t = template) =>
  alarmsOf(t).filter((a) => a.MetricName === metricName && referencedId(a.Dimensions?.[0]?.Value) === queueId);

const deadLetterQueues = [s.intakeDeadLetterQueue, s.reviewDeadLetterQueue, s.cleanDeadLetterQueue, s.intakeFilesDeadLetterQueue, s.notificationDeadLetterQueue];

describe('queue retention', () => {
  const retention = (queue: Parameters<typeof id>[0], t = template, ids = id) => t.toJSON().Resources[ids(queue)].Properties.MessageRetentionPeriod as number;

  it('keeps messages 4 days in the intake, review and clean queues and 14 days in every DLQ, since a dead letter keeps its first enqueue time', () => {
    for (const queue of [s.intakeQueue, s.reviewQueue, s.cleanQueue]) expect(retention(queue)).toBe(4 * DAY);
    for (const dlq of deadLetterQueues) expect(retention(dlq)).toBe(14 * DAY);
  });

  it('takes both retentions as props', () => {
    const custom = synthStack({ messageRetention: Duration.days(2), deadLetterRetention: Duration.days(10) });
    const ids = (c: Parameters<typeof logicalIdOf>[1]) => logicalIdOf(custom.stack, c);
    expect(retention(custom.stack.scrubber.reviewQueue, custom.template, ids)).toBe(2 * DAY);
    expect(retention(custom.stack.scrubber.reviewDeadLetterQueue, custom.template, ids)).toBe(10 * DAY);
  });

  it('refuses a DLQ retention that is not longer than its source queue\'s, and retentions SQS would refuse', () => {
    expect(() => synthStack({ messageRetention: Duration.days(14) })).toThrow(/deadLetterRetention \(14 days\) must be longer than messageRetention \(14 days\)/);
    expect(() => synthStack({ messageRetention: Duration.days(3), deadLetterRetention: Duration.days(3) })).toThrow(/must be longer than messageRetention/);
    expect(() => synthStack({ deadLetterRetention: Duration.days(15) })).toThrow(/deadLetterRetention must be from 1 minute to 14 days/);
    expect(() => synthStack({ messageRetention: Duration.seconds(30) })).toThrow(/messageRetention must be from 1 minute to 14 days/);
  });

  it('refuses age alarms that could only fire after the message expired', () => {
    expect(() => synthStack({ maxOutputQueueAge: Duration.days(4) })).toThrow(/maxOutputQueueAge must be shorter than messageRetention/);
    expect(() => synthStack({ maxIntakeAge: Duration.days(5) })).toThrow(/maxIntakeAge must be shorter than messageRetention/);
    expect(() => synthStack({ maxDeadLetterAge: Duration.days(10) })).toThrow(/maxDeadLetterAge must be shorter than deadLetterRetention minus messageRetention/);
  });
});

describe('age alarms', () => {
  it('watch the oldest message of the review and clean queues (a consumer behind), 1 day by default', () => {
    for (const queue of [s.reviewQueue, s.cleanQueue]) {
      expect(onQueue('ApproximateAgeOfOldestMessage', id(queue))).toEqual([
        expect.objectContaining({ Namespace: 'AWS/SQS', Statistic: 'Maximum', Threshold: DAY, ComparisonOperator: 'GreaterThanOrEqualToThreshold' }),
      ]);
    }
  });

  it('watch the oldest message of every DLQ, 5 days by default, so a dead letter is seen before it expires', () => {
    for (const dlq of deadLetterQueues) {
      expect(onQueue('ApproximateAgeOfOldestMessage', id(dlq)), dlq.node.id).toEqual([expect.objectContaining({ Threshold: 5 * DAY, ComparisonOperator: 'GreaterThanOrEqualToThreshold' })]);
    }
  });

  it('take their thresholds from props', () => {
    const custom = synthStack({ maxOutputQueueAge: Duration.hours(6), maxDeadLetterAge: Duration.days(2) });
    const cs = custom.stack.scrubber;
    const ids = (c: Parameters<typeof logicalIdOf>[1]) => logicalIdOf(custom.stack, c);
    expect(onQueue('ApproximateAgeOfOldestMessage', ids(cs.cleanQueue), custom.template)[0]?.Threshold).toBe(6 * 3600);
    expect(onQueue('ApproximateAgeOfOldestMessage', ids(cs.intakeFilesDeadLetterQueue), custom.template)[0]?.Threshold).toBe(2 * DAY);
  });

  it('leave the depth alarm on every DLQ, the notification DLQ included', () => {
    for (const dlq of deadLetterQueues) expect(onQueue('ApproximateNumberOfMessagesVisible', id(dlq)), dlq.node.id).toHaveLength(1);
  });
});

describe('the scrub function\'s failed records', () => {
  it('alarm when 5 or more fail in 5 minutes (partial batch failures), on the metric the function writes', () => {
    expect(alarmsOf().filter((a) => a.MetricName === SCRUB_METRICS.recordsFailed)).toEqual([
      expect.objectContaining({ Namespace: 'ClaimScrubber', Dimensions: [{ Name: 'service', Value: SCRUB_SERVICE_NAME }], Statistic: 'Sum', Period: 300, Threshold: 5 }),
    ]);
    const custom = synthStack({ failedRecordsAlarmThreshold: 1 });
    expect(alarmsOf(custom.template).find((a) => a.MetricName === SCRUB_METRICS.recordsFailed)?.Threshold).toBe(1);
    expect(() => synthStack({ failedRecordsAlarmThreshold: 0 })).toThrow(/failedRecordsAlarmThreshold/);
  });
});

describe('table alarms', () => {
  /** The metrics an alarm's metric math sums, and its expression. */
  const mathOf = (alarm: AlarmView) => {
    const metrics = (alarm.Metrics ?? []).filter((m) => m.MetricStat) as Array<{ Id: string; MetricStat: { Metric: { MetricName: string; Namespace: string; Dimensions: Array<{ Name: string; Value: unknown }> } } }>;
    const expression = (alarm.Metrics ?? []).find((m) => m.Expression)?.Expression as string;
    return { metrics, expression };
  };

  it.each(['ThrottledRequests', 'SystemErrors'])('sum %s of every watched operation, per table, with missing data as zero', (metricName) => {
    for (const table of [s.codesTable, s.resultsTable]) {
      const matching = alarmsOf().filter((a) => {
        const { metrics } = mathOf(a);
        return metrics.length > 0 && metrics.every((m) => m.MetricStat.Metric.MetricName === metricName && referencedId(m.MetricStat.Metric.Dimensions.find((d) => d.Name === 'TableName')?.Value) === id(table));
      });
      expect(matching, `${metricName} on ${table.node.id}`).toHaveLength(1);
      const { metrics, expression } = mathOf(matching[0] as AlarmView);
      expect(metrics.map((m) => m.MetricStat.Metric.Dimensions.find((d) => d.Name === 'Operation')?.Value).sort()).toEqual([...WATCHED_TABLE_OPERATIONS].sort());
      for (const m of metrics) expect(expression).toContain(`FILL(${m.Id}, 0)`);
      expect(matching[0]).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    }
  });

  it('stay within the ten metrics an alarm on metric math may use', () => {
    expect(WATCHED_TABLE_OPERATIONS.length).toBeLessThanOrEqual(10);
  });
});

describe('notifications', () => {
  it('subscribe each address with the encrypted notification DLQ, so an undeliverable alert or alarm is kept', () => {
    const subscriptions = resourcesOfType(template, 'AWS::SNS::Subscription');
    expect(subscriptions.map(([, r]) => r.Properties?.Endpoint).sort()).toEqual(['billing@example.com', 'ops@example.com']);
    for (const [, subscription] of subscriptions) {
      expect(subscription.Properties?.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [id(s.notificationDeadLetterQueue), 'Arn'] } });
    }
    expect(referencedId(template.toJSON().Resources[id(s.notificationDeadLetterQueue)].Properties.KmsMasterKeyId)).toBe(id(s.key));
  });

  it('let SNS write to that DLQ, from these topics only, and use the key for it, from this account only', () => {
    const policy = resourcesOfType(template, 'AWS::SQS::QueuePolicy').find(([, p]) => (p.Properties?.Queues as unknown[]).some((q) => referencedId(q) === id(s.notificationDeadLetterQueue)));
    const allows = (policy?.[1].Properties?.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement.filter((st) => st.Effect === 'Allow');
    expect(allows.map((st) => referencedId((st.Condition as { ArnEquals: { 'aws:SourceArn': unknown } }).ArnEquals['aws:SourceArn'])).sort()).toEqual([id(s.alarmTopic), id(s.alertTopic)].sort());
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'sns.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }, ArnLike: { 'aws:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it('alarm on the notifications each topic failed to deliver', () => {
    for (const topic of [s.alertTopic, s.alarmTopic]) {
      const alarm = alarmsOf().find((a) => a.MetricName === 'NumberOfNotificationsFailed' && JSON.stringify(a.Dimensions).includes(id(topic)));
      expect(alarm, topic.node.id).toMatchObject({ Namespace: 'AWS/SNS', Statistic: 'Sum', Threshold: 1 });
    }
  });
});

describe('the dashboard', () => {
  it('shows the state of every alarm', () => {
    const body = JSON.stringify(resourcesOfType(template, 'AWS::CloudWatch::Dashboard')[0]?.[1].Properties?.DashboardBody);
    const alarms = alarmsOf();
    expect(alarms.length).toBe(27);
    for (const alarm of alarms) expect(body, alarm.logicalId).toContain(`"${alarm.logicalId}"`);
  });

  it('graphs the table throttles and system errors, the undelivered notifications and every DLQ\'s age', () => {
    const body = JSON.stringify(resourcesOfType(template, 'AWS::CloudWatch::Dashboard')[0]?.[1].Properties?.DashboardBody);
    for (const text of ['ThrottledRequests', 'SystemErrors', 'NumberOfNotificationsFailed', id(s.notificationDeadLetterQueue)]) expect(body).toContain(text);
  });
});
