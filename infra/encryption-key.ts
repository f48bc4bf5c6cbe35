import { Aws, Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';

/**
 * The customer managed key of every queue, table, topic, log group and the inbox bucket (rotation on).
 * Besides the account, it admits CloudWatch Logs (for the construct's log groups), CloudWatch alarms (for the
 * encrypted alarm topic) and SNS (for the encrypted notification DLQ), each for this account and region only.
 */
export function createEncryptionKey(scope: Construct, removalPolicy: RemovalPolicy, logGroupNamePrefix: string): kms.Key {
  const key = new kms.Key(scope, 'Key', {
    description: 'Claim scrubber: encrypts claims (PHI) in queues, tables, topics and logs',
    enableKeyRotation: true,
    removalPolicy,
    pendingWindow: Duration.days(30),
  });
  // CloudWatch Logs encrypts the functions' log groups with the key: this construct's log groups only,
  // by their name prefix (the ARNs themselves would make the key depend on the log groups it encrypts).
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudWatchLogsEncryptsLogGroups',
      principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
      actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:DescribeKey'],
      resources: ['*'],
      conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': logGroupArnPattern(logGroupNamePrefix) } },
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

/**
 * What a function does with the key, by what it touches. No function encrypts anything with the key
 * itself: the services do, through data keys.
 * - DynamoDB encrypts items with a table key it keeps under the KMS key; a caller, reading or writing,
 *   only needs kms:Decrypt for DynamoDB to unwrap it.
 * - Sending to an SSE-KMS queue or topic, and putting an SSE-KMS object, needs a data key
 *   (kms:GenerateDataKey) and kms:Decrypt; receiving, getting an object or a secret, kms:Decrypt.
 */
export const KMS_USE = {
  /** Tables, and objects, messages or secrets read: load-code-data writes the code table only. */
  tablesOnly: ['kms:Decrypt'],
  /** Besides, messages sent and objects put: the scrub and intake-files functions. */
  readAndSend: ['kms:Decrypt', 'kms:GenerateDataKey'],
} as const;

/**
 * S3 log delivery writes the server access logs of `sourceBucketArns` into the access-log bucket,
 * which is encrypted with the key: it may use the key for those buckets' logs only. A key given to the
 * construct keeps its own policy (the statement is not added).
 */
export function allowS3LogDelivery(key: kms.IKey, sourceBucketArns: string[]): void {
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'S3LogDeliveryWritesAccessLogs',
      principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID }, ArnLike: { 'aws:SourceArn': sourceBucketArns } },
    }),
    true,
  );
}

/** The ARNs of the log groups named `<prefix>/…`, in this account and region. */
export function logGroupArnPattern(logGroupNamePrefix: string): string {
  return `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:${logGroupNamePrefix}/*`;
}

/** Confused-deputy guard for CloudWatch acting on the alarm topic and key: alarms of this account and region. */
export function alarmSourceConditions(): Record<string, Record<string, string>> {
  return {
    StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
    ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:*` },
  };
}
