import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WORKLIST_ROUTES } from '../../shared/application/worklist/api.ts';
import { CLAIM_CHECK_PREFIX } from '../../shared/aws/claim-check-store.ts';
import { CLAIM_CHECK_BUCKET_ENV, CLAIM_REFERENCE_ENV } from '../../shared/aws/config.ts';
import { WORKLIST_LIST_INDEX, WORKLIST_TABLE_SCHEMA } from '../../shared/aws/table-schemas.ts';
import { parseOrganisations, WORKLIST_ENV } from '../../shared/aws/worklist-config.ts';
import { ORGANISATION_ATTRIBUTE } from '../../shared/aws/worklist-token.ts';
import { contentSecurityPolicy, SECURITY_HEADERS } from '../../web/security-headers.ts';
import { stackPropsFromContext } from '../../infra/claim-scrubber-stack.ts';
import { WORKLIST_ACCESS_LOG_FIELDS, WORKLIST_API_THROTTLE } from '../../infra/worklist-api.ts';
import { EXAMPLE_ORGANISATIONS } from '../../infra/worklist-context.ts';
import { WORKLIST_FEED_EVENT_SOURCE, WORKLIST_FEED_TIMEOUT } from '../../infra/worklist-functions.ts';
import type { WorklistProps } from '../../infra/worklist-props.ts';
import { acknowledgements, inVpc, logicalIdOf, nagViolations, referencedId, resourcesOfType, synthStack, type CfnResource } from './support.ts';

const WORKLIST: WorklistProps = { organisations: EXAMPLE_ORGANISATIONS, callbackUrls: ['http://localhost:8080/'] };
/** CloudFront's managed policies, by the ids CloudFormation names them with. */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

const { app, stack, template } = synthStack({ worklist: WORKLIST });
const s = stack.scrubber;
const w = s.worklist as NonNullable<typeof s.worklist>;
const id = (construct: Parameters<typeof logicalIdOf>[1]) => logicalIdOf(stack, construct);
const resources = template.toJSON().Resources as Record<string, CfnResource>;
const props = (construct: Parameters<typeof logicalIdOf>[1]) => resources[id(construct)]?.Properties as Record<string, unknown>;
const only = (type: string) => {
  const found = resourcesOfType(template, type);
  expect(found, type).toHaveLength(1);
  return found[0]?.[1].Properties as Record<string, unknown>;
};
const resolved = (value: unknown) => JSON.stringify(stack.resolve(value));
const list = <T,>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

