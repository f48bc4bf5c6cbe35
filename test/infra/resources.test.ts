import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { LOAD_CODE_DATA_LAYOUT, stagedHandler } from '../../infra/bundling.ts';
import {
  DEFAULT_METRICS_NAMESPACE,
  RESULTS_PARTITION_KEY,
  RESULTS_TTL_ATTRIBUTE,
  SCRUB_METRICS,
  SCRUB_SERVICE_NAME,
} from '../../infra/claim-scrubber.ts';
import { CLAIM_REFERENCE_ENV, DEFAULT_RESULT_RETENTION_DAYS, scrubClaimsConfigFromEnv } from '../../shared/aws/config.ts';
import { SCRUB_EVENT_SOURCE_DEFAULTS } from '../../shared/aws/scrub-event-source.ts';
import { logicalIdOf, referencedId, resourcesOfType, synthStack } from './support.ts';

/** The variables scrubClaimsConfigFromEnv requires, with placeholder values. */
const ENV_NAMES = { REVIEW_QUEUE_URL: 'review', CLEAN_QUEUE_URL: 'clean', ALERT_TOPIC_ARN: 'alerts', [CLAIM_REFERENCE_ENV.secretArn]: 'arn:aws:secretsmanager:us-east-1:1:secret:k' };

const { stack, template } = synthStack();
const s = stack.scrubber;
const id = (construct: Parameters<typeof logicalIdOf>[1]) => logicalIdOf(stack, construct);
const keyId = id(s.key);

