import * as iam from 'aws-cdk-lib/aws-iam';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { SCRUB_SERVICE_NAME } from '../functions/scrub-claims/metric-names.ts';
import { lambdaBundlingOptions, SCRUB_CLAIMS_ENTRY } from './bundling.ts';
import type { Settings } from './claim-scrubber-settings.ts';
import { SCRUB_FUNCTION_MEMORY_MB } from './constants.ts';
import { KMS_USE } from './encryption-key.ts';
import { createLambdaFunction, roleOf, type FunctionDefaults } from './lambda-function.ts';

/** What the scrub function reads from, writes to and is triggered by. */
export interface ScrubFunctionResources {
  readonly key: kms.IKey;
  readonly codesTable: dynamodb.ITable;
  readonly resultsTable: dynamodb.ITable;
  readonly intakeQueue: sqs.IQueue;
  readonly reviewQueue: sqs.IQueue;
  readonly cleanQueue: sqs.IQueue;
  readonly alertTopic: sns.ITopic;
}

export interface ScrubFunctionOptions {
  readonly settings: Settings;
  readonly memorySize: number | undefined;
  readonly reservedConcurrency: number | undefined;
  readonly logLevel: string;
}

/**
 * The scrub-claims function: triggered by the intake queue (partial batch responses, bounded by the
 * event source's maximum concurrency), routing each claim to the review or clean queue.
 */
export function createScrubFunction(scope: Construct, resources: ScrubFunctionResources, options: ScrubFunctionOptions, defaults: FunctionDefaults): NodejsFunction {
  const { settings } = options;
  const fn = createLambdaFunction(
    scope,
    'ScrubFunction',
    {
      entry: SCRUB_CLAIMS_ENTRY,
      handler: 'handler',
      description: 'Scrubs intake claims and routes them to the review or clean queue',
      serviceName: SCRUB_SERVICE_NAME,
      timeout: settings.functionTimeout,
      memorySize: options.memorySize ?? SCRUB_FUNCTION_MEMORY_MB,
      reservedConcurrency: options.reservedConcurrency,
      bundling: lambdaBundlingOptions(),
      environment: {
        CODES_TABLE_NAME: resources.codesTable.tableName,
        RESULTS_TABLE_NAME: resources.resultsTable.tableName,
        REVIEW_QUEUE_URL: resources.reviewQueue.queueUrl,
        CLEAN_QUEUE_URL: resources.cleanQueue.queueUrl,
        ALERT_TOPIC_ARN: resources.alertTopic.topicArn,
        ACTIVE_DATA_TTL_SECONDS: String(settings.activeDataTtl.toSeconds()),
        RESULT_RETENTION_DAYS: String(settings.resultRetentionDays),
        POWERTOOLS_METRICS_NAMESPACE: settings.metricsNamespace,
        POWERTOOLS_LOG_LEVEL: options.logLevel,
      },
    },
    defaults,
  );
  fn.addEventSource(
    new SqsEventSource(resources.intakeQueue, {
      batchSize: settings.batchSize,
      maxBatchingWindow: settings.maxBatchingWindow,
      maxConcurrency: settings.maxConcurrency,
      reportBatchItemFailures: true,
    }),
  );
  grantScrubFunction(roleOf(fn), resources);
  return fn;
}

/** Exactly the calls the scrub function makes (shared/aws/*), on exactly the resources it makes them on. */
function grantScrubFunction(role: iam.IRole, r: ScrubFunctionResources): void {
  // code-data-reader.ts: one BatchGetItem per batch for the active-release pointer, codes and payers,
  // and results-table.ts: earlier deliveries in that same request; BatchWriteItem for result rows. Not the index.
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['dynamodb:BatchGetItem'], resources: [r.codesTable.tableArn] }));
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem'], resources: [r.resultsTable.tableArn] }));
  // queue-sender.ts: SendMessageBatch is authorised by sqs:SendMessage.
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [r.reviewQueue.queueArn, r.cleanQueue.queueArn] }));
  // alert-publisher.ts: PublishBatch is authorised by sns:Publish.
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [r.alertTopic.topicArn] }));
  // The event source mapping adds kms:Decrypt and the consumer actions on the intake queue itself.
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [...KMS_USE.readAndSend], resources: [r.key.keyArn] }));
}
