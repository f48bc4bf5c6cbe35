import { Aws, Duration, Names, RemovalPolicy, type CustomResource } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { INTAKE_FILES_SERVICE_NAME } from '../functions/intake-files/metric-names.ts';
import { SCRUB_SERVICE_NAME } from '../functions/scrub-claims/metric-names.ts';
import { CLAIM_CHECK_BUCKET_ENV, CLAIM_REFERENCE_ENV } from '../shared/aws/config.ts';
import { WORKLIST_ENV } from '../shared/aws/worklist-config.ts';
import { CODES_TABLE_SCHEMA, RESULTS_TABLE_SCHEMA } from '../shared/aws/table-schemas.ts';
import { acceptFindings } from './accepted-findings.ts';
import { checkAlarmDestination } from './alarm-destination.ts';
import { createAlarms } from './alarms.ts';
import { tagForBackup } from './backup-tag.ts';
import { ClaimCheckBucket } from './claim-check.ts';
import { acceptClaimDataFindings } from './claim-data-findings.ts';
import { ClaimReferenceSecret } from './claim-reference-secret.ts';
import type { ClaimInbox } from './claim-inbox.ts';
import type { ClaimScrubberProps } from './claim-scrubber-props.ts';
import { resolveSettings } from './claim-scrubber-settings.ts';
import { createDashboard } from './dashboard.ts';
import { allowS3LogDelivery, createEncryptionKey } from './encryption-key.ts';
import { createFileIntake } from './file-intake.ts';
import { roleOf, type FunctionDefaults } from './lambda-function.ts';
import { createLoadCodeDataFunction, DEFAULT_LOAD_TIMEOUT } from './load-code-data-function.ts';
import { loadCodeDataOnDeploy } from './code-data-on-deploy.ts';
import { serviceMetric } from './monitoring.ts';
import { createDeadLetterQueue, createQueuePair, type QueueDefaults } from './queues.ts';
import { createScrubFunction } from './scrub-function.ts';
import { createTable } from './tables.ts';
import { alarmTopicOf, createAlertTopic, subscribeEmails } from './topics.ts';
import { Worklist } from './worklist.ts';
import { acceptWorklistFindings } from './worklist-findings.ts';
import { WORKLIST_FEED_TIMEOUT } from './worklist-functions.ts';
import { addWorklistWidgets, createWorklistAlarms } from './worklist-monitoring.ts';
import { resolveWorklistSettings } from './worklist-settings.ts';

// What users and tests import from here; each lives in the module of its concern.
export type { ClaimScrubberNames, ClaimScrubberProps } from './claim-scrubber-props.ts';
export type { WorklistOrganisation, WorklistProps } from './worklist-props.ts';
export { ACCEPTED_FINDINGS } from './accepted-findings.ts';
export { LOAD_SERVICE_NAME, VPC_ENI_ACTIONS } from './constants.ts';
export { DEFAULT_METRICS_NAMESPACE, SCRUB_METRICS, SCRUB_SERVICE_NAME } from '../functions/scrub-claims/metric-names.ts';
export {
  CODES_PARTITION_KEY,
  RESULTS_DATE_ATTRIBUTE,
  RESULTS_PARTITION_KEY,
  RESULTS_STATUS_ATTRIBUTE,
  RESULTS_STATUS_INDEX,
  RESULTS_TTL_ATTRIBUTE,
} from '../shared/aws/table-schemas.ts';