describe('the worklist table', () => {
  it('is built from WORKLIST_TABLE_SCHEMA with the list index, on demand, with PITR, deletion protection, the construct key and the backup tag', () => {
    const table = props(w.table);
    expect(table).toMatchObject({
      KeySchema: [
        { AttributeName: WORKLIST_TABLE_SCHEMA.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: WORKLIST_TABLE_SCHEMA.sortKey?.name, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      Tags: expect.arrayContaining([{ Key: 'backup', Value: 'claim-scrubber' }]),
    });
    expect(referencedId((table.SSESpecification as { KMSMasterKeyId: unknown }).KMSMasterKeyId)).toBe(id(s.key));
    expect((table.GlobalSecondaryIndexes as Array<{ IndexName: string }>).map((i) => i.IndexName)).toEqual([WORKLIST_LIST_INDEX]);
    expect(resources[id(w.table)]?.DeletionPolicy).toBe('Retain');
  });

  it('expires closed items and claim versions by TTL, after the result retention both worklist functions are given', () => {
    expect(props(w.table).TimeToLiveSpecification).toEqual({ AttributeName: WORKLIST_TABLE_SCHEMA.timeToLiveAttribute, Enabled: true });
    for (const fn of [w.apiFunction, w.feedFunction]) {
      expect((props(fn).Environment as { Variables: Record<string, unknown> }).Variables.RESULT_RETENTION_DAYS).toBe('400');
    }
  });
});

describe('the worklist functions', () => {
  const env = (fn: typeof w.apiFunction) => (props(fn).Environment as { Variables: Record<string, unknown> }).Variables;

  it('feed the worklist from the review queue: partial batch responses, batches of 10, at most 5 at once', () => {
    const mappings = resourcesOfType(template, 'AWS::Lambda::EventSourceMapping').map(([, m]) => m.Properties as Record<string, unknown>);
    const feed = mappings.find((m) => referencedId(m.FunctionName) === id(w.feedFunction));
    expect(feed).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [id(s.reviewQueue), 'Arn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: WORKLIST_FEED_EVENT_SOURCE.batchSize,
      ScalingConfig: { MaximumConcurrency: WORKLIST_FEED_EVENT_SOURCE.maxConcurrency },
    });
    // Nothing else consumes the review queue, and the API function has no event source.
    expect(mappings.filter((m) => resolved(m.EventSourceArn).includes(id(s.reviewQueue)))).toHaveLength(1);
    expect(mappings.some((m) => referencedId(m.FunctionName) === id(w.apiFunction))).toBe(false);
  });

  it('give the review queue a visibility timeout of six times the feed timeout', () => {
    expect(props(w.feedFunction).Timeout).toBe(WORKLIST_FEED_TIMEOUT.toSeconds());
    expect(props(s.reviewQueue).VisibilityTimeout).toBe(6 * WORKLIST_FEED_TIMEOUT.toSeconds());
  });

  it('give the API function every variable worklistConfigFromEnv reads, pointing at this stack, and the organisations as the functions parse them', () => {
    const vars = env(w.apiFunction);
    expect(referencedId(vars[WORKLIST_ENV.table])).toBe(id(w.table));
    expect(referencedId(vars[WORKLIST_ENV.intakeQueueUrl])).toBe(id(s.intakeQueue));
    expect(referencedId(vars[WORKLIST_ENV.cleanQueueUrl])).toBe(id(s.cleanQueue));
    expect(referencedId(vars[CLAIM_CHECK_BUCKET_ENV])).toBe(id(s.claimCheckBucket));
    expect(referencedId(vars[CLAIM_REFERENCE_ENV.secretArn])).toBe(resourcesOfType(template, 'AWS::SecretsManager::Secret')[0]?.[0]);
    expect(parseOrganisations(vars[WORKLIST_ENV.organisations] as string)).toEqual([{ id: 'riverbend', name: 'Riverbend Home Infusion', billingNpis: ['1234567893', '1245319599'] }]);
    expect(vars).toMatchObject({ POWERTOOLS_SERVICE_NAME: 'worklist-api', POWERTOOLS_LOG_LEVEL: 'INFO' });
    expect(referencedId(env(w.feedFunction)[WORKLIST_ENV.table])).toBe(id(w.table));
  });

  it('run like every function of the construct: nodejs22.x, arm64, traced, JSON logs in an encrypted log group of their own', () => {
    for (const fn of [w.apiFunction, w.feedFunction]) {
      expect(props(fn)).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' }, LoggingConfig: { LogFormat: 'JSON' } });
      const group = resources[referencedId((props(fn).LoggingConfig as { LogGroup: unknown }).LogGroup) as string]?.Properties;
      expect(referencedId(group?.KmsKeyId)).toBe(id(s.key));
      expect(group?.DataProtectionPolicy).toBeDefined();
    }
  });

  it('are granted exactly the calls their code makes', () => {
    const unscoped = ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'];
    const secretId = resourcesOfType(template, 'AWS::SecretsManager::Secret')[0]?.[0] as string;
    const logs = (fn: typeof w.apiFunction) => referencedId((props(fn).LoggingConfig as { LogGroup: unknown }).LogGroup) as string;
    expect(actionsOf(w.apiFunction)).toEqual({
      '*': unscoped,
      [logs(w.apiFunction)]: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      [id(w.table)]: ['dynamodb:GetItem', 'dynamodb:PutItem'],
      [resolved({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [id(w.table), 'Arn'] }, `/index/${WORKLIST_LIST_INDEX}`]] })]: ['dynamodb:Query'],
      [id(s.intakeQueue)]: ['sqs:SendMessage'],
      [id(s.cleanQueue)]: ['sqs:SendMessage'],
      [secretId]: ['secretsmanager:GetSecretValue'],
      [id(s.key)]: ['kms:Decrypt', 'kms:GenerateDataKey'],
    });
    expect(actionsOf(w.feedFunction)).toEqual({
      '*': unscoped,
      [logs(w.feedFunction)]: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      [id(w.table)]: ['dynamodb:GetItem', 'dynamodb:PutItem'],
      [id(s.reviewQueue)]: ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'],
      [resolved(s.claimCheckBucket.arnForObjects(`${CLAIM_CHECK_PREFIX}*`))]: ['s3:GetObject'],
      [id(s.key)]: ['kms:Decrypt'],
    });
  });
});

