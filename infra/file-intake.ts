import type { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { INTAKE_FILES_SERVICE_NAME } from '../functions/intake-files/metric-names.ts';
import { RESULT_KEY_PREFIXES } from '../shared/aws/table-schemas.ts';
import { INTAKE_FILES_ENTRY, lambdaBundlingOptions } from './bundling.ts';
import { ClaimInbox } from './claim-inbox.ts';
import type { ClaimScrubberNames, ClaimScrubberProps } from './claim-scrubber-props.ts';
import type { Settings } from './claim-scrubber-settings.ts';
import { KMS_USE } from './encryption-key.ts';
import { createLambdaFunction, roleOf, type FunctionDefaults } from './lambda-function.ts';
import { createDeadLetterQueue, type QueueDefaults } from './queues.ts';

export interface FileIntake {
  /** S3 events the intake-files function failed on three times (Lambda's asynchronous retries). */
  readonly deadLetterQueue: sqs.Queue;
  /** Reads each file put under the inbox's incoming/ and sends its claims to the intake queue. */
  readonly intakeFilesFunction: NodejsFunction;
  /** The S3 inbox: claims files under incoming/, their reports under reports/. */
  readonly inbox: ClaimInbox;
}

export interface FileIntakeResources {
  readonly key: kms.IKey;
  readonly intakeQueue: sqs.IQueue;
  /** Holds the per-file-version markers (file-marker.ts) beside the result rows. */
  readonly resultsTable: dynamodb.ITable;
}

export interface FileIntakeOptions {
  readonly settings: Settings;
  readonly names: ClaimScrubberNames;
  readonly props: Pick<ClaimScrubberProps, 'intakeFilesMemorySize' | 'logRetention'>;
  readonly logLevel: string;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The file intake: the inbox bucket, the intake-files function its object-created events invoke (which
 * sends each file's claims to the intake queue and writes the file's report), and that function's DLQ.
 */
export function createFileIntake(
  scope: Construct,
  resources: FileIntakeResources,
  options: FileIntakeOptions,
  queueDefaults: QueueDefaults,
  functionDefaults: FunctionDefaults,
): FileIntake {
  const { settings, names, props } = options;
  const deadLetterQueue = createDeadLetterQueue(scope, queueDefaults, 'IntakeFilesDeadLetterQueue', names.intakeFilesDeadLetterQueue);
  const intakeFilesFunction = createLambdaFunction(
    scope,
    'IntakeFilesFunction',
    {
      entry: INTAKE_FILES_ENTRY,
      handler: 'handler',
      description: 'Reads each claims file put in the inbox bucket, sends its claims to the intake queue and writes its report',
      serviceName: INTAKE_FILES_SERVICE_NAME,
      timeout: settings.intakeFilesTimeout,
      memorySize: props.intakeFilesMemorySize ?? 1024,
      bundling: lambdaBundlingOptions(),
      deadLetterQueue,
      environment: {
        INTAKE_QUEUE_URL: resources.intakeQueue.queueUrl,
        RESULTS_TABLE_NAME: resources.resultsTable.tableName,
        FILE_MARKER_RETENTION_DAYS: String(settings.inboxRetentionDays),
        POWERTOOLS_METRICS_NAMESPACE: settings.metricsNamespace,
        POWERTOOLS_LOG_LEVEL: options.logLevel,
      },
    },
    functionDefaults,
  );
  const inbox = new ClaimInbox(scope, 'Inbox', {
    key: resources.key,
    intakeFilesFunction,
    bucketName: names.inboxBucket,
    retentionDays: settings.inboxRetentionDays,
    reportRetentionDays: settings.resultRetentionDays,
    accessLogRetentionDays: props.logRetention === logs.RetentionDays.INFINITE ? undefined : (props.logRetention ?? logs.RetentionDays.ONE_YEAR),
    removalPolicy: options.removalPolicy,
  });
  grantIntakeFilesFunction(roleOf(intakeFilesFunction), resources, inbox);
  return { deadLetterQueue, intakeFilesFunction, inbox };
}

/** process-object.ts: the file marker (file-marker.ts), the object and its report, the intake queue. */
function grantIntakeFilesFunction(role: iam.IRole, r: FileIntakeResources, inbox: ClaimInbox): void {
  // Only the rows whose key starts with the file-marker prefix: the function can read or write no claim's result.
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
      resources: [r.resultsTable.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${RESULT_KEY_PREFIXES.fileMarker}*`] } },
    }),
  );
  // intake.ts: SendMessageBatch is authorised by sqs:SendMessage.
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [r.intakeQueue.queueArn] }));
  inbox.grantIntakeFiles(role);
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [...KMS_USE.readAndSend], resources: [r.key.keyArn] }));
}
