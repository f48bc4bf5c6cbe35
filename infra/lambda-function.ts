import { join } from 'node:path';
import type { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { PROJECT_ROOT } from './bundling.ts';
import { VPC_ENI_ACTIONS } from './constants.ts';
import { phiDataProtectionPolicy } from './log-protection.ts';

/** What one function is: its handler, its service name, its limits and its environment. */
export interface FunctionSpec {
  entry: string;
  handler: string;
  description: string;
  serviceName: string;
  timeout: Duration;
  memorySize: number;
  environment: Record<string, string>;
  bundling: BundlingOptions;
  reservedConcurrency?: number;
  /** Where Lambda puts an asynchronous event that failed every attempt. */
  deadLetterQueue?: sqs.IQueue;
}

/** What every function of the construct shares. */
export interface FunctionDefaults {
  readonly key: kms.IKey;
  readonly removalPolicy: RemovalPolicy;
  /** @default RetentionDays.ONE_YEAR */
  readonly logRetention: logs.RetentionDays | undefined;
  /** Each function's log group is `<prefix>/<service name>`: the key admits CloudWatch Logs for this prefix only. */
  readonly logGroupNamePrefix: string;
  readonly vpc: ec2.IVpc | undefined;
  readonly vpcSubnets: ec2.SubnetSelection | undefined;
}

/**
 * A function with its own role (no managed policies), its own encrypted log group that masks PHI, and
 * X-Ray tracing.
 */
export function createLambdaFunction(scope: Construct, id: string, spec: FunctionSpec, defaults: FunctionDefaults): NodejsFunction {
  const { vpc, vpcSubnets } = defaults;
  const role = new iam.Role(scope, `${id}Role`, {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: `Claim scrubber ${spec.serviceName} function`,
  });
  if (vpc) {
    // What AWSLambdaVPCAccessExecutionRole grants for the function's network interfaces, without its
    // logs:* on every log group.
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [...VPC_ENI_ACTIONS], resources: ['*'] }));
  }
  const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
    logGroupName: `${defaults.logGroupNamePrefix}/${spec.serviceName}`,
    encryptionKey: defaults.key,
    retention: defaults.logRetention ?? logs.RetentionDays.ONE_YEAR,
    removalPolicy: defaults.removalPolicy,
    dataProtectionPolicy: phiDataProtectionPolicy(),
  });
  logGroup.grantWrite(role);
  return new NodejsFunction(scope, id, {
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
}

/** The function's own role: every function of the construct is created with one (createLambdaFunction). */
export function roleOf(fn: lambda.IFunction): iam.IRole {
  if (!fn.role) throw new Error(`${fn.node.path} has no role`);
  return fn.role;
}