describe('the users (Cognito)', () => {
  const pool = () => props(w.users.userPool);
  const client = () => props(w.client);

  it('are created by administrators only, sign in by username or email, and need a strong password and an authenticator app', () => {
    expect(pool()).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      AliasAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      Policies: { PasswordPolicy: { MinimumLength: 14, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true, PasswordHistorySize: 5 } },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
      DeletionProtection: 'ACTIVE',
    });
  });

  it('are watched by threat protection, enforced (the Plus plan)', () => {
    expect(pool()).toMatchObject({ UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } });
  });

  it('carry their organisation in a custom attribute the page client can read but not write, and their roles as groups', () => {
    expect(pool().Schema).toEqual(expect.arrayContaining([expect.objectContaining({ Name: ORGANISATION_ATTRIBUTE, AttributeDataType: 'String', Mutable: true })]));
    expect(client().ReadAttributes).toContain(`custom:${ORGANISATION_ATTRIBUTE}`);
    expect(client().WriteAttributes).toEqual(['email']);
    expect(resourcesOfType(template, 'AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties?.GroupName).sort()).toEqual(['reviewer', 'supervisor']);
  });

  it('sign in on the hosted pages with a public client: code grant (with PKCE from the page), back to the page only, hour-long ID tokens, no user existence errors', () => {
    expect(client()).toMatchObject({
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      IdTokenValidity: 60,
      TokenValidityUnits: expect.objectContaining({ IdToken: 'minutes' }),
    });
    expect(client().GenerateSecret).toBe(false);
    const page = { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [id(w.page.distribution), 'DomainName'] }, '/']] };
    expect(client().CallbackURLs).toEqual([page, 'http://localhost:8080/']);
    expect(client().LogoutURLs).toEqual(client().CallbackURLs);
  });

  it('have a hosted sign-in domain unique to the construct and the account', () => {
    const domain = only('AWS::Cognito::UserPoolDomain');
    expect(resolved(domain.Domain)).toContain('AWS::AccountId');
    expect(resolved(domain.Domain)).not.toMatch(/aws-|cognito|amazon/i);
  });
});

describe('the HTTP API', () => {
  const routes = () => resourcesOfType(template, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties as Record<string, unknown>);

  it('has exactly the routes of WORKLIST_ROUTES, each behind the JWT authorizer', () => {
    expect(routes().map((r) => r.RouteKey).sort()).toEqual(Object.values(WORKLIST_ROUTES).map((r) => `${r.method} ${r.path}`).sort());
    const [authorizerId] = resourcesOfType(template, 'AWS::ApiGatewayV2::Authorizer').map(([logicalId]) => logicalId);
    for (const route of routes()) {
      expect(route.AuthorizationType, String(route.RouteKey)).toBe('JWT');
      expect(referencedId(route.AuthorizerId), String(route.RouteKey)).toBe(authorizerId);
    }
  });

  it('accepts only ID tokens the user pool issued to the page client', () => {
    const authorizer = only('AWS::ApiGatewayV2::Authorizer');
    expect(authorizer).toMatchObject({ AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'] });
    const jwt = authorizer.JwtConfiguration as { Audience: unknown[]; Issuer: unknown };
    expect(jwt.Audience.map(referencedId)).toEqual([id(w.client)]);
    // The pool's provider URL: https://cognito-idp.<region>.amazonaws.com/<pool id>, the `iss` of its tokens.
    expect(jwt.Issuer).toEqual({ 'Fn::GetAtt': [id(w.users.userPool), 'ProviderURL'] });
  });

  it('throttles its one stage and logs every request as JSON to an encrypted log group, without query strings or addresses', () => {
    const stage = only('AWS::ApiGatewayV2::Stage');
    expect(stage).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: WORKLIST_API_THROTTLE.rateLimit, ThrottlingBurstLimit: WORKLIST_API_THROTTLE.burstLimit },
    });
    const logSettings = stage.AccessLogSettings as { DestinationArn: unknown; Format: string };
    expect(referencedId(logSettings.DestinationArn)).toBe(id(w.httpApi.accessLogs));
    expect(JSON.parse(logSettings.Format)).toEqual(WORKLIST_ACCESS_LOG_FIELDS);
    expect(logSettings.Format).not.toMatch(/querystring|sourceIp|userAgent|identity\./i);
    expect(referencedId(props(w.httpApi.accessLogs).KmsKeyId)).toBe(id(s.key));
  });
});

