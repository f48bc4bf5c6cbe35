import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { WORKLIST_API_SERVICE_NAME, WORKLIST_FEED_SERVICE_NAME } from '../functions/worklist-api/metric-names.ts';
import { CLAIM_CHECK_BUCKET_ENV, CLAIM_REFERENCE_ENV } from '../shared/aws/config.ts';
import { WORKLIST_LIST_INDEX } from '../shared/aws/table-schemas.ts';
import { WORKLIST_ENV } from '../shared/aws/worklist-config.ts';
import { lambdaBundlingOptions, WORKLIST_API_ENTRY, WORKLIST_FEED_ENTRY } from './bundling.ts';
import type { ClaimCheckBucket } from './claim-check.ts';
import type { ClaimReferenceSecret } from './claim-reference-secret.ts';
import { KMS_USE } from './encryption-key.ts';
import { createLambdaFunction, roleOf, type FunctionDefaults } from './lambda-function.ts';
import type { WorklistSettings } from './worklist-settings.ts';

/**
 * The feed's timeout. The review queue's visibility timeout is six times it when the worklist consumes
 * the queue, as AWS advises for SQS event sources.
 */
export const WORKLIST_FEED_TIMEOUT = Duration.seconds(30);
/** Routed messages per feed invocation, and feed invocations at most at once: the review queue is never the busy one. */
export const WORKLIST_FEED_EVENT_SOURCE = { batchSize: 10, maxConcurrency: 5 } as const;

/** What the worklist functions read and write. */
export interface WorklistFunctionResources {
  readonly key: kms.IKey;
  readonly table: dynamodb.ITable;
  readonly intakeQueue: sqs.IQueue;
  readonly reviewQueue: sqs.IQueue;
  readonly cleanQueue: sqs.IQueue;
  readonly claimCheck: ClaimCheckBucket;
  readonly claimReference: ClaimReferenceSecret;
}

export interface WorklistFunctionOptions {
  readonly settings: WorklistSettings;
  /** RESULT_RETENTION_DAYS: closed items and claim versions expire after it, as result rows do. */
  readonly resultRetentionDays: number;
  readonly metricsNamespace: string;
  readonly logLevel: string;
}

/**
 * The worklist API (functions/worklist-api): behind API Gateway's JWT authorizer, it reads and writes
 * the worklist, sends corrections to the intake queue and supervisors' releases to the clean queue.
 */
export function createWorklistApiFunction(scope: Construct, r: WorklistFunctionResources, options: WorklistFunctionOptions, defaults: FunctionDefaults): NodejsFunction {
  const fn = createLambdaFunction(
    scope,
    'WorklistApiFunction',
    {
      entry: WORKLIST_API_ENTRY,
      handler: 'handler',
      description: 'The review worklist API: lists, shows, acts on and corrects claims routed to review',
      serviceName: WORKLIST_API_SERVICE_NAME,
      // API Gateway gives up on an HTTP API integration after 30 seconds; a request should take well under one.
      timeout: Duration.seconds(10),
      memorySize: 512,
      bundling: lambdaBundlingOptions(),
      environment: {
        [WORKLIST_ENV.table]: r.table.tableName,
        [WORKLIST_ENV.organisations]: JSON.stringify(options.settings.organisations),
        [WORKLIST_ENV.intakeQueueUrl]: r.intakeQueue.queueUrl,
        [WORKLIST_ENV.cleanQueueUrl]: r.cleanQueue.queueUrl,
        [CLAIM_CHECK_BUCKET_ENV]: r.claimCheck.bucket.bucketName,
        [CLAIM_REFERENCE_ENV.secretArn]: r.claimReference.secret.secretArn,
        RESULT_RETENTION_DAYS: String(options.resultRetentionDays),
        POWERTOOLS_METRICS_NAMESPACE: options.metricsNamespace,
        POWERTOOLS_LOG_LEVEL: options.logLevel,
      },
    },
    defaults,
  );
  const role = roleOf(fn);
  // worklist-store.ts: GetItem and a conditional PutItem per item; the list is a Query of the byList index only.
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], resources: [r.table.tableArn] }));
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${r.table.tableArn}/index/${WORKLIST_LIST_INDEX}`] }));
  // worklist-ports.ts: corrections to the intake queue (SendMessageBatch is authorised by sqs:SendMessage), releases to the clean queue.
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [r.intakeQueue.queueArn, r.cleanQueue.queueArn] }));
  r.claimReference.grantRead(role);
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [...KMS_USE.readAndSend], resources: [r.key.keyArn] }));
  return fn;
}

/**
 * The worklist feed (functions/worklist-feed): the review queue's consumer. Each routed message becomes
 * or updates an item (partial batch responses: a message that fails goes back alone, and to the review
 * DLQ after maxReceiveCount deliveries); a message too large for SQS is read from the claim-check bucket.
 */
export function createWorklistFeedFunction(scope: Construct, r: WorklistFunctionResources, options: WorklistFunctionOptions, defaults: FunctionDefaults): NodejsFunction {
  const fn = createLambdaFunction(
    scope,
    'WorklistFeedFunction',
    {
      entry: WORKLIST_FEED_ENTRY,
      handler: 'handler',
      description: 'Feeds the review worklist from the review queue',
      serviceName: WORKLIST_FEED_SERVICE_NAME,
      timeout: WORKLIST_FEED_TIMEOUT,
      memorySize: 512,
      bundling: lambdaBundlingOptions(),
      environment: {
        [WORKLIST_ENV.table]: r.table.tableName,
        RESULT_RETENTION_DAYS: String(options.resultRetentionDays),
        POWERTOOLS_METRICS_NAMESPACE: options.metricsNamespace,
        POWERTOOLS_LOG_LEVEL: options.logLevel,
      },
    },
    defaults,
  );
  fn.addEventSource(
    new SqsEventSource(r.reviewQueue, {
      batchSize: WORKLIST_FEED_EVENT_SOURCE.batchSize,
      maxConcurrency: WORKLIST_FEED_EVENT_SOURCE.maxConcurrency,
      reportBatchItemFailures: true,
    }),
  );
  const role = roleOf(fn);
  // worklist-store.ts: the item's GetItem and conditional PutItem, and the PutItem of each version's claim. No query.
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], resources: [r.table.tableArn] }));
  // worklist-ports.ts: a routed message's body kept under claim-check/. The message names the object, so no secret is needed.
  r.claimCheck.grantRead(role);
  // Reading the table and the claim-check objects needs kms:Decrypt only; the event source mapping adds it for the queue as well.
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [...KMS_USE.tablesOnly], resources: [r.key.keyArn] }));
  return fn;
}
