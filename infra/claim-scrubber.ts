import { join } from 'node:path';
import { Aws, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DEFAULT_RESULT_RETENTION_DAYS, MAX_RESULT_RETENTION_DAYS } from '../shared/aws/config.ts';
import { DEFAULT_INBOX_RETENTION_DAYS } from '../shared/aws/intake-files-config.ts';
import { SCRUB_EVENT_SOURCE_DEFAULTS } from '../shared/aws/scrub-event-source.ts';
import { INTAKE_FILES_ENTRY, lambdaBundlingOptions, LOAD_CODE_DATA_ENTRY, LOAD_CODE_DATA_LAYOUT, PROJECT_ROOT, SCRUB_CLAIMS_ENTRY, stagedHandler } from './bundling.ts';
import { ClaimInbox } from './claim-inbox.ts';
import { acceptInboxFindings, INTAKE_FILES_METRICS, INTAKE_FILES_SERVICE_NAME } from './inbox-findings.ts';

/** The code table's key (shared/aws/code-table-keys.ts). */
export const CODES_PARTITION_KEY = 'pk';
/** The results table's key (shared/aws/results-table.ts: one row per claim id). */
export const RESULTS_PARTITION_KEY = 'claimId';
/** The reviewer's index: results by status, newest first by scrubbedAt (ISO 8601, so it sorts as a string). */
export const RESULTS_STATUS_INDEX = 'byStatus';
export const RESULTS_STATUS_ATTRIBUTE = 'status';
export const RESULTS_DATE_ATTRIBUTE = 'scrubbedAt';
/**
 * The results table's rows are also the scrubber's idempotency records (bodyHash per claim id). The
 * scrub function writes this attribute (epoch seconds, `resultRetentionDays` after scrubbing) on every
 * row, and DynamoDB deletes the row after that time; a row without it is kept.
 */
export const RESULTS_TTL_ATTRIBUTE = 'expiresAt';
export { DEFAULT_METRICS_NAMESPACE, SCRUB_METRICS, SCRUB_SERVICE_NAME } from '../functions/scrub-claims/metric-names.ts';
import { DEFAULT_METRICS_NAMESPACE, SCRUB_METRICS, SCRUB_SERVICE_NAME } from '../functions/scrub-claims/metric-names.ts';
export const LOAD_SERVICE_NAME = 'load-code-data';

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
   * idempotency marker with it) before the lifecycle rule deletes it. Reports under reports/ hold no
   * PHI and are kept for `resultRetentionDays`, like result rows.
   * @default 30
   */
  readonly inboxRetentionDays?: number;
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
   * window, so a claim corrected and resubmitted within it still finds its earlier row. Rows hold no PHI.
   * @default 400
   */
  readonly resultRetentionDays?: number;
  /** Powertools log level of both functions. @default 'INFO' */
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** CloudWatch namespace of the scrub function's metrics. @default 'ClaimScrubber' */
  readonly metricsNamespace?: string;
  /** @default RetentionDays.ONE_YEAR */
  readonly logRetention?: logs.RetentionDays;
  /** Message retention of every queue and DLQ. @default Duration.days(14) */
  readonly messageRetention?: Duration;
  /** Alarm when the oldest intake message is this old: claims are waiting, not being scrubbed. @default Duration.minutes(15) */
  readonly maxIntakeAge?: Duration;
  /** Alarm when at least this many claims carry Medicare denial risk within `denialRiskAlarmPeriod`. @default 5 */
  readonly denialRiskAlarmThreshold?: number;
  /** @default Duration.hours(1) */
  readonly denialRiskAlarmPeriod?: Duration;
  /** Subscribe this address to the operational alarm topic. @default - no subscription */
  readonly alarmEmail?: string;
  /** Subscribe this address to the Medicare denial-risk alert topic (alerts carry claim and rule ids only, no PHI). @default - no subscription */
  readonly alertEmail?: string;
  /** Send alarms to this topic instead of a new one. It should be KMS-encrypted too. @default - a new topic */
  readonly alarmTopic?: sns.ITopic;
  /** Encrypt everything with this key instead of a new one. It must allow CloudWatch Logs and CloudWatch alarms to use it. @default - a new key with rotation */
  readonly encryptionKey?: kms.IKey;
  /**
   * What deleting the construct (or the stack) does to the key, tables, queues and log group.
   * The default keeps them: they hold PHI and results that may be needed for audit.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /** DynamoDB deletion protection on both tables. @default true */
  readonly deletionProtection?: boolean;
  /** Run the functions in this VPC (they then need endpoints or NAT for DynamoDB, SQS, SNS, S3, KMS, X-Ray and Logs). @default - not in a VPC */
  readonly vpc?: ec2.IVpc;
  /** @default - the VPC's private subnets */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /** Physical names; see ClaimScrubberNames. @default - generated by CloudFormation */
  readonly names?: ClaimScrubberNames;
}

