import { Aws, type RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { WORKLIST_ROUTES } from '../shared/application/worklist/api.ts';
import { phiDataProtectionPolicy } from './log-protection.ts';

/**
 * Requests per second the stage serves at most, and the burst above it: a team of reviewers clicking
 * through claims makes a few a second; the limits stop a runaway client or a flood of stolen tokens
 * before they reach the function and the table.
 */
export const WORKLIST_API_THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;

/**
 * One JSON line per request: who (the token's subject, a user id), which route, the outcome and its
 * timing, and an integration or authorizer error. The route key holds the path template; the path holds
 * only an opaque claim reference. No query string, header, body or source address is logged.
 */
export const WORKLIST_ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  user: '$context.authorizer.claims.sub',
} as const;

export interface WorklistHttpApiProps {
  readonly key: kms.IKey;
  readonly logGroupNamePrefix: string;
  readonly logRetention: logs.RetentionDays | undefined;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The worklist API: an API Gateway HTTP API whose every route (WORKLIST_ROUTES) goes to the API
 * function behind a JWT authorizer that accepts only ID tokens Cognito issued to the page's client. The
 * page reaches it through CloudFront under /api/*, so page and API share an origin (no CORS).
 *
 * Built in two steps: the API first, since the distribution needs its address and the page's client
 * the distribution's; then its routes, whose authorizer needs the client.
 */
export class WorklistHttpApi extends Construct {
  readonly api: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  readonly accessLogs: logs.LogGroup;
  readonly routes: apigwv2.HttpRoute[] = [];

  constructor(scope: Construct, id: string, props: WorklistHttpApiProps) {
    super(scope, id);
    this.api = new apigwv2.HttpApi(this, 'Api', { description: 'Claim scrubber review worklist API', createDefaultStage: false });
    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      logGroupName: `${props.logGroupNamePrefix}/worklist-api-access`,
      encryptionKey: props.key,
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: props.removalPolicy,
      dataProtectionPolicy: phiDataProtectionPolicy(),
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { ...WORKLIST_API_THROTTLE },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(WORKLIST_ACCESS_LOG_FIELDS)),
      },
    });
  }

  /** Every route of WORKLIST_ROUTES, to `apiFunction`, each behind the JWT authorizer; there is no other route. */
  addRoutes(apiFunction: lambda.IFunction, userPool: cognito.UserPool, client: cognito.IUserPoolClient): void {
    const authorizer = new HttpJwtAuthorizer('CognitoIdToken', userPool.userPoolProviderUrl, {
      // An ID token's `aud` is the client it was issued to: tokens of any other client are refused.
      jwtAudience: [client.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });
    const integration = new HttpLambdaIntegration('ApiFunction', apiFunction, { payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0 });
    for (const route of Object.values(WORKLIST_ROUTES)) {
      this.routes.push(...this.api.addRoutes({ path: route.path, methods: [apigwv2.HttpMethod[route.method]], integration, authorizer }));
    }
  }

  /** The host CloudFront sends /api/* to: the API's own execute-api domain (the $default stage needs no path). */
  originDomain(): string {
    return `${this.api.apiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`;
  }
}