/**
 * The claim scrubber on AWS: intake queue → scrub function → review or clean queue, with code and
 * result tables, a Medicare denial-risk alert topic, alarms, a dashboard, and the load-code-data
 * function that fills the code table. Everything that holds claim data is encrypted with one customer
 * managed key (rotation on).
 *
 * Each concern is built by a module of its own (queues.ts, tables.ts, scrub-function.ts, alarms.ts, …)
 * directly in this construct's scope, not in a nested construct, so the resources' logical ids are
 * the ones they have always had.
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
  /**
   * Where SNS puts alerts and alarm notifications it could not deliver to the email subscriptions; give
   * it to your own subscriptions of the alert topic too (their `deadLetterQueue`).
   */
  readonly notificationDeadLetterQueue: sqs.Queue;
  readonly scrubFunction: NodejsFunction;
  /** Loads the release and payer policy bundled with it into the code table; the deploy invokes it (codeDataLoad). */
  readonly loadCodeDataFunction: NodejsFunction;
  /** The deploy's load of the bundled code data: done on the first deploy and whenever the bundled data changes. */
  readonly codeDataLoad: CustomResource;
  /** The S3 inbox: claims files under incoming/, their reports under reports/. */
  readonly inbox: ClaimInbox;
  /** Reads each file put under the inbox's incoming/ and sends its claims to the intake queue. */
  readonly intakeFilesFunction: NodejsFunction;
  /** S3 events the intake-files function failed on three times (Lambda's asynchronous retries). */
  readonly intakeFilesDeadLetterQueue: sqs.Queue;
  /**
   * Routed messages too large for SQS, under claim-check/ (the queue message points to the object).
   * Consumers of the review and clean queues need s3:GetObject on it and kms:Decrypt on the key:
   * grantReadClaimChecks gives both.
   */
  readonly claimCheckBucket: s3.Bucket;
  /** The key of the keyed hash that names claims in logs, metrics and alerts; never rotated. */
  readonly claimReferenceSecret: secretsmanager.ISecret;
  /** The review worklist, when the `worklist` prop asks for it; it then consumes the review queue. */
  readonly worklist: Worklist | undefined;
  private readonly claimCheck: ClaimCheckBucket;
  readonly alarms: cloudwatch.Alarm[];
  readonly dashboard: cloudwatch.Dashboard;
  /** CloudWatch namespace of the scrub function's own metrics. */
  readonly metricsNamespace: string;
  /**
   * Every log group of the construct is named `<logGroupNamePrefix>/<function>`. A key given as
   * `encryptionKey` must let CloudWatch Logs use it for log groups under this prefix.
   */
  readonly logGroupNamePrefix: string;

  constructor(scope: Construct, id: string, props: ClaimScrubberProps = {}) {
    super(scope, id);
    const settings = resolveSettings(props);
    checkAlarmDestination(this, props);
    const worklistSettings = props.worklist ? resolveWorklistSettings(props.worklist) : undefined;
    const names = props.names ?? {};
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const logLevel = props.logLevel ?? 'INFO';
    this.metricsNamespace = settings.metricsNamespace;

    // Known before anything exists: the key's policy names the log groups by it.
    this.logGroupNamePrefix = `/claim-scrubber/${Names.uniqueResourceName(this, { maxLength: 64, separator: '-' })}`;
    const key = props.encryptionKey ?? createEncryptionKey(this, removalPolicy, this.logGroupNamePrefix);
    this.key = key;

    const tableOptions = { key, deletionProtection: props.deletionProtection ?? true, removalPolicy };
    this.codesTable = createTable(this, 'CodesTable', CODES_TABLE_SCHEMA, { ...tableOptions, tableName: names.codesTable });
    // Keyed by submitter and claim id since version 0.2 (docs/deploy.md, "Upgrading"): a key cannot change
    // in place, so the table has a new logical id and an earlier one is retained, not replaced.
    this.resultsTable = createTable(this, 'ResultsByClaimKey', RESULTS_TABLE_SCHEMA, { ...tableOptions, tableName: names.resultsTable });

    const queueDefaults: QueueDefaults = { key, messageRetention: settings.messageRetention, deadLetterRetention: settings.deadLetterRetention, removalPolicy };
    const { maxReceiveCount } = settings;
    [this.intakeQueue, this.intakeDeadLetterQueue] = createQueuePair(this, queueDefaults, {
      idPrefix: 'Intake',
      queueName: names.intakeQueue,
      deadLetterQueueName: names.intakeDeadLetterQueue,
      maxReceiveCount,
      visibilityTimeout: settings.intakeVisibilityTimeout,
    });
    [this.reviewQueue, this.reviewDeadLetterQueue] = createQueuePair(this, queueDefaults, {
      idPrefix: 'Review',
      queueName: names.reviewQueue,
      deadLetterQueueName: names.reviewDeadLetterQueue,
      maxReceiveCount,
      // Six times the feed's timeout when the worklist consumes the queue, as AWS advises for SQS event sources; your own consumer sets its own.
      ...(worklistSettings ? { visibilityTimeout: Duration.seconds(6 * WORKLIST_FEED_TIMEOUT.toSeconds()) } : {}),
    });
    [this.cleanQueue, this.cleanDeadLetterQueue] = createQueuePair(this, queueDefaults, {
      idPrefix: 'Clean',
      queueName: names.cleanQueue,
      deadLetterQueueName: names.cleanDeadLetterQueue,
      maxReceiveCount,
    });

    this.alertTopic = createAlertTopic(this, key, names.alertTopic);
    this.alarmTopic = alarmTopicOf(this, key, props.alarmTopic, names.alarmTopic);
    this.notificationDeadLetterQueue = createDeadLetterQueue(this, queueDefaults, 'NotificationDeadLetterQueue', names.notificationDeadLetterQueue);
    subscribeEmails({ alertTopic: this.alertTopic, alarmTopic: this.alarmTopic, alertEmail: props.alertEmail, alarmEmail: props.alarmEmail, deadLetterQueue: this.notificationDeadLetterQueue });

    const functionDefaults: FunctionDefaults = {
      key,
      removalPolicy,
      logRetention: props.logRetention,
      logGroupNamePrefix: this.logGroupNamePrefix,
      vpc: props.vpc,
      vpcSubnets: props.vpcSubnets,
    };
    // `this` stands for the resources each part needs: the key, tables, queues and topics are set by now.
    this.scrubFunction = createScrubFunction(
      this,
      this,
      { settings, memorySize: props.memorySize, reservedConcurrency: props.reservedConcurrency, logLevel },
      functionDefaults,
    );
    this.loadCodeDataFunction = createLoadCodeDataFunction(
      this,
      { key, codesTable: this.codesTable, timeout: props.loadFunctionTimeout, memorySize: props.loadFunctionMemorySize, logLevel },
      functionDefaults,
    );
    this.codeDataLoad = loadCodeDataOnDeploy(this, this.loadCodeDataFunction, this.codesTable, props.loadFunctionTimeout ?? DEFAULT_LOAD_TIMEOUT);
    const fileIntake = createFileIntake(this, this, { settings, names, props, logLevel, removalPolicy }, queueDefaults, functionDefaults);
    this.intakeFilesDeadLetterQueue = fileIntake.deadLetterQueue;
    this.intakeFilesFunction = fileIntake.intakeFilesFunction;
    this.inbox = fileIntake.inbox;

    const claimReference = new ClaimReferenceSecret(this, 'ClaimReferenceSecret', key, removalPolicy);
    this.claimReferenceSecret = claimReference.secret;
    const claimCheck = new ClaimCheckBucket(this, 'ClaimCheck', {
      key,
      accessLogsBucket: this.inbox.accessLogsBucket,
      retentionDays: settings.claimCheckRetentionDays,
      bucketName: names.claimCheckBucket,
      removalPolicy,
    });
    this.claimCheck = claimCheck;
    this.worklist = worklistSettings
      ? new Worklist(
          this,
          'Worklist',
          { key, intakeQueue: this.intakeQueue, reviewQueue: this.reviewQueue, cleanQueue: this.cleanQueue, claimCheck, claimReference, accessLogsBucket: this.inbox.accessLogsBucket },
          { settings: worklistSettings, tableName: names.worklistTable, deletionProtection: tableOptions.deletionProtection, removalPolicy, metricsNamespace: settings.metricsNamespace, logLevel, resultRetentionDays: settings.resultRetentionDays },
          functionDefaults,
        )
      : undefined;
    const worklistBuckets = this.worklist?.page.bucketNames.map((name) => `arn:${Aws.PARTITION}:s3:::${name}`) ?? [];
    allowS3LogDelivery(key, [this.inbox.arn(), claimCheck.arn(), ...worklistBuckets]);
    this.claimCheckBucket = claimCheck.bucket;
    // Added to the functions afterwards: the claim-check bucket logs to the inbox's log bucket, made with the intake.
    this.scrubFunction.addEnvironment(CLAIM_CHECK_BUCKET_ENV, claimCheck.bucket.bucketName);
    claimCheck.grantPut(roleOf(this.scrubFunction));
    for (const fn of [this.scrubFunction, this.intakeFilesFunction]) {
      fn.addEnvironment(CLAIM_REFERENCE_ENV.secretArn, this.claimReferenceSecret.secretArn);
      claimReference.grantRead(roleOf(fn));
    }
    // Alerts link to the claim on the worklist: <url>/#/claims/<claim reference>.
    if (this.worklist) this.scrubFunction.addEnvironment(WORKLIST_ENV.url, this.worklist.url);

    tagForBackup(
      [
        key,
        this.codesTable,
        this.resultsTable,
        this.intakeQueue,
        this.intakeDeadLetterQueue,
        this.reviewQueue,
        this.reviewDeadLetterQueue,
        this.cleanQueue,
        this.cleanDeadLetterQueue,
        this.intakeFilesDeadLetterQueue,
        this.notificationDeadLetterQueue,
        this.inbox.bucket,
        this.inbox.accessLogsBucket,
        claimCheck.bucket,
        claimReference,
        ...(this.worklist ? [this.worklist.table, this.worklist.page.bucket, this.worklist.page.cdnLogsBucket] : []),
      ],
      settings.backupTag,
    );

    const worklist = this.worklist;
    const worklistWatched = worklist && {
      metricsNamespace: settings.metricsNamespace,
      api: worklist.httpApi.api,
      apiFunction: worklist.apiFunction,
      feedFunction: worklist.feedFunction,
      table: worklist.table,
      reviewQueue: this.reviewQueue,
    };
    this.alarms = [...createAlarms(this, this, settings, this.alarmTopic), ...(worklistWatched ? createWorklistAlarms(this, worklistWatched, this.alarmTopic) : [])];
    this.dashboard = createDashboard(this, this, this.alarms, names.dashboard, (dashboard) => {
      if (worklistWatched) addWorklistWidgets(dashboard, worklistWatched);
    });
    acceptFindings({
      scrubFunction: this.scrubFunction,
      loadCodeDataFunction: this.loadCodeDataFunction,
      intakeFilesFunction: this.intakeFilesFunction,
      codesTable: this.codesTable,
      resultsTable: this.resultsTable,
      inbox: this.inbox,
      notificationDeadLetterQueue: this.notificationDeadLetterQueue,
      inVpc: props.vpc !== undefined,
      reservedConcurrency: props.reservedConcurrency,
    });
    acceptClaimDataFindings(claimCheck, claimReference, this.scrubFunction);
    if (this.worklist) acceptWorklistFindings(this.worklist, claimCheck, { inVpc: props.vpc !== undefined });
  }

  /** What a consumer of the review or clean queue needs for messages whose body is in the claim-check bucket. */
  grantReadClaimChecks(grantee: iam.IGrantable): void {
    this.claimCheck.grantRead(grantee);
    this.key.grantDecrypt(grantee);
  }

  /** A metric the scrub function writes with Powertools (EMF), whose default dimension is the service name. */
  scrubMetric(metricName: string, period = Duration.minutes(5)): cloudwatch.Metric {
    return serviceMetric(this.metricsNamespace, SCRUB_SERVICE_NAME, metricName, period);
  }

  /** A metric the intake-files function writes (process-object.ts). */
  intakeFilesMetric(metricName: string, period = Duration.minutes(5)): cloudwatch.Metric {
    return serviceMetric(this.metricsNamespace, INTAKE_FILES_SERVICE_NAME, metricName, period);
  }
}
