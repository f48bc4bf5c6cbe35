import { Duration } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { INTAKE_FILES_METRICS } from '../../infra/inbox-findings.ts';
import { intakeFilesConfigFromEnv } from '../../shared/aws/intake-files-config.ts';
import { INBOX_PREFIX, isReportKey, REPORTS_PREFIX, reportKeyFor } from '../../shared/intake/inbox-layout.ts';
import { logicalIdOf, referencedId, resourcesOfType, synthStack } from './support.ts';

const { stack, template } = synthStack();
const s = stack.scrubber;
const id = (construct: Parameters<typeof logicalIdOf>[1]) => logicalIdOf(stack, construct);
const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown>; DependsOn?: string[]; DeletionPolicy?: string }>;
const inbox = resources[id(s.inbox.bucket)] as (typeof resources)[string];
const logsBucket = resources[id(s.inbox.accessLogsBucket)] as (typeof resources)[string];
const resolved = (value: unknown) => JSON.stringify(stack.resolve(value));

describe('the S3 inbox bucket', () => {
  it('is encrypted with the construct key (with an S3 bucket key), versioned, closed to the public, and kept when the stack goes', () => {
    expect(inbox.Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [id(s.key), 'Arn'] } } }],
    });
    expect(inbox.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(inbox.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(inbox.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(inbox.DeletionPolicy).toBe('Retain');
  });

  it('refuses requests without TLS', () => {
    for (const bucket of [s.inbox.bucket, s.inbox.accessLogsBucket]) {
      const policy = resourcesOfType(template, 'AWS::S3::BucketPolicy').find(([, p]) => referencedId(p.Properties?.Bucket) === id(bucket));
      expect(policy?.[1].Properties?.PolicyDocument).toMatchObject({
        Statement: expect.arrayContaining([expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      });
    }
  });

  it('expires claims files after inboxRetentionDays (30) and reports after resultRetentionDays (400), keeps what was overwritten or deleted as long as a file, and cleans up', () => {
    const rules = (inbox.Properties.LifecycleConfiguration as { Rules: Array<Record<string, unknown>> }).Rules;
    expect(rules).toEqual([
      { Id: 'ExpireClaimsFiles', Prefix: INBOX_PREFIX, ExpirationInDays: 30, NoncurrentVersionExpiration: { NoncurrentDays: 30 }, Status: 'Enabled' },
      { Id: 'ExpireReports', Prefix: REPORTS_PREFIX, ExpirationInDays: 400, NoncurrentVersionExpiration: { NoncurrentDays: 30 }, Status: 'Enabled' },
      { Id: 'CleanUp', ExpiredObjectDeleteMarker: true, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' },
    ]);
    const custom = synthStack({ inboxRetentionDays: 7, resultRetentionDays: 90 });
    const customRules = (custom.template.toJSON().Resources[logicalIdOf(custom.stack, custom.stack.scrubber.inbox.bucket)].Properties.LifecycleConfiguration as { Rules: Array<{ ExpirationInDays?: number; NoncurrentVersionExpiration?: { NoncurrentDays: number } }> }).Rules;
    expect(customRules.map((r) => r.ExpirationInDays)).toEqual([7, 90, undefined]);
    expect(customRules.map((r) => r.NoncurrentVersionExpiration?.NoncurrentDays)).toEqual([7, 7, undefined]);
    const fnEnv = custom.template.toJSON().Resources[logicalIdOf(custom.stack, custom.stack.scrubber.intakeFilesFunction)].Properties.Environment.Variables;
    expect(fnEnv.FILE_MARKER_RETENTION_DAYS).toBe('7');
    expect(() => synthStack({ inboxRetentionDays: 0 })).toThrow(/inboxRetentionDays/);
    expect(() => synthStack({ intakeFilesTimeout: Duration.minutes(20) })).toThrow(/intakeFilesTimeout cannot exceed 15 minutes/);
  });

  it('logs access to a bucket of its own: the construct key, versioned, written by S3 log delivery for this bucket only', () => {
    expect(inbox.Properties.LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: id(s.inbox.accessLogsBucket) }, LogFilePrefix: 'inbox/' });
    expect(logsBucket.Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [id(s.key), 'Arn'] } } }],
    });
    expect(logsBucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(logsBucket.Properties.PublicAccessBlockConfiguration).toMatchObject({ BlockPublicAcls: true, RestrictPublicBuckets: true });
    expect(logsBucket.Properties.AccessControl).toBeUndefined();
    const policy = resourcesOfType(template, 'AWS::S3::BucketPolicy').find(([, p]) => referencedId(p.Properties?.Bucket) === id(s.inbox.accessLogsBucket));
    expect(policy?.[1].Properties?.PolicyDocument).toMatchObject({
      Statement: expect.arrayContaining([
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
          Condition: { ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [id(s.inbox.bucket), 'Arn'] } }, StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
        }),
      ]),
    });
  });

  it('is named <unique name>-<account>-<region> in lower case, or as given', () => {
    const [prefix, ...rest] = (inbox.Properties.BucketName as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
    expect(rest).toEqual([{ Ref: 'AWS::AccountId' }, { Ref: 'AWS::Region' }]);
    expect(prefix).toMatch(/^[a-z0-9][a-z0-9-]{0,29}$/);
    // 12-digit account and the longest region name today: within S3's 63 characters.
    expect(`${prefix as string}-123456789012-ap-southeast-5`.length).toBeLessThanOrEqual(63);
    expect(synthStack({ names: { inboxBucket: 'acme-claims-inbox' } }).template.toJSON().Resources).toMatchObject({
      [id(s.inbox.bucket)]: { Properties: { BucketName: 'acme-claims-inbox' } },
    });
  });
});