describe('queues', () => {
  const pairs = [
    ['intake', s.intakeQueue, s.intakeDeadLetterQueue],
    ['review', s.reviewQueue, s.reviewDeadLetterQueue],
    ['clean', s.cleanQueue, s.cleanDeadLetterQueue],
  ] as const;

  it('has intake, review and clean queues, each with its own DLQ, the intake-files function\'s DLQ and the notification DLQ', () => {
    template.resourceCountIs('AWS::SQS::Queue', 8);
    expect(template.toJSON().Resources[id(s.intakeFilesDeadLetterQueue)].Properties.RedrivePolicy).toBeUndefined();
    for (const [, queue, dlq] of pairs) {
      template.hasResourceProperties('AWS::SQS::Queue', {
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [id(dlq), 'Arn'] }, maxReceiveCount: 5 },
      });
      expect(template.toJSON().Resources[id(queue)].Properties.RedrivePolicy).toBeDefined();
      expect(template.toJSON().Resources[id(dlq)].Properties.RedrivePolicy).toBeUndefined();
    }
  });

  it('makes maxReceiveCount configurable', () => {
    const custom = synthStack({ maxReceiveCount: 3 });
    for (const [, queue] of resourcesOfType(custom.template, 'AWS::SQS::Queue')) {
      const redrive = queue.Properties?.RedrivePolicy as { maxReceiveCount: number } | undefined;
      if (redrive) expect(redrive.maxReceiveCount).toBe(3);
    }
  });

  it('gives the intake queue a visibility timeout of at least six times the function timeout plus the batching window', () => {
    const visibility = (t: typeof template, queueId: string) => t.toJSON().Resources[queueId].Properties.VisibilityTimeout as number;
    const fnTimeout = template.toJSON().Resources[id(s.scrubFunction)].Properties.Timeout as number;
    expect(visibility(template, id(s.intakeQueue))).toBeGreaterThanOrEqual(6 * fnTimeout);
    expect(visibility(template, id(s.intakeQueue))).toBe(6 * 60 + 2);

    const custom = synthStack({ functionTimeout: Duration.minutes(2), maxBatchingWindow: Duration.seconds(10) });
    const customId = logicalIdOf(custom.stack, custom.stack.scrubber.intakeQueue);
    expect(visibility(custom.template, customId)).toBe(6 * 120 + 10);
  });

  it('encrypts every queue with the customer managed key', () => {
    for (const [, queue] of resourcesOfType(template, 'AWS::SQS::Queue')) {
      expect(referencedId(queue.Properties?.KmsMasterKeyId)).toBe(keyId);
    }
  });

  it('attaches an SSL-only policy to every queue', () => {
    const policies = resourcesOfType(template, 'AWS::SQS::QueuePolicy');
    for (const [queueId] of resourcesOfType(template, 'AWS::SQS::Queue')) {
      const policy = policies.find(([, p]) => (p.Properties?.Queues as unknown[]).some((q) => referencedId(q) === queueId));
      expect(policy, `queue ${queueId} has a policy`).toBeDefined();
      expect(policy?.[1].Properties?.PolicyDocument).toMatchObject({
        Statement: expect.arrayContaining([
          expect.objectContaining({
            Effect: 'Deny',
            Action: 'sqs:*',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      });
    }
  });

  it('keeps messages 4 days, so a weekend outage loses nothing, and dead letters 14 days', () => {
    for (const [, queue] of resourcesOfType(template, 'AWS::SQS::Queue')) expect([4, 14].map((d) => d * 24 * 3600)).toContain(queue.Properties?.MessageRetentionPeriod);
  });
});

describe('encryption key', () => {
  it('is a customer managed key with rotation on, kept when the stack is deleted', () => {
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResource('AWS::KMS::Key', { Properties: { EnableKeyRotation: true }, DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('lets CloudWatch Logs use it only for log groups of this account and region', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
            Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it('encrypts the log groups and both topics with it', () => {
    for (const [, group] of resourcesOfType(template, 'AWS::Logs::LogGroup')) expect(referencedId(group.Properties?.KmsKeyId)).toBe(keyId);
    for (const [, topic] of resourcesOfType(template, 'AWS::SNS::Topic')) expect(referencedId(topic.Properties?.KmsMasterKeyId)).toBe(keyId);
  });
});

describe('tables', () => {
  const tables = () => resourcesOfType(template, 'AWS::DynamoDB::Table');

  it('creates the code and results tables on demand, with PITR, deletion protection and the KMS key', () => {
    expect(tables()).toHaveLength(2);
    for (const [, table] of tables()) {
      expect(table.Properties).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      });
      expect(referencedId((table.Properties?.SSESpecification as { KMSMasterKeyId: unknown }).KMSMasterKeyId)).toBe(keyId);
      expect(table.DeletionPolicy).toBe('Retain');
    }
  });

  it('keys the code table and the results table as shared/aws does', () => {
    const byId = template.toJSON().Resources;
    expect(byId[id(s.codesTable)].Properties.KeySchema).toEqual([{ AttributeName: 'pk', KeyType: 'HASH' }]);
    expect(byId[id(s.resultsTable)].Properties.KeySchema).toEqual([{ AttributeName: RESULTS_PARTITION_KEY, KeyType: 'HASH' }]);
  });

  it('expires idempotency records (the result rows) by TTL', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: RESULTS_PARTITION_KEY, KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: RESULTS_TTL_ATTRIBUTE, Enabled: true },
    });
  });

  it('gives reviewers an index of results by status and date (the one the local stack creates)', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: [
        Match.objectLike({
          IndexName: 'byStatus',
          KeySchema: [
            { AttributeName: 'status', KeyType: 'HASH' },
            { AttributeName: 'scrubbedAt', KeyType: 'RANGE' },
          ],
        }),
      ],
    });
  });

  it('can be made disposable for a test account', () => {
    const disposable = synthStack({ removalPolicy: RemovalPolicy.DESTROY, deletionProtection: false });
    for (const [, table] of resourcesOfType(disposable.template, 'AWS::DynamoDB::Table')) {
      expect(table.DeletionPolicy).toBe('Delete');
      expect(table.Properties?.DeletionProtectionEnabled).toBe(false);
    }
  });
});

