import { Aws, Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';

/**
 * The customer managed key of every queue, table, topic, log group and the inbox bucket (rotation on).
 * Besides the account, it admits CloudWatch Logs (for the log groups), CloudWatch alarms (for the
 * encrypted alarm topic) and SNS (for the encrypted notification DLQ), each for this account and region only.
 */
export function createEncryptionKey(scope: Construct, removalPolicy: RemovalPolicy): kms.Key {
  const key = new kms.Key(scope, 'Key', {
    description: 'Claim scrubber: encrypts claims (PHI) in queues, tables, topics and logs',
    enableKeyRotation: true,
    removalPolicy,
    pendingWindow: Duration.days(30),
  });
  // CloudWatch Logs encrypts the functions' log groups with the key: log groups of this account and region only.
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudWatchLogsEncryptsLogGroups',
      principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
      actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:DescribeKey'],
      resources: ['*'],
      conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:*` } },
    }),
  );
  // CloudWatch alarms publish to the encrypted alarm topic; only alarms of this account and region.
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudWatchAlarmsPublishToEncryptedTopic',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: ['*'],
      conditions: alarmSourceConditions(),
    }),
  );
  // SNS puts undeliverable notifications in the encrypted notification DLQ; only topics of this account and region.
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'SnsWritesToEncryptedDeadLetterQueue',
      principals: [new iam.ServicePrincipal('sns.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: ['*'],
      conditions: {
        StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
        ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:sns:${Aws.REGION}:${Aws.ACCOUNT_ID}:*` },
      },
    }),
  );
  return key;
}

/** Confused-deputy guard for CloudWatch acting on the alarm topic and key: alarms of this account and region. */
export function alarmSourceConditions(): Record<string, Record<string, string>> {
  return {
    StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
    ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:*` },
  };
}
