import { Aws, type RemovalPolicy } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { PageConfig } from '../shared/application/worklist/api.ts';
import { WORKLIST_TABLE_SCHEMA } from '../shared/aws/table-schemas.ts';
import type { ClaimCheckBucket } from './claim-check.ts';
import type { ClaimReferenceSecret } from './claim-reference-secret.ts';
import type { FunctionDefaults } from './lambda-function.ts';
import { createTable } from './tables.ts';
import { WorklistHttpApi } from './worklist-api.ts';
import { createWorklistApiFunction, createWorklistFeedFunction, type WorklistFunctionResources } from './worklist-functions.ts';
import { WorklistPage } from './worklist-page.ts';
import type { WorklistSettings } from './worklist-settings.ts';
import { WorklistUsers } from './worklist-users.ts';

/** What the worklist uses of the rest of the construct. */
export interface WorklistResources {
  readonly key: kms.IKey;
  readonly intakeQueue: sqs.IQueue;
  readonly reviewQueue: sqs.IQueue;
  readonly cleanQueue: sqs.IQueue;
  readonly claimCheck: ClaimCheckBucket;
  readonly claimReference: ClaimReferenceSecret;
  /** Where the page's buckets write their server access logs. */
  readonly accessLogsBucket: s3.IBucket;
}

export interface WorklistOptions {
  readonly settings: WorklistSettings;
  readonly tableName: string | undefined;
  readonly deletionProtection: boolean;
  readonly removalPolicy: RemovalPolicy;
  readonly metricsNamespace: string;
  readonly logLevel: string;
  readonly resultRetentionDays: number;
}

/**
 * The review worklist: the review queue's consumer (the feed) keeps a worklist table of the claims
 * routed to review; reviewers and supervisors, Cognito users of an organisation, work them on a page
 * served by CloudFront, through an HTTP API behind a JWT authorizer. Corrections go back through the
 * intake queue, supervisors' releases to the clean queue.
 */
export class Worklist extends Construct {
  readonly settings: WorklistSettings;
  readonly table: dynamodb.Table;
  readonly users: WorklistUsers;
  readonly client: cognito.UserPoolClient;
  readonly apiFunction: NodejsFunction;
  readonly feedFunction: NodejsFunction;
  readonly httpApi: WorklistHttpApi;
  readonly page: WorklistPage;
  /** `https://<domain>`: the page. A claim is at `<url>/#/claims/<claim reference>`. */
  readonly url: string;

  constructor(scope: Construct, id: string, resources: WorklistResources, options: WorklistOptions, defaults: FunctionDefaults) {
    super(scope, id);
    const { settings } = options;
    this.settings = settings;
    this.table = createTable(this, 'Table', WORKLIST_TABLE_SCHEMA, {
      key: resources.key,
      tableName: options.tableName,
      deletionProtection: options.deletionProtection,
      removalPolicy: options.removalPolicy,
    });
    const functionResources: WorklistFunctionResources = { ...resources, table: this.table };
    const functionOptions = { settings, metricsNamespace: options.metricsNamespace, logLevel: options.logLevel, resultRetentionDays: options.resultRetentionDays };
    this.feedFunction = createWorklistFeedFunction(this, functionResources, functionOptions, defaults);
    this.apiFunction = createWorklistApiFunction(this, functionResources, functionOptions, defaults);

    this.users = new WorklistUsers(this, 'Users', { settings, removalPolicy: options.removalPolicy, deletionProtection: options.deletionProtection });
    this.httpApi = new WorklistHttpApi(this, 'Api', {
      key: resources.key,
      logGroupNamePrefix: defaults.logGroupNamePrefix,
      logRetention: defaults.logRetention,
      removalPolicy: options.removalPolicy,
    });
    this.page = new WorklistPage(this, 'Page', {
      settings,
      apiDomain: this.httpApi.originDomain(),
      signInOrigin: this.users.signInOrigin(),
      accessLogsBucket: resources.accessLogsBucket,
      logRetention: defaults.logRetention,
      removalPolicy: options.removalPolicy,
    });
    this.client = this.users.addPageClient([...this.page.signInCallbackUrls(), ...settings.callbackUrls]);
    this.httpApi.addRoutes(this.apiFunction, this.users.userPool, this.client);
    this.url = this.page.url;
    const config: PageConfig = {
      auth: 'cognito',
      domain: this.users.signInOrigin(),
      clientId: this.client.userPoolClientId,
      redirectUri: `${this.url}/`,
      region: Aws.REGION,
    };
    this.page.deploy(config, { ...defaults });
  }
}