/**
 * cdk-nag findings the construct accepts by design, and why. Each is acknowledged on the one construct
 * it concerns, never on the stack, so a new resource with the same finding still fails.
 */
export const ACCEPTED_FINDINGS = {
  inlinePolicy: {
    id: 'HIPAA.Security-IAMNoInlinePolicy',
    reason:
      "Each function role's only policy is its default policy built from CDK grants. It names single tables, queues, a topic, a key and a log group and is attached to that one role, which is the least-privilege shape; a managed policy would add reuse nobody needs.",
  },
  xrayWildcard: {
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'Only xray:PutTraceSegments and xray:PutTelemetryRecords (added for active tracing) have Resource "*": X-Ray has no resource-level permissions for them. test/infra checks that no other statement has a "*" resource.',
  },
  xrayAndEniWildcard: {
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'Resource "*" is limited to xray:PutTraceSegments and xray:PutTelemetryRecords (active tracing) and the network-interface actions Lambda needs in a VPC (the actions of AWSLambdaVPCAccessExecutionRole): neither has a narrower resource Lambda can name before the interfaces exist. test/infra checks that no other statement has a "*" resource.',
  },
  runtime: {
    id: 'AwsSolutions-L1',
    reason:
      'nodejs22.x is deliberate: the project pins Node 22 (package.json) and every test and the bench run on it. Moving to a newer runtime is a tested upgrade, not a synth-time default.',
  },
  lambdaVpc: {
    id: 'HIPAA.Security-LambdaInsideVPC',
    reason:
      'The functions reach only AWS service APIs (DynamoDB, SQS, SNS, KMS, X-Ray, CloudWatch Logs) over TLS with IAM authentication, and no private network resource. A VPC would add six interface endpoints or a NAT gateway without isolating any data further; pass the vpc prop to place them in one.',
  },
  scrubDlq: {
    id: 'HIPAA.Security-LambdaDLQ',
    reason:
      "The scrub function is invoked only by its SQS event source, never asynchronously, so a Lambda on-failure DLQ would never receive anything. Failed claims go to the intake queue's own DLQ after maxReceiveCount deliveries, and an alarm watches it.",
  },
  scrubConcurrency: {
    id: 'HIPAA.Security-LambdaConcurrency',
    reason:
      "The scrub function's concurrency is bounded by the SQS event source's maximum concurrency (maxConcurrency), which AWS recommends over reserved concurrency for SQS: it does not throttle the poller into burning receive counts. Reserved concurrency is available through the reservedConcurrency prop.",
  },
  loadDlq: {
    id: 'HIPAA.Security-LambdaDLQ',
    reason:
      'load-code-data is invoked synchronously by an operator (aws lambda invoke) who sees the result or error at once; it is never invoked asynchronously, so an on-failure DLQ would never receive anything. Its errors alarm as well.',
  },
  loadConcurrency: {
    id: 'HIPAA.Security-LambdaConcurrency',
    reason:
      'load-code-data runs once per deploy or code release, by hand. Two concurrent loads are safe (versioned keys, compare-and-set on the active pointer), and reserving concurrency fails on accounts with the default quota of 10.',
  },
  backupPlan: {
    id: 'HIPAA.Security-DynamoDBInBackupPlan',
    reason:
      "Both tables have point-in-time recovery (35 days of continuous backups) and deletion protection, and the code table is rebuilt from the release files by load-code-data. Longer retention belongs in the organisation's AWS Backup plan (select the tables by tag), not in this stack.",
  },
} as const;

/** The network-interface actions of AWSLambdaVPCAccessExecutionRole; EC2 takes no narrower resource for Lambda's use. */
export const VPC_ENI_ACTIONS = [
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSubnets',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
] as const;

interface FunctionSpec {
  entry: string;
  handler: string;
  description: string;
  serviceName: string;
  timeout: Duration;
  memorySize: number;
  environment: Record<string, string>;
  bundling: ReturnType<typeof lambdaBundlingOptions>;
  reservedConcurrency?: number;
  /** Where Lambda puts an asynchronous event that failed every attempt. */
  deadLetterQueue?: sqs.IQueue;
}