describe('functions', () => {
  const fn = (construct: typeof s.scrubFunction) => template.toJSON().Resources[id(construct)].Properties;

  it('runs every function on nodejs22.x, arm64, with active X-Ray tracing and JSON logs in their own log group', () => {
    template.resourceCountIs('AWS::Lambda::Function', 3);
    for (const construct of [s.scrubFunction, s.loadCodeDataFunction, s.intakeFilesFunction]) {
      expect(fn(construct)).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON' },
      });
      expect(referencedId((fn(construct).LoggingConfig as { LogGroup: unknown }).LogGroup)).toBeDefined();
      expect(fn(construct).Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
    }
  });

  it('gives the scrub function every variable shared/aws/config.ts reads, pointing at this stack', () => {
    const env = fn(s.scrubFunction).Environment.Variables;
    expect(referencedId(env.CODES_TABLE_NAME)).toBe(id(s.codesTable));
    expect(referencedId(env.RESULTS_TABLE_NAME)).toBe(id(s.resultsTable));
    expect(referencedId(env.REVIEW_QUEUE_URL)).toBe(id(s.reviewQueue));
    expect(referencedId(env.CLEAN_QUEUE_URL)).toBe(id(s.cleanQueue));
    expect(referencedId(env.ALERT_TOPIC_ARN)).toBe(id(s.alertTopic));
    expect(env).toMatchObject({
      ACTIVE_DATA_TTL_SECONDS: '60',
      RESULT_RETENTION_DAYS: '400',
      POWERTOOLS_SERVICE_NAME: SCRUB_SERVICE_NAME,
      POWERTOOLS_METRICS_NAMESPACE: DEFAULT_METRICS_NAMESPACE,
      POWERTOOLS_LOG_LEVEL: 'INFO',
    });
    expect(fn(s.scrubFunction).Handler).toBe('index.handler');
  });

  it('writes result rows with the TTL attribute the results table expires them by, after resultRetentionDays (400 by default)', () => {
    expect(scrubClaimsConfigFromEnv({ ...ENV_NAMES, RESULT_RETENTION_DAYS: fn(s.scrubFunction).Environment.Variables.RESULT_RETENTION_DAYS }).resultRetentionDays).toBe(
      DEFAULT_RESULT_RETENTION_DAYS,
    );
    const custom = synthStack({ resultRetentionDays: 2_555 });
    const customFn = custom.template.toJSON().Resources[logicalIdOf(custom.stack, custom.stack.scrubber.scrubFunction)].Properties;
    expect(customFn.Environment.Variables.RESULT_RETENTION_DAYS).toBe('2555');
    expect(() => synthStack({ resultRetentionDays: 0 })).toThrow(/resultRetentionDays/);
    expect(() => synthStack({ resultRetentionDays: 1.5 })).toThrow(/resultRetentionDays/);
  });

  it('points the load function at the code table and at its staged bundle', () => {
    const load = fn(s.loadCodeDataFunction);
    expect(referencedId(load.Environment.Variables.CODES_TABLE_NAME)).toBe(id(s.codesTable));
    expect(load.Environment.Variables.POWERTOOLS_SERVICE_NAME).toBe('load-code-data');
    expect(load.Handler).toBe(stagedHandler(LOAD_CODE_DATA_LAYOUT));
    expect(load.Handler).toBe('functions/load-code-data/index.handler');
  });

  it('uses no reserved concurrency by default, and the configured one when asked', () => {
    expect(fn(s.scrubFunction).ReservedConcurrentExecutions).toBeUndefined();
    const reserved = synthStack({ reservedConcurrency: 20, maxConcurrency: 20 });
    reserved.template.hasResourceProperties('AWS::Lambda::Function', { Handler: 'index.handler', ReservedConcurrentExecutions: 20 });
  });

  it('triggers the scrub function from the intake queue with partial batch responses, batch size, window and maximum concurrency', () => {
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [id(s.intakeQueue), 'Arn'] },
      FunctionName: { Ref: id(s.scrubFunction) },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 25,
      MaximumBatchingWindowInSeconds: 2,
      ScalingConfig: { MaximumConcurrency: 10 },
    });
    // The local stack's poller assembles batches from the same defaults.
    expect(SCRUB_EVENT_SOURCE_DEFAULTS).toEqual({ batchSize: 25, maxBatchingWindowSeconds: 2 });
    const custom = synthStack({ batchSize: 10, maxBatchingWindow: Duration.seconds(0), maxConcurrency: 4 });
    custom.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { BatchSize: 10, ScalingConfig: { MaximumConcurrency: 4 } });
  });

  it('rejects settings that would break at deploy time or misbehave at run time', () => {
    expect(() => synthStack({ batchSize: 50, maxBatchingWindow: Duration.seconds(0) })).toThrow(/maxBatchingWindow/);
    expect(() => synthStack({ reservedConcurrency: 5 })).toThrow(/reservedConcurrency \(5\) must be at least maxConcurrency \(10\)/);
    expect(() => synthStack({ maxReceiveCount: 0 })).toThrow(/maxReceiveCount/);
    expect(() => synthStack({ maxConcurrency: 1 })).toThrow(/maxConcurrency/);
    expect(() => synthStack({ functionTimeout: Duration.minutes(16) })).toThrow(/15 minutes/);
  });
});

