import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Construct } from 'constructs';
import { lambdaBundlingOptions, LOAD_CODE_DATA_ENTRY, LOAD_CODE_DATA_LAYOUT, stagedHandler } from './bundling.ts';
import { LOAD_SERVICE_NAME } from './constants.ts';
import { KMS_USE } from './encryption-key.ts';
import { createLambdaFunction, roleOf, type FunctionDefaults } from './lambda-function.ts';

export const DEFAULT_LOAD_TIMEOUT = Duration.minutes(5);

export interface LoadCodeDataFunctionOptions {
  readonly key: kms.IKey;
  readonly codesTable: dynamodb.ITable;
  /** @default Duration.minutes(5) */
  readonly timeout: Duration | undefined;
  /** @default 1024 */
  readonly memorySize: number | undefined;
  readonly logLevel: string;
}

/**
 * Loads the release and payer policy bundled with it into the code table: CloudFormation invokes it
 * during the deploy (code-data-on-deploy.ts), and an operator may invoke it by hand.
 */
export function createLoadCodeDataFunction(scope: Construct, options: LoadCodeDataFunctionOptions, defaults: FunctionDefaults): NodejsFunction {
  const fn = createLambdaFunction(
    scope,
    'LoadCodeDataFunction',
    {
      entry: LOAD_CODE_DATA_ENTRY,
      handler: stagedHandler(LOAD_CODE_DATA_LAYOUT),
      description: 'Loads the bundled HCPCS release and payer policy into the code table and activates them',
      serviceName: LOAD_SERVICE_NAME,
      timeout: options.timeout ?? DEFAULT_LOAD_TIMEOUT,
      memorySize: options.memorySize ?? 1024,
      bundling: lambdaBundlingOptions(LOAD_CODE_DATA_LAYOUT),
      environment: { CODES_TABLE_NAME: options.codesTable.tableName, POWERTOOLS_LOG_LEVEL: options.logLevel },
    },
    defaults,
  );
  // code-data-loader.ts and active-data.ts: reads of manifests and the pointer, batch writes, conditional puts.
  const role = roleOf(fn);
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:BatchWriteItem'], resources: [options.codesTable.tableArn] }),
  );
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [...KMS_USE.tablesOnly], resources: [options.key.keyArn] }));
  return fn;
}