/**
 * The claim scrubber on AWS: intake queue → scrub function → review or clean queue, with code and
 * result tables, a Medicare denial-risk alert topic, alarms, a dashboard, and the load-code-data
 * function that fills the code table. Everything that holds claim data is encrypted with one customer
 * managed key (rotation on).
 */
export class ClaimScrubber extends Construct {
  readonly key: kms.IKey;
  readonly codesTable: dynamodb.Table;
  readonly resultsTable: dynamodb.Table;
  readonly intakeQueue: sqs.Queue;
  readonly intakeDeadLetterQueue: sqs.Queue;
  readonly reviewQueue: sqs.Queue;
  readonly reviewDeadLetterQueue: sqs.Queue;
  readonly cleanQueue: sqs.Queue;
  readonly cleanDeadLetterQueue: sqs.Queue;
  /** Medicare denial-risk alerts published by the scrub function, one per claim. */
  readonly alertTopic: sns.Topic;
  /** Where every CloudWatch alarm of the construct sends its notifications. */
  readonly alarmTopic: sns.ITopic;
  readonly scrubFunction: NodejsFunction;
  /** Loads the release and payer policy bundled with it into the code table; invoke it after a deploy. */
  readonly loadCodeDataFunction: NodejsFunction;
  /** The S3 inbox: claims files under incoming/, their reports under reports/. */
  readonly inbox: ClaimInbox;
  /** Reads each file put under the inbox's incoming/ and sends its claims to the intake queue. */
  readonly intakeFilesFunction: NodejsFunction;
  /** S3 events the intake-files function failed on three times (Lambda's asynchronous retries). */
  readonly intakeFilesDeadLetterQueue: sqs.Queue;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly dashboard: cloudwatch.Dashboard;
  /** CloudWatch namespace of the scrub function's own metrics. */
  readonly metricsNamespace: string;

  private readonly props: ClaimScrubberProps;
  private readonly removalPolicy: RemovalPolicy;