describe('alerts, alarms and dashboard', () => {
  const alarms = () => resourcesOfType(template, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties as Record<string, unknown>);
  const alarmTopicId = id(s.alarmTopic);

  it('has a KMS-encrypted, SSL-only alert topic the scrub function publishes denial-risk alerts to', () => {
    template.resourceCountIs('AWS::SNS::Topic', 2);
    const policies = resourcesOfType(template, 'AWS::SNS::TopicPolicy');
    for (const [topicId] of resourcesOfType(template, 'AWS::SNS::Topic')) {
      const policy = policies.find(([, p]) => (p.Properties?.Topics as unknown[]).some((t) => referencedId(t) === topicId));
      expect(policy?.[1].Properties?.PolicyDocument).toMatchObject({
        Statement: expect.arrayContaining([expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      });
    }
  });

  it('alarms when any DLQ holds a message', () => {
    for (const dlq of [s.intakeDeadLetterQueue, s.reviewDeadLetterQueue, s.cleanDeadLetterQueue, s.intakeFilesDeadLetterQueue, s.notificationDeadLetterQueue]) {
      const alarm = alarms().find((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible' && referencedId((a.Dimensions as Array<{ Value: unknown }> | undefined)?.[0]?.Value) === id(dlq));
      expect(alarm).toMatchObject({
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      });
    }
  });

  it('alarms on the age of the oldest intake message', () => {
    const alarm = alarms().find((a) => a.MetricName === 'ApproximateAgeOfOldestMessage' && referencedId((a.Dimensions as Array<{ Value: unknown }>)[0]?.Value) === id(s.intakeQueue));
    expect(alarm).toMatchObject({ Namespace: 'AWS/SQS', Threshold: 900, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
  });

  it('alarms on errors and throttles of every function', () => {
    for (const construct of [s.scrubFunction, s.loadCodeDataFunction, s.intakeFilesFunction]) {
      for (const metric of ['Errors', 'Throttles']) {
        const alarm = alarms().find(
          (a) => a.MetricName === metric && referencedId((a.Dimensions as Array<{ Value: unknown }>)[0]?.Value) === id(construct),
        );
        expect(alarm, `${metric} alarm on ${construct.node.id}`).toMatchObject({ Namespace: 'AWS/Lambda', Threshold: 1 });
      }
    }
  });

  it('alarms on the denial-risk metric, with the namespace and service dimension Powertools writes', () => {
    expect(alarms().find((a) => a.MetricName === SCRUB_METRICS.denialRisk)).toMatchObject({
      Namespace: DEFAULT_METRICS_NAMESPACE,
      Dimensions: [{ Name: 'service', Value: SCRUB_SERVICE_NAME }],
      Statistic: 'Sum',
      Threshold: 5,
      Period: 3600,
    });
  });

  it('sends every alarm, and its recovery, to the alarm topic', () => {
    // Depth and age of 5 DLQs, the age of 3 queues, errors and throttles of 3 functions, failed records,
    // throttles and system errors of 2 tables, failed notifications of 2 topics, denial risk.
    expect(alarms()).toHaveLength(10 + 3 + 6 + 1 + 4 + 2 + 1);
    for (const alarm of alarms()) {
      expect((alarm.AlarmActions as unknown[]).map(referencedId)).toEqual([alarmTopicId]);
      expect((alarm.OKActions as unknown[]).map(referencedId)).toEqual([alarmTopicId]);
    }
  });

  it('lets CloudWatch publish to the alarm topic and use the key, for this account only', () => {
    const condition = { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }, ArnLike: { 'aws:SourceArn': Match.anyValue() } };
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: alarmTopicId }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Condition: condition })]) },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Condition: condition })]) },
    });
  });

  it('subscribes the addresses given', () => {
    expect(resourcesOfType(template, 'AWS::SNS::Subscription').map(([, r]) => r.Properties?.Endpoint)).toEqual(['ops@example.com']);
    const subscribed = synthStack({ alarmEmail: 'ops@example.com', alertEmail: 'billing@example.com' });
    subscribed.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com', TopicArn: { Ref: alarmTopicId } });
    subscribed.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'billing@example.com', TopicArn: { Ref: id(s.alertTopic) } });
  });

  it('draws a dashboard of claims, denial risk, queues, DLQs, the function and the tables', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    const body = JSON.stringify(resourcesOfType(template, 'AWS::CloudWatch::Dashboard')[0]?.[1].Properties?.DashboardBody);
    for (const text of [...Object.values(SCRUB_METRICS), 'ApproximateAgeOfOldestMessage', 'ApproximateNumberOfMessagesVisible', 'Throttles', 'ConsumedWriteCapacityUnits']) {
      expect(body).toContain(text);
    }
  });
});