describe('the page', () => {
  const distribution = () => props(w.page.distribution).DistributionConfig as Record<string, unknown>;

  it('is a private, versioned, TLS-only bucket with access logs, readable by this distribution only (origin access control)', () => {
    expect(props(w.page.bucket)).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { DestinationBucketName: { Ref: id(s.inbox.accessLogsBucket) } },
    });
    const policy = resourcesOfType(template, 'AWS::S3::BucketPolicy').find(([, p]) => referencedId(p.Properties?.Bucket) === id(w.page.bucket))?.[1].Properties?.PolicyDocument as {
      Statement: Array<{ Effect: string; Principal?: unknown; Action: unknown; Condition?: unknown }>;
    };
    const read = policy.Statement.filter((st) => st.Effect === 'Allow');
    expect(read).toHaveLength(1);
    expect(read[0]).toMatchObject({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' });
    expect(resolved(read[0]?.Condition)).toContain(id(w.page.distribution));
    const origin = (distribution().Origins as Array<Record<string, unknown>>).find((o) => 'S3OriginConfig' in o);
    expect(referencedId(origin?.OriginAccessControlId)).toBeDefined();
  });

  it('is served over HTTPS only, index.html at the root, with logs to a bucket of its own', () => {
    expect(distribution()).toMatchObject({
      DefaultRootObject: 'index.html',
      DefaultCacheBehavior: expect.objectContaining({ ViewerProtocolPolicy: 'redirect-to-https' }),
      Logging: { Bucket: { 'Fn::GetAtt': [id(w.page.cdnLogsBucket), 'RegionalDomainName'] }, IncludeCookies: false, Prefix: 'worklist/' },
    });
  });

  it('passes /api/* to the API uncached, with every method and all the viewer sent but its Host, and refuses plain HTTP there', () => {
    const behaviours = distribution().CacheBehaviors as Array<Record<string, unknown>>;
    expect(behaviours).toHaveLength(1);
    expect(behaviours[0]).toMatchObject({
      PathPattern: '/api/*',
      ViewerProtocolPolicy: 'https-only',
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      CachePolicyId: CACHING_DISABLED,
      OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
    });
    const apiOrigin = (distribution().Origins as Array<Record<string, unknown>>).find((o) => o.Id === behaviours[0]?.TargetOriginId);
    expect(apiOrigin).toMatchObject({ CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] } });
    expect(resolved(apiOrigin?.DomainName)).toContain(id(w.httpApi.api));
  });

  it('sends the page\'s security headers, the CSP admitting the Cognito sign-in origin, on the page and the API alike', () => {
    const policy = only('AWS::CloudFront::ResponseHeadersPolicy').ResponseHeadersPolicyConfig as {
      SecurityHeadersConfig: Record<string, Record<string, unknown>>;
      CustomHeadersConfig: { Items: Array<{ Header: string; Value: string; Override: boolean }> };
    };
    const security = policy.SecurityHeadersConfig;
    const csp = resolved(security.ContentSecurityPolicy?.ContentSecurityPolicy);
    expect(csp).toBe(resolved(contentSecurityPolicy([w.users.signInOrigin()])));
    expect(csp).toMatch(/connect-src 'self' https:\/\/.*\.auth\..*amazoncognito\.com/);
    expect(security).toMatchObject({
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: SECURITY_HEADERS['X-Frame-Options'], Override: true },
      ReferrerPolicy: { ReferrerPolicy: SECURITY_HEADERS['Referrer-Policy'], Override: true },
      StrictTransportSecurity: { AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true, Override: true },
    });
    for (const header of ['Cross-Origin-Opener-Policy', 'Permissions-Policy'] as const) {
      expect(policy.CustomHeadersConfig.Items).toContainEqual({ Header: header, Value: SECURITY_HEADERS[header], Override: true });
    }
    const behaviours = [distribution().DefaultCacheBehavior, ...(distribution().CacheBehaviors as unknown[])] as Array<{ ResponseHeadersPolicyId: unknown }>;
    const policyId = resourcesOfType(template, 'AWS::CloudFront::ResponseHeadersPolicy')[0]?.[0];
    for (const behaviour of behaviours) expect(referencedId(behaviour.ResponseHeadersPolicyId)).toBe(policyId);
  });

  it('is deployed with its config.json (Cognito domain, client, the page\'s address, region) by a function with its own role and encrypted log group', () => {
    const deployment = only('Custom::CDKBucketDeployment');
    expect(referencedId(deployment.DestinationBucketName)).toBe(id(w.page.bucket));
    const markers = resolved(deployment.SourceMarkers);
    for (const target of [id(w.users.domain), id(w.client), id(w.page.distribution)]) expect(markers).toContain(target);
    const handler = w.page.deploymentHandler();
    expect(handler).toBeDefined();
    expect(resources[id(handler?.role as NonNullable<typeof handler>['role'])]?.Properties?.ManagedPolicyArns).toBeUndefined();
    const logGroup = referencedId((props(handler?.fn as NonNullable<typeof handler>['fn']).LoggingConfig as { LogGroup: unknown }).LogGroup) as string;
    expect(referencedId(resources[logGroup]?.Properties?.KmsKeyId)).toBe(id(s.key));
  });

  it('lets S3 log delivery use the key for both page buckets\' access logs', () => {
    const key = only('AWS::KMS::Key').KeyPolicy as { Statement: Array<{ Sid?: string; Condition?: { ArnLike?: Record<string, unknown> } }> };
    const delivery = key.Statement.find((st) => st.Sid === 'S3LogDeliveryWritesAccessLogs');
    const arns = delivery?.Condition?.ArnLike?.['aws:SourceArn'] as unknown[];
    expect(arns).toHaveLength(4);
    for (const name of w.page.bucketNames) expect(resolved(arns)).toContain(resolved(name).slice(1, -1));
  });
});