  constructor(scope: Construct, id: string, props: ClaimScrubberProps = {}) {
    super(scope, id);
    const settings = resolveSettings(props);
    const names = props.names ?? {};
    this.props = props;
    this.removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.metricsNamespace = settings.metricsNamespace;

    this.key = props.encryptionKey ?? this.createKey();

    this.codesTable = this.createTable('CodesTable', {
      tableName: names.codesTable,
      partitionKey: { name: CODES_PARTITION_KEY, type: dynamodb.AttributeType.STRING },
    });
    this.resultsTable = this.createTable('ResultsTable', {
      tableName: names.resultsTable,
      partitionKey: { name: RESULTS_PARTITION_KEY, type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: RESULTS_TTL_ATTRIBUTE,
    });
    this.resultsTable.addGlobalSecondaryIndex({
      indexName: RESULTS_STATUS_INDEX,
      partitionKey: { name: RESULTS_STATUS_ATTRIBUTE, type: dynamodb.AttributeType.STRING },
      sortKey: { name: RESULTS_DATE_ATTRIBUTE, type: dynamodb.AttributeType.STRING },
      // What a review list shows; the findings themselves are one GetItem away.
      projectionType: dynamodb.ProjectionType.INCLUDE,
      nonKeyAttributes: ['medicareDenialRisk', 'ruleIds', 'destination', 'codeRelease'],
    });

    [this.intakeQueue, this.intakeDeadLetterQueue] = this.createQueuePair('Intake', names.intakeQueue, names.intakeDeadLetterQueue, settings, settings.intakeVisibilityTimeout);
    [this.reviewQueue, this.reviewDeadLetterQueue] = this.createQueuePair('Review', names.reviewQueue, names.reviewDeadLetterQueue, settings);
    [this.cleanQueue, this.cleanDeadLetterQueue] = this.createQueuePair('Clean', names.cleanQueue, names.cleanDeadLetterQueue, settings);

    this.alertTopic = new sns.Topic(this, 'AlertTopic', {
      topicName: names.alertTopic,
      displayName: 'Claim scrubber: Medicare denial risk',
      masterKey: this.key,
      enforceSSL: true,
    });
    if (props.alertEmail) this.alertTopic.addSubscription(new EmailSubscription(props.alertEmail));
    this.alarmTopic = props.alarmTopic ?? this.createAlarmTopic(names.alarmTopic);
    if (props.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));

    const logLevel = props.logLevel ?? 'INFO';
    this.scrubFunction = this.createFunction('ScrubFunction', {
      entry: SCRUB_CLAIMS_ENTRY,
      handler: 'handler',
      description: 'Scrubs intake claims and routes them to the review or clean queue',
      serviceName: SCRUB_SERVICE_NAME,
      timeout: settings.functionTimeout,
      memorySize: props.memorySize ?? 512,
      reservedConcurrency: props.reservedConcurrency,
      bundling: lambdaBundlingOptions(),
      environment: {
        CODES_TABLE_NAME: this.codesTable.tableName,
        RESULTS_TABLE_NAME: this.resultsTable.tableName,
        REVIEW_QUEUE_URL: this.reviewQueue.queueUrl,
        CLEAN_QUEUE_URL: this.cleanQueue.queueUrl,
        ALERT_TOPIC_ARN: this.alertTopic.topicArn,
        ACTIVE_DATA_TTL_SECONDS: String(settings.activeDataTtl.toSeconds()),
        RESULT_RETENTION_DAYS: String(settings.resultRetentionDays),
        POWERTOOLS_METRICS_NAMESPACE: settings.metricsNamespace,
        POWERTOOLS_LOG_LEVEL: logLevel,
      },
    });
    this.scrubFunction.addEventSource(
      new SqsEventSource(this.intakeQueue, {
        batchSize: settings.batchSize,
        maxBatchingWindow: settings.maxBatchingWindow,
        maxConcurrency: settings.maxConcurrency,
        reportBatchItemFailures: true,
      }),
    );
    this.loadCodeDataFunction = this.createFunction('LoadCodeDataFunction', {
      entry: LOAD_CODE_DATA_ENTRY,
      handler: stagedHandler(LOAD_CODE_DATA_LAYOUT),
      description: 'Loads the bundled HCPCS release and payer policy into the code table and activates them',
      serviceName: LOAD_SERVICE_NAME,
      timeout: props.loadFunctionTimeout ?? Duration.minutes(5),
      memorySize: props.loadFunctionMemorySize ?? 1024,
      bundling: lambdaBundlingOptions(LOAD_CODE_DATA_LAYOUT),
      environment: { CODES_TABLE_NAME: this.codesTable.tableName, POWERTOOLS_LOG_LEVEL: logLevel },
    });
    this.intakeFilesDeadLetterQueue = new sqs.Queue(this, 'IntakeFilesDeadLetterQueue', {
      queueName: names.intakeFilesDeadLetterQueue,
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.key,
      enforceSSL: true,
      retentionPeriod: settings.messageRetention,
      removalPolicy: this.removalPolicy,
    });
    this.intakeFilesFunction = this.createFunction('IntakeFilesFunction', {
      entry: INTAKE_FILES_ENTRY,
      handler: 'handler',
      description: 'Reads each claims file put in the inbox bucket, sends its claims to the intake queue and writes its report',
      serviceName: INTAKE_FILES_SERVICE_NAME,
      timeout: settings.intakeFilesTimeout,
      memorySize: props.intakeFilesMemorySize ?? 1024,
      bundling: lambdaBundlingOptions(),
      deadLetterQueue: this.intakeFilesDeadLetterQueue,
      environment: {
        INTAKE_QUEUE_URL: this.intakeQueue.queueUrl,
        RESULTS_TABLE_NAME: this.resultsTable.tableName,
        FILE_MARKER_RETENTION_DAYS: String(settings.inboxRetentionDays),
        POWERTOOLS_METRICS_NAMESPACE: settings.metricsNamespace,
        POWERTOOLS_LOG_LEVEL: logLevel,
      },
    });
    this.inbox = new ClaimInbox(this, 'Inbox', {
      key: this.key,
      intakeFilesFunction: this.intakeFilesFunction,
      bucketName: names.inboxBucket,
      retentionDays: settings.inboxRetentionDays,
      reportRetentionDays: settings.resultRetentionDays,
      accessLogRetentionDays: props.logRetention === logs.RetentionDays.INFINITE ? undefined : (props.logRetention ?? logs.RetentionDays.ONE_YEAR),
      removalPolicy: this.removalPolicy,
    });
    this.grantScrubFunction();
    this.grantLoadFunction();
    this.grantIntakeFilesFunction();

    this.createAlarms(settings);
    this.dashboard = this.createDashboard(names.dashboard);
    this.acceptFindings();
  }