describe('object-created notifications', () => {
  it('invoke the intake-files function for keys under incoming/ only, set on the bucket itself (no notifications custom resource)', () => {
    expect(inbox.Properties.NotificationConfiguration).toEqual({
      LambdaConfigurations: [
        {
          Event: 's3:ObjectCreated:*',
          Filter: { S3Key: { Rules: [{ Name: 'prefix', Value: INBOX_PREFIX }] } },
          Function: { 'Fn::GetAtt': [id(s.intakeFilesFunction), 'Arn'] },
        },
      ],
    });
    // The one custom resource is the deploy's code-data load, served by the load-code-data function.
    expect(Object.values(resources).filter((r) => r.Type.startsWith('Custom::')).map((r) => r.Type)).toEqual(['Custom::CodeDataLoad']);
    template.resourceCountIs('AWS::Lambda::Function', 3);
  });

  it('can never be triggered by a report: every report key lies outside the filtered prefix, and the function skips report keys anyway', () => {
    for (const key of ['incoming/batch.837', 'incoming/2026/06/claims.json', 'incoming/incoming/x']) {
      expect(reportKeyFor(key).startsWith(INBOX_PREFIX)).toBe(false);
      expect(isReportKey(reportKeyFor(key))).toBe(true);
      expect(isReportKey(key)).toBe(false);
    }
  });

  it('are allowed by a permission for this account and this bucket, created before the bucket checks it', () => {
    const [permissionId, permission] = resourcesOfType(template, 'AWS::Lambda::Permission')[0] ?? [];
    expect(permission?.Properties).toEqual({
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [id(s.intakeFilesFunction), 'Arn'] },
      Principal: 's3.amazonaws.com',
      SourceAccount: { Ref: 'AWS::AccountId' },
      SourceArn: stack.resolve(s.inbox.arn()),
    });
    expect(resolved(s.inbox.arn())).toContain(resolved(s.inbox.bucketName).slice(1, -1));
    expect(inbox.DependsOn).toContain(permissionId);
  });
});

describe('the intake-files function', () => {
  const fn = resources[id(s.intakeFilesFunction)] as (typeof resources)[string];
  const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;

  it('is configured from the variables intake-files-config.ts reads, pointing at this stack', () => {
    expect(referencedId(env.INTAKE_QUEUE_URL)).toBe(id(s.intakeQueue));
    expect(referencedId(env.RESULTS_TABLE_NAME)).toBe(id(s.resultsTable));
    expect(env).toMatchObject({ FILE_MARKER_RETENTION_DAYS: '30', POWERTOOLS_SERVICE_NAME: 'intake-files', POWERTOOLS_METRICS_NAMESPACE: 'ClaimScrubber', POWERTOOLS_LOG_LEVEL: 'INFO' });
    expect(intakeFilesConfigFromEnv({ INTAKE_QUEUE_URL: 'q', FILE_MARKER_RETENTION_DAYS: env.FILE_MARKER_RETENTION_DAYS as string })).toMatchObject({ markerRetentionDays: 30 });
    expect(fn.Properties).toMatchObject({ Handler: 'index.handler', Timeout: 300, MemorySize: 1024 });
  });

  it('sends the events it failed on three times to its own encrypted DLQ, which alarms', () => {
    expect(fn.Properties.DeadLetterConfig).toEqual({ TargetArn: { 'Fn::GetAtt': [id(s.intakeFilesDeadLetterQueue), 'Arn'] } });
    expect(referencedId(resources[id(s.intakeFilesDeadLetterQueue)]?.Properties.KmsMasterKeyId)).toBe(id(s.key));
  });

  it('has its metrics on the dashboard', () => {
    const body = JSON.stringify(resourcesOfType(template, 'AWS::CloudWatch::Dashboard')[0]?.[1].Properties?.DashboardBody);
    for (const metric of Object.values(INTAKE_FILES_METRICS)) expect(body).toContain(metric);
    expect(body).toContain('\\"FilesProcessed\\",\\"service\\",\\"intake-files\\"');
    expect(body).toContain(id(s.intakeFilesDeadLetterQueue));
  });
});