describe('wiring, alarms and outputs', () => {
  it('links the scrub function\'s alerts to the worklist page', () => {
    const vars = (props(s.scrubFunction).Environment as { Variables: Record<string, unknown> }).Variables;
    expect(vars[WORKLIST_ENV.url]).toEqual({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [id(w.page.distribution), 'DomainName'] }]] });
  });

  it('alarms on API errors and latency, the functions, the feed falling behind and the table, to the alarm topic', () => {
    const alarms = resourcesOfType(template, 'AWS::CloudWatch::Alarm').filter(([logicalId]) => logicalId.includes('Worklist'));
    expect(alarms.map(([logicalId]) => logicalId.replace(/^ClaimScrubber|Alarm[0-9A-F]{8}$/g, '')).sort()).toEqual(
      [
        'WorklistApiClientErrors',
        'WorklistApiErrors',
        'WorklistApiLatency',
        'WorklistApiServerErrors',
        'WorklistApiThrottles',
        'WorklistFeedAge',
        'WorklistFeedErrors',
        'WorklistFeedThrottles',
        'WorklistTableSystemErrors',
        'WorklistTableThrottles',
      ].sort(),
    );
    for (const [, alarm] of alarms) expect((alarm.Properties?.AlarmActions as unknown[]).map(referencedId)).toEqual([id(s.alarmTopic)]);
    const latency = alarms.find(([logicalId]) => logicalId.includes('WorklistApiLatency'))?.[1].Properties;
    expect(latency).toMatchObject({ MetricName: 'Latency', ExtendedStatistic: 'p95', Threshold: 2000, EvaluationPeriods: 3 });
    const age = alarms.find(([logicalId]) => logicalId.includes('WorklistFeedAge'))?.[1].Properties;
    expect(referencedId((age?.Dimensions as Array<{ Value: unknown }>)[0]?.Value)).toBe(id(s.reviewQueue));
  });

  it('draws the API and the feed on the dashboard', () => {
    const body = resolved(only('AWS::CloudWatch::Dashboard').DashboardBody);
    for (const text of ['Worklist API', 'Worklist functions', '5xx', 'WorklistItemsFed']) expect(body).toContain(text);
  });

  it('outputs the worklist address and the user pool', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.WorklistUrl?.Value).toEqual({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [id(w.page.distribution), 'DomainName'] }]] });
    expect(referencedId(outputs.UserPoolId?.Value)).toBe(id(w.users.userPool));
  });
});