  /** A metric the scrub function writes with Powertools (EMF), whose default dimension is the service name. */
  scrubMetric(metricName: string, period = Duration.minutes(5)): cloudwatch.Metric {
    return this.serviceMetric(SCRUB_SERVICE_NAME, metricName, period);
  }

  /** A metric the intake-files function writes (process-object.ts). */
  intakeFilesMetric(metricName: string, period = Duration.minutes(5)): cloudwatch.Metric {
    return this.serviceMetric(INTAKE_FILES_SERVICE_NAME, metricName, period);
  }

  private serviceMetric(service: string, metricName: string, period: Duration): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: this.metricsNamespace,
      metricName,
      dimensionsMap: { service },
      statistic: cloudwatch.Stats.SUM,
      period,
    });
  }

  private createKey(): kms.Key {
    const key = new kms.Key(this, 'Key', {
      description: 'Claim scrubber: encrypts claims (PHI) in queues, tables, topics and logs',
      enableKeyRotation: true,
      removalPolicy: this.removalPolicy,
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
    return key;
  }

  private createTable(id: string, options: Pick<dynamodb.TableProps, 'tableName' | 'partitionKey' | 'timeToLiveAttribute'>): dynamodb.Table {
    // Table, not TableV2: cdk-nag's DynamoDB rules read AWS::DynamoDB::Table only, and TableV2
    // synthesizes AWS::DynamoDB::GlobalTable, which they would silently skip.
    return new dynamodb.Table(this, id, {
      ...options,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: this.props.deletionProtection ?? true,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      removalPolicy: this.removalPolicy,
    });
  }

  private createQueuePair(
    idPrefix: string,
    queueName: string | undefined,
    dlqName: string | undefined,
    settings: Settings,
    visibilityTimeout?: Duration,
  ): [sqs.Queue, sqs.Queue] {
    const queue = (id: string, name: string | undefined, extra: Pick<sqs.QueueProps, 'visibilityTimeout' | 'deadLetterQueue'>) =>
      new sqs.Queue(this, id, {
        queueName: name,
        encryption: sqs.QueueEncryption.KMS,
        encryptionMasterKey: this.key,
        enforceSSL: true,
        retentionPeriod: settings.messageRetention,
        removalPolicy: this.removalPolicy,
        ...extra,
      });
    const dlq = queue(`${idPrefix}DeadLetterQueue`, dlqName, {});
    const main = queue(`${idPrefix}Queue`, queueName, { visibilityTimeout, deadLetterQueue: { queue: dlq, maxReceiveCount: settings.maxReceiveCount } });
    return [main, dlq];
  }

  private createAlarmTopic(topicName: string | undefined): sns.Topic {
    const topic = new sns.Topic(this, 'AlarmTopic', { topicName, displayName: 'Claim scrubber: alarms', masterKey: this.key, enforceSSL: true });
    // The SSL-only policy replaces SNS's default topic policy, so CloudWatch needs its own grant to publish.
    topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: alarmSourceConditions(),
      }),
    );
    return topic;
  }

  /** A function with its own role (no managed policies), its own encrypted log group, and X-Ray tracing. */
  private createFunction(id: string, spec: FunctionSpec): NodejsFunction {
    const { vpc, vpcSubnets } = this.props;
    const role = new iam.Role(this, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Claim scrubber ${spec.serviceName} function`,
    });
    if (vpc) {
      // What AWSLambdaVPCAccessExecutionRole grants for the function's network interfaces, without its
      // logs:* on every log group.
      role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [...VPC_ENI_ACTIONS], resources: ['*'] }));
    }
    const logGroup = new logs.LogGroup(this, `${id}Logs`, {
      encryptionKey: this.key,
      retention: this.props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: this.removalPolicy,
    });
    logGroup.grantWrite(role);
    const fn = new NodejsFunction(this, id, {
      description: spec.description,
      entry: spec.entry,
      handler: spec.handler,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: spec.memorySize,
      timeout: spec.timeout,
      tracing: lambda.Tracing.ACTIVE,
      role,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      reservedConcurrentExecutions: spec.reservedConcurrency,
      vpc,
      vpcSubnets: vpc ? vpcSubnets : undefined,
      bundling: spec.bundling,
      deadLetterQueue: spec.deadLetterQueue,
      environment: {
        ...spec.environment,
        POWERTOOLS_SERVICE_NAME: spec.serviceName,
        // The bundle ships with a source map; stack traces then name the TypeScript file and line.
        NODE_OPTIONS: '--enable-source-maps',
      },
    });
    return fn;
  }

  /** Exactly the calls the scrub function makes (shared/aws/*), on exactly the resources it makes them on. */
  private grantScrubFunction(): void {
    const role = this.scrubFunction.role as iam.IRole;
    // code-data-reader.ts: one BatchGetItem per batch for the active-release pointer, codes and payers,
    // and results-table.ts: earlier deliveries in that same request; BatchWriteItem for result rows. Not the index.
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['dynamodb:BatchGetItem'], resources: [this.codesTable.tableArn] }));
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem'], resources: [this.resultsTable.tableArn] }));
    // queue-sender.ts: SendMessageBatch is authorised by sqs:SendMessage.
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.reviewQueue.queueArn, this.cleanQueue.queueArn] }));
    // alert-publisher.ts: PublishBatch is authorised by sns:Publish.
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [this.alertTopic.topicArn] }));
    // DynamoDB, SQS and SNS use the key on the caller's behalf: decrypt to read, a data key to write.
    // The event source mapping adds kms:Decrypt and the consumer actions on the intake queue itself.
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'], resources: [this.key.keyArn] }));
  }

  /** process-object.ts: the file marker (file-marker.ts), the object and its report, the intake queue. */
  private grantIntakeFilesFunction(): void {
    const role = this.intakeFilesFunction.role as iam.IRole;
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'], resources: [this.resultsTable.tableArn] }),
    );
    // intake.ts: SendMessageBatch is authorised by sqs:SendMessage.
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.intakeQueue.queueArn] }));
    this.inbox.grantIntakeFiles(role);
    // S3 decrypts the file and encrypts the report, DynamoDB and SQS likewise, all with the one key.
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'], resources: [this.key.keyArn] }));
  }

  /** code-data-loader.ts and active-data.ts: reads of manifests and the pointer, batch writes, conditional puts. */
  private grantLoadFunction(): void {
    const role = this.loadCodeDataFunction.role as iam.IRole;
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:BatchWriteItem'], resources: [this.codesTable.tableArn] }),
    );
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'], resources: [this.key.keyArn] }));
  }

  private createAlarms(settings: Settings): void {
    const action = new SnsAction(this.alarmTopic);
    const add = (id: string, alarmProps: cloudwatch.AlarmProps) => {
      const alarm = new cloudwatch.Alarm(this, id, { treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING, ...alarmProps });
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      this.alarms.push(alarm);
    };
    const dlqs: Array<[string, sqs.Queue]> = [
      ['Intake', this.intakeDeadLetterQueue],
      ['Review', this.reviewDeadLetterQueue],
      ['Clean', this.cleanDeadLetterQueue],
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
      metric: this.intakeQueue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1), statistic: cloudwatch.Stats.MAXIMUM }),
      threshold: settings.maxIntakeAge.toSeconds(),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 5,
    });
    add('IntakeFilesDeadLetterQueueAlarm', {
      alarmDescription:
        'S3 events are in the intake-files dead-letter queue: the function failed on a claims file three times (claims that could not be sent, S3 or DynamoDB failing). The file stays in the inbox; its report, if any, says what was sent. Fix the cause, then upload the file again.',
      metric: this.intakeFilesDeadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: cloudwatch.Stats.MAXIMUM }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
    });
    const functions: Array<[string, NodejsFunction, string, string]> = [
      ['Scrub', this.scrubFunction, 'scrub', 'scrub function failed whole invocations (crash, timeout or init error); single claims that fail are retried by SQS instead'],
      ['LoadCodeData', this.loadCodeDataFunction, 'load-code-data', 'load-code-data function failed: the code table may hold a partial release, which is never activated'],
      ['IntakeFiles', this.intakeFilesFunction, 'intake-files', 'intake-files function failed on a claims file; Lambda tries the S3 event twice more, then puts it in the intake-files dead-letter queue'],
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
      metric: this.scrubMetric(SCRUB_METRICS.denialRisk, settings.denialRiskAlarmPeriod),
      threshold: settings.denialRiskAlarmThreshold,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    });
  }

  private createDashboard(dashboardName: string | undefined): cloudwatch.Dashboard {
    const period = Duration.minutes(5);
    const metric = (name: string) => this.scrubMetric(name, period);
    const dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName, defaultInterval: Duration.days(1) });
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Claims scrubbed',
        left: [metric(SCRUB_METRICS.clean), metric(SCRUB_METRICS.flagged), metric(SCRUB_METRICS.rejected)],
        stacked: true,
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Medicare denial risk, duplicate deliveries, failed records',
        left: [metric(SCRUB_METRICS.denialRisk), metric(SCRUB_METRICS.duplicates), metric(SCRUB_METRICS.recordsFailed)],
        width: 12,
      }),
    );
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Intake queue',
        left: [this.intakeQueue.metricApproximateNumberOfMessagesVisible({ period }), this.intakeQueue.metricApproximateNumberOfMessagesNotVisible({ period })],
        right: [this.intakeQueue.metricApproximateAgeOfOldestMessage({ period, statistic: cloudwatch.Stats.MAXIMUM })],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Review and clean queues',
        left: [this.reviewQueue.metricApproximateNumberOfMessagesVisible({ period }), this.cleanQueue.metricApproximateNumberOfMessagesVisible({ period })],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Dead-letter queues',
        left: [this.intakeDeadLetterQueue, this.reviewDeadLetterQueue, this.cleanDeadLetterQueue, this.intakeFilesDeadLetterQueue].map((q) =>
          q.metricApproximateNumberOfMessagesVisible({ period, statistic: cloudwatch.Stats.MAXIMUM }),
        ),
        width: 8,
      }),
    );
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Scrub function',
        left: [this.scrubFunction.metricInvocations({ period }), this.scrubFunction.metricErrors({ period }), this.scrubFunction.metricThrottles({ period })],
        right: [this.scrubFunction.metricDuration({ period, statistic: cloudwatch.Stats.p(95) })],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Table capacity used',
        left: [this.codesTable, this.resultsTable].flatMap((t) => [t.metricConsumedReadCapacityUnits({ period }), t.metricConsumedWriteCapacityUnits({ period })]),
        width: 12,
      }),
    );
    const fileMetric = (name: string) => this.intakeFilesMetric(name, period);
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
        left: [this.intakeFilesFunction.metricInvocations({ period }), this.intakeFilesFunction.metricErrors({ period })],
        right: [this.intakeFilesFunction.metricDuration({ period, statistic: cloudwatch.Stats.p(95) })],
        width: 8,
      }),
    );
    dashboard.addWidgets(new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 }));
    return dashboard;
  }

  private acceptFindings(): void {
    const accept = (scope: Construct, finding: { id: string; reason: string }) => Validations.of(scope).acknowledge(finding);
    for (const fn of [this.scrubFunction, this.loadCodeDataFunction, this.intakeFilesFunction]) {
      const role = fn.role as iam.Role;
      accept(role, ACCEPTED_FINDINGS.inlinePolicy);
      accept(role, this.props.vpc ? ACCEPTED_FINDINGS.xrayAndEniWildcard : ACCEPTED_FINDINGS.xrayWildcard);
      accept(fn, ACCEPTED_FINDINGS.runtime);
      if (!this.props.vpc) accept(fn, ACCEPTED_FINDINGS.lambdaVpc);
    }
    accept(this.scrubFunction, ACCEPTED_FINDINGS.scrubDlq);
    if (this.props.reservedConcurrency === undefined) accept(this.scrubFunction, ACCEPTED_FINDINGS.scrubConcurrency);
    accept(this.loadCodeDataFunction, ACCEPTED_FINDINGS.loadDlq);
    accept(this.loadCodeDataFunction, ACCEPTED_FINDINGS.loadConcurrency);
    for (const table of [this.codesTable, this.resultsTable]) accept(table, ACCEPTED_FINDINGS.backupPlan);
    acceptInboxFindings(this);
  }
}

/** Confused-deputy guard for CloudWatch acting on the alarm topic and key: alarms of this account and region. */
function alarmSourceConditions(): Record<string, Record<string, string>> {
  return {
    StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
    ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:*` },
  };
}

