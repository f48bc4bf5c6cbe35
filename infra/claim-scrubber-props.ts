import type { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { BackupTag } from './backup-tag.ts';
import type { WorklistProps } from './worklist-props.ts';

/** Physical names. Each one left out is chosen by CloudFormation, so two stacks can share an account. */
export interface ClaimScrubberNames {
  readonly codesTable?: string;
  readonly resultsTable?: string;
  readonly intakeQueue?: string;
  readonly intakeDeadLetterQueue?: string;
  readonly reviewQueue?: string;
  readonly reviewDeadLetterQueue?: string;
  readonly cleanQueue?: string;
  readonly cleanDeadLetterQueue?: string;
  readonly alertTopic?: string;
  readonly alarmTopic?: string;
  readonly dashboard?: string;
  /** The S3 inbox bucket. @default - `<unique construct name>-<account>-<region>`, lower case */
  readonly inboxBucket?: string;
  readonly intakeFilesDeadLetterQueue?: string;
  /** Where SNS puts notifications it could not deliver to a subscription (the emails). */
  readonly notificationDeadLetterQueue?: string;
  /** The claim-check bucket. @default - `<unique construct name>-<account>-<region>`, lower case */
  readonly claimCheckBucket?: string;
  /** The review worklist's table (only with `worklist`). */
  readonly worklistTable?: string;
}

export interface ClaimScrubberProps {
  /**
   * Deliveries of a message (intake, review or clean) before SQS moves it to the queue's DLQ. A claim
   * that fails this often is poison or meets a lasting outage: the DLQ alarm then says so.
   * @default 5
   */
  readonly maxReceiveCount?: number;
  /**
   * Scrub function timeout. The intake queue's visibility timeout is derived from it: six times the
   * timeout plus the batching window, as AWS advises for SQS event sources.
   * @default Duration.seconds(60)
   */
  readonly functionTimeout?: Duration;
  /** Scrub function memory (MB); CPU scales with it. @default 512 */
  readonly memorySize?: number;
  /** The load-code-data function writes a whole release (about 8,000 items) per run. @default Duration.minutes(5) */
  readonly loadFunctionTimeout?: Duration;
  /** @default 1024 */
  readonly loadFunctionMemorySize?: number;
  /**
   * Days a claims file stays under the inbox bucket's incoming/ prefix (and the intake-files function's
   * idempotency marker with it) before the lifecycle rule deletes it. Reports under reports/ name the
   * file and its rejected claims' ids (PHI, encrypted like the files) and are kept for
   * `resultRetentionDays`, like result rows.
   * @default 30
   */
  readonly inboxRetentionDays?: number;
  /**
   * Days an object stays in the claim-check bucket (routed messages too large for SQS; the queue gets a
   * pointer). Longer than `deadLetterRetention`, since a pointer may wait in a DLQ that long.
   * @default 30
   */
  readonly claimCheckRetentionDays?: number;
  /** The intake-files function reads and sends a whole file per invocation. @default Duration.minutes(5) */
  readonly intakeFilesTimeout?: Duration;
  /** @default 1024 */
  readonly intakeFilesMemorySize?: number;
  /**
   * Intake messages per invocation. A batch shares its reads and writes (one BatchGetItem for its
   * idempotency check and the codes it lacks, SendMessageBatch, PublishBatch, BatchWriteItem), so
   * larger batches mean fewer requests per claim. The read stays one request while the batch's claim
   * ids and uncached codes fit in BatchGetItem's 100 keys.
   * Above 10, `maxBatchingWindow` must be at least one second. The local stack uses the same default
   * (shared/aws/scrub-event-source.ts).
   * @default 25
   */
  readonly batchSize?: number;
  /** How long the poller gathers messages before invoking with a partial batch. @default Duration.seconds(2) */
  readonly maxBatchingWindow?: Duration;
  /**
   * The event source's maximum concurrency: at most this many scrub invocations run at once, which
   * caps the request rate on the tables and queues. Unlike reserved concurrency it does not throttle
   * the poller, so it never burns receive counts and pushes healthy claims to the DLQ.
   * @default 10
   */
  readonly maxConcurrency?: number;
  /**
   * Reserved concurrency for the scrub function. Off by default: an account with the default quota
   * of 10 cannot reserve any, and `maxConcurrency` already bounds the load. When set it must be at least
   * `maxConcurrency`, or the poller is throttled.
   * @default - none
   */
  readonly reservedConcurrency?: number;
  /** How long a scrub container trusts its copy of the active code release pointer. @default Duration.seconds(60) */
  readonly activeDataTtl?: Duration;
  /**
   * Days a results-table row lives before DynamoDB's TTL deletes it (RESULT_RETENTION_DAYS of the scrub
   * function, written on each row as `expiresAt`). The default outlasts the usual one-year timely-filing
   * window, so a claim corrected and resubmitted within it still finds its earlier row. Rows hold claim ids and findings: PHI, encrypted with the construct's key.
   * @default 400
   */
  readonly resultRetentionDays?: number;
  /** Powertools log level of both functions. @default 'INFO' */
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** CloudWatch namespace of the scrub function's metrics. @default 'ClaimScrubber' */
  readonly metricsNamespace?: string;
  /** @default RetentionDays.ONE_YEAR */
  readonly logRetention?: logs.RetentionDays;
  /** Message retention of the intake, review and clean queues. @default Duration.days(4) */
  readonly messageRetention?: Duration;
  /**
   * Message retention of every dead-letter queue. It must be longer than `messageRetention`: SQS expires
   * a message by the time it was first sent, which moving it to a DLQ does not reset.
   * @default Duration.days(14)
   */
  readonly deadLetterRetention?: Duration;
  /** Alarm when the oldest intake message is this old: claims are waiting, not being scrubbed. @default Duration.minutes(15) */
  readonly maxIntakeAge?: Duration;
  /** Alarm when the oldest review or clean message is this old: your consumer is behind or stopped. Shorter than `messageRetention`. @default Duration.days(1) */
  readonly maxOutputQueueAge?: Duration;
  /**
   * Alarm when a message has been in a DLQ this long, so it is looked at before it expires. Shorter than
   * `deadLetterRetention` minus `messageRetention` (the time a message may spend before it reaches the DLQ).
   * @default Duration.days(5)
   */
  readonly maxDeadLetterAge?: Duration;
  /**
   * Alarm when the scrub function reports at least this many failed records (claims SQS delivers again)
   * in 5 minutes: an outage of a table, queue or topic, or claims that crash the scrubber.
   * @default 5
   */
  readonly failedRecordsAlarmThreshold?: number;
  /** Alarm when at least this many claims carry Medicare denial risk within `denialRiskAlarmPeriod`. @default 5 */
  readonly denialRiskAlarmThreshold?: number;
  /** @default Duration.hours(1) */
  readonly denialRiskAlarmPeriod?: Duration;
  /**
   * Subscribe this address to the operational alarm topic. The alarms need somewhere to go: give this,
   * `alarmTopic`, or `alarmNotifications: 'none'`; with none of the three, synthesis fails.
   * @default - no subscription
   */
  readonly alarmEmail?: string;
  /** Subscribe this address to the Medicare denial-risk alert topic (alerts carry claim references and rule ids only, no PHI). @default - no subscription */
  readonly alertEmail?: string;
  /** Send alarms to this topic instead of a new one. It should be KMS-encrypted too. @default - a new topic */
  readonly alarmTopic?: sns.ITopic;
  /**
   * `'none'` deploys the alarms with nobody to notify, on purpose (a test account, say); synthesis then
   * prints a warning on the construct. It cannot be combined with `alarmEmail` or `alarmTopic`.
   * @default - alarmEmail or alarmTopic is required
   */
  readonly alarmNotifications?: 'none';
  /**
   * Encrypt everything with this key instead of a new one. Its policy must let CloudWatch Logs use it for
   * the log groups under the construct's `logGroupNamePrefix`, CloudWatch alarms publish to the alarm
   * topic, SNS write to the notification DLQ, and S3 log delivery write the access logs (see
   * infra/encryption-key.ts for the statements the construct's own key has).
   * @default - a new key with rotation
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * What deleting the construct (or the stack) does to the key, tables, queues and log group.
   * The default keeps them: they hold PHI and results that may be needed for audit.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * The tag every resource that keeps data carries (tables, buckets, queues, the key and the secret),
   * for the organisation's AWS Backup plan to select them by. Point-in-time recovery covers 35 days;
   * anything longer is that plan's.
   * @default { key: 'backup', value: 'claim-scrubber' }
   */
  readonly backupTag?: BackupTag;
  /** DynamoDB deletion protection on both tables. @default true */
  readonly deletionProtection?: boolean;
  /** Run the functions in this VPC (they then need endpoints or NAT for DynamoDB, SQS, SNS, S3, KMS, X-Ray and Logs). @default - not in a VPC */
  readonly vpc?: ec2.IVpc;
  /** @default - the VPC's private subnets */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /** Physical names; see ClaimScrubberNames. @default - generated by CloudFormation */
  readonly names?: ClaimScrubberNames;
  /**
   * The review worklist: a web page (CloudFront) where the organisations' reviewers and supervisors,
   * signed in with Amazon Cognito, work the claims routed to review. It consumes the review queue.
   * Left out (or `false`), the review queue is left for your own consumer (docs/contracts.md).
   * @default - no worklist
   */
  readonly worklist?: WorklistProps | false;
}