describe('names and outputs', () => {
  it('lets CloudFormation name everything by default, so two stacks fit in one account', () => {
    for (const [type, property] of [
      ['AWS::SQS::Queue', 'QueueName'],
      ['AWS::DynamoDB::Table', 'TableName'],
      ['AWS::SNS::Topic', 'TopicName'],
    ] as const) {
      for (const [, resource] of resourcesOfType(template, type)) expect(resource.Properties?.[property]).toBeUndefined();
    }
  });

  it('uses the names given', () => {
    const named = synthStack({ names: { intakeQueue: 'claims-intake', codesTable: 'scrubber-codes', alertTopic: 'medicare-denial-alerts' } });
    named.template.hasResourceProperties('AWS::SQS::Queue', { QueueName: 'claims-intake' });
    named.template.hasResourceProperties('AWS::DynamoDB::Table', { TableName: 'scrubber-codes' });
    named.template.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'medicare-denial-alerts' });
  });

  it('outputs what the README commands read', () => {
    const outputs = Object.keys(template.toJSON().Outputs as object);
    expect(outputs).toEqual(
      expect.arrayContaining([
        'IntakeQueueUrl',
        'ReviewQueueUrl',
        'CleanQueueUrl',
        'IntakeDeadLetterQueueUrl',
        'CodesTableName',
        'ResultsTableName',
        'AlertTopicArn',
        'AlarmTopicArn',
        'LoadCodeDataFunctionName',
        'DashboardName',
        'InboxBucketName',
        'IntakeFilesDeadLetterQueueUrl',
      ]),
    );
  });
});