interface Settings {
  maxReceiveCount: number;
  functionTimeout: Duration;
  batchSize: number;
  maxBatchingWindow: Duration;
  maxConcurrency: number;
  intakeVisibilityTimeout: Duration;
  inboxRetentionDays: number;
  intakeFilesTimeout: Duration;
  activeDataTtl: Duration;
  resultRetentionDays: number;
  metricsNamespace: string;
  messageRetention: Duration;
  maxIntakeAge: Duration;
  denialRiskAlarmThreshold: number;
  denialRiskAlarmPeriod: Duration;
}

/** Defaults, plus the checks CloudFormation would only make at deploy time (or never). */
function resolveSettings(props: ClaimScrubberProps): Settings {
  const settings = {
    maxReceiveCount: props.maxReceiveCount ?? 5,
    functionTimeout: props.functionTimeout ?? Duration.seconds(60),
    batchSize: props.batchSize ?? SCRUB_EVENT_SOURCE_DEFAULTS.batchSize,
    maxBatchingWindow: props.maxBatchingWindow ?? Duration.seconds(SCRUB_EVENT_SOURCE_DEFAULTS.maxBatchingWindowSeconds),
    maxConcurrency: props.maxConcurrency ?? 10,
    activeDataTtl: props.activeDataTtl ?? Duration.seconds(60),
    resultRetentionDays: props.resultRetentionDays ?? DEFAULT_RESULT_RETENTION_DAYS,
    inboxRetentionDays: props.inboxRetentionDays ?? DEFAULT_INBOX_RETENTION_DAYS,
    intakeFilesTimeout: props.intakeFilesTimeout ?? Duration.minutes(5),
    metricsNamespace: props.metricsNamespace ?? DEFAULT_METRICS_NAMESPACE,
    messageRetention: props.messageRetention ?? Duration.days(14),
    maxIntakeAge: props.maxIntakeAge ?? Duration.minutes(15),
    denialRiskAlarmThreshold: props.denialRiskAlarmThreshold ?? 5,
    denialRiskAlarmPeriod: props.denialRiskAlarmPeriod ?? Duration.hours(1),
  };
  const problems: string[] = [];
  if (!Number.isInteger(settings.maxReceiveCount) || settings.maxReceiveCount < 1 || settings.maxReceiveCount > 1000) {
    problems.push('maxReceiveCount must be an integer from 1 to 1000');
  }
  if (!Number.isInteger(settings.batchSize) || settings.batchSize < 1 || settings.batchSize > 10_000) problems.push('batchSize must be an integer from 1 to 10000');
  if (settings.batchSize > 10 && settings.maxBatchingWindow.toSeconds() < 1) problems.push('a batchSize above 10 needs a maxBatchingWindow of at least 1 second');
  if (!Number.isInteger(settings.maxConcurrency) || settings.maxConcurrency < 2 || settings.maxConcurrency > 1000) {
    problems.push('maxConcurrency must be an integer from 2 to 1000 (the SQS event source limits)');
  }
  if (props.reservedConcurrency !== undefined && props.reservedConcurrency < settings.maxConcurrency) {
    problems.push(`reservedConcurrency (${props.reservedConcurrency}) must be at least maxConcurrency (${settings.maxConcurrency}), or the poller is throttled and healthy claims reach the DLQ`);
  }
  if (settings.functionTimeout.toSeconds() > 900) problems.push('functionTimeout cannot exceed 15 minutes');
  // The same bounds the function checks at start-up (shared/aws/config.ts), caught before a deploy.
  if (!Number.isInteger(settings.resultRetentionDays) || settings.resultRetentionDays < 1 || settings.resultRetentionDays > MAX_RESULT_RETENTION_DAYS) {
    problems.push(`resultRetentionDays must be a whole number of days from 1 to ${MAX_RESULT_RETENTION_DAYS}`);
  }
  if (!Number.isInteger(settings.inboxRetentionDays) || settings.inboxRetentionDays < 1 || settings.inboxRetentionDays > MAX_RESULT_RETENTION_DAYS) {
    problems.push(`inboxRetentionDays must be a whole number of days from 1 to ${MAX_RESULT_RETENTION_DAYS}`);
  }
  if (settings.intakeFilesTimeout.toSeconds() > 900) problems.push('intakeFilesTimeout cannot exceed 15 minutes');
  // AWS: at least six times the function timeout, plus the batching window the poller may wait.
  const intakeVisibilityTimeout = Duration.seconds(6 * settings.functionTimeout.toSeconds() + settings.maxBatchingWindow.toSeconds());
  if (intakeVisibilityTimeout.toSeconds() > 43_200) problems.push('functionTimeout is too long: six times it must fit in the 12-hour visibility timeout limit');
  if (problems.length > 0) throw new Error(`ClaimScrubber: ${problems.join('; ')}`);
  return { ...settings, intakeVisibilityTimeout };
}