describe('cdk-nag with the worklist', { timeout: 60_000 }, () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('reports no unacknowledged finding', () => {
    expect(nagViolations(app, stack)).toEqual([]);
  });

  it('stays clean in a VPC, with a domain of its own, a web ACL, a country list and optional MFA, and acknowledges less', () => {
    const custom = synthStack((a) => ({
      ...inVpc(a),
      worklist: {
        ...WORKLIST,
        mfa: 'optional',
        domainNames: ['worklist.example.com'],
        certificate: acm.Certificate.fromCertificateArn(new Stack(a, 'Certificates'), 'Certificate', 'arn:aws:acm:us-east-1:123456789012:certificate/abc'),
        webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/worklist/abc',
        allowedCountries: ['US', 'IN'],
      },
    }));
    expect(nagViolations(custom.app, custom.stack)).toEqual([]);
    const rules = acknowledgements(custom.stack).map((a) => a.rule);
    for (const rule of ['AwsSolutions-CFR1', 'AwsSolutions-CFR2', 'AwsSolutions-CFR4']) expect(rules).not.toContain(rule);
    expect(rules).toContain('AwsSolutions-COG2');
    const config = resourcesOfType(custom.template, 'AWS::CloudFront::Distribution')[0]?.[1].Properties?.DistributionConfig as Record<string, unknown>;
    expect(config).toMatchObject({
      Aliases: ['worklist.example.com'],
      ViewerCertificate: { MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' },
      WebACLId: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/worklist/abc',
      Restrictions: { GeoRestriction: { RestrictionType: 'whitelist', Locations: ['US', 'IN'] } },
    });
    const client = resourcesOfType(custom.template, 'AWS::Cognito::UserPoolClient')[0]?.[1].Properties;
    expect(client?.CallbackURLs).toEqual(['https://worklist.example.com/', 'http://localhost:8080/']);
  });

  it('acknowledges exactly the findings the worklist has, each with a written reason, none on the construct as a whole', () => {
    const acks = acknowledgements(stack).filter((a) => a.path.includes('/Worklist') || a.path.includes('CDKBucketDeployment'));
    expect(acks.length).toBeGreaterThan(20);
    for (const ack of acks) {
      expect((ack.reason as string).length, `${ack.rule} on ${ack.path}`).toBeGreaterThanOrEqual(80);
      expect(ack.path).not.toBe(w.node.path);
    }
    const acknowledged = acknowledgements(stack).map((a) => `${a.rule} @ ${a.path}`);
    vi.spyOn(Validations.prototype, 'acknowledge').mockImplementation(() => undefined);
    const bare = synthStack({ worklist: WORKLIST });
    const reported = nagViolations(bare.app, bare.stack).map((v) => {
      const owner = acknowledged.find((a) => a.startsWith(`${v.rule} @ `) && (v.path ?? '').startsWith(`${a.split(' @ ')[1]}/`));
      return owner ?? `${v.rule} @ ${v.path} (not acknowledged anywhere)`;
    });
    expect([...new Set(reported)].sort()).toEqual([...new Set(acknowledged)].sort());
  });
});

describe('without the worklist', () => {
  it('has none of it, and leaves the review queue to your own consumer as before', () => {
    for (const props of [{}, { worklist: false as const }]) {
      const plain = synthStack(props);
      expect(plain.stack.scrubber.worklist).toBeUndefined();
      for (const type of ['AWS::Cognito::UserPool', 'AWS::ApiGatewayV2::Api', 'AWS::CloudFront::Distribution', 'Custom::CDKBucketDeployment']) plain.template.resourceCountIs(type, 0);
      plain.template.resourceCountIs('AWS::DynamoDB::Table', 2);
      plain.template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
      const resourcesOf = plain.template.toJSON().Resources as Record<string, CfnResource>;
      expect(resourcesOf[logicalIdOf(plain.stack, plain.stack.scrubber.reviewQueue)]?.Properties?.VisibilityTimeout).toBeUndefined();
      const scrubEnv = (resourcesOf[logicalIdOf(plain.stack, plain.stack.scrubber.scrubFunction)]?.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(scrubEnv[WORKLIST_ENV.url]).toBeUndefined();
      expect(Object.keys(plain.template.toJSON().Outputs as object)).not.toContain('WorklistUrl');
    }
  });
});

describe('worklist props', () => {
  const refused = (worklist: WorklistProps) => () => synthStack({ worklist });

  it('are checked at synth, each problem named', () => {
    expect(refused({ organisations: [] })).toThrow(/worklist\.organisations must list at least one organisation/);
    expect(refused({ organisations: [{ id: 'acme', billingNpis: ['1234567890'] }] })).toThrow(/worklist\.organisations: organisation acme: 1234567890 is not a valid NPI/);
    expect(refused({ organisations: [{ id: 'a', billingNpis: ['1234567893'] }, { id: 'b', billingNpis: ['1234567893'] }] })).toThrow(/NPI 1234567893 is owned by both a and b/);
    expect(refused({ organisations: [{ id: 'has space', billingNpis: ['1234567893'] }] })).toThrow(/id must be 1-64 letters/);
    expect(refused({ ...WORKLIST, domainPrefix: 'my-cognito-login' })).toThrow(/worklist\.domainPrefix/);
    expect(refused({ ...WORKLIST, domainPrefix: 'Upper' })).toThrow(/worklist\.domainPrefix/);
    expect(refused({ ...WORKLIST, callbackUrls: ['http://worklist.example.com/'] })).toThrow(/worklist\.callbackUrls/);
    expect(refused({ ...WORKLIST, domainNames: ['worklist.example.com'] })).toThrow(/domainNames and worklist\.certificate go together/);
    expect(refused({ ...WORKLIST, allowedCountries: ['usa'] })).toThrow(/allowedCountries/);
  });

  it('take a domain prefix of their own', () => {
    const named = synthStack({ worklist: { ...WORKLIST, domainPrefix: 'acme-claims-review' } });
    expect(resourcesOfType(named.template, 'AWS::Cognito::UserPoolDomain')[0]?.[1].Properties?.Domain).toBe('acme-claims-review');
  });

  it('come from -c worklistOrganisations (a file, or the example) and -c worklistDomainPrefix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'worklist-context-'));
    try {
      const file = join(dir, 'organisations.json');
      writeFileSync(file, JSON.stringify([{ id: 'acme', name: 'Acme Infusion', billingNpis: ['1902000003'] }]));
      const fromFile = stackPropsFromContext(new App({ context: { worklistOrganisations: file, worklistDomainPrefix: 'acme-review' } }).node);
      expect(fromFile.scrubber?.worklist).toEqual({ organisations: [{ id: 'acme', name: 'Acme Infusion', billingNpis: ['1902000003'] }], domainPrefix: 'acme-review' });
      expect(stackPropsFromContext(new App({ context: { worklistOrganisations: 'example' } }).node).scrubber?.worklist).toEqual({ organisations: EXAMPLE_ORGANISATIONS });
      expect(stackPropsFromContext(new App().node).scrubber?.worklist).toBeUndefined();
      expect(() => stackPropsFromContext(new App({ context: { worklistOrganisations: join(dir, 'missing.json') } }).node)).toThrow(/worklistOrganisations: cannot read/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The actions each resource is granted in the role of `fn`, by the resource's logical id (or its ARN as JSON). */
function actionsOf(fn: typeof w.apiFunction): Record<string, string[]> {
  const roleId = id(fn.role as NonNullable<typeof fn.role>);
  const byResource = new Map<string, string[]>();
  for (const [, policy] of resourcesOfType(template, 'AWS::IAM::Policy').filter(([, p]) => (p.Properties?.Roles as unknown[]).some((r) => referencedId(r) === roleId))) {
    for (const statement of list((policy.Properties?.PolicyDocument as { Statement: Array<{ Action: string | string[]; Resource: unknown }> }).Statement)) {
      for (const resource of list(statement.Resource)) {
        const key = (typeof resource === 'object' && resource !== null && 'Fn::Join' in resource ? undefined : referencedId(resource)) ?? (typeof resource === 'string' ? resource : JSON.stringify(resource));
        byResource.set(key, [...(byResource.get(key) ?? []), ...list(statement.Action)].sort());
      }
    }
  }
  return Object.fromEntries(byResource);
}
