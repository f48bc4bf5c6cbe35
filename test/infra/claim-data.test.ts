import { App, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { CLAIM_CHECK_PREFIX } from '../../shared/aws/claim-check-store.ts';
import { CLAIM_CHECK_BUCKET_ENV, CLAIM_REFERENCE_ENV, scrubClaimsConfigFromEnv } from '../../shared/aws/config.ts';
import { ClaimScrubberStack } from '../../infra/claim-scrubber-stack.ts';
import { logicalIdOf, referencedId, resourcesOfType, synthStack, TEST_ALARM_EMAIL } from './support.ts';

const { stack, template } = synthStack();
const s = stack.scrubber;
const id = (construct: Parameters<typeof logicalIdOf>[1]) => logicalIdOf(stack, construct);
const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string }>;
const envOf = (fn: typeof s.scrubFunction) => (resources[id(fn)]?.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
const bucketPolicy = (bucketId: string) =>
  (resourcesOfType(template, 'AWS::S3::BucketPolicy').find(([, p]) => referencedId(p.Properties?.Bucket) === bucketId)?.[1].Properties?.PolicyDocument as { Statement: Array<Record<string, unknown>> })
    .Statement;

/** Every role's policy statements naming `resource`, as "<role> <actions>". */
function grantsOn(resource: unknown): string[] {
  const target = JSON.stringify(resource);
  return resourcesOfType(template, 'AWS::IAM::Policy').flatMap(([, policy]) => {
    const role = referencedId((policy.Properties?.Roles as unknown[])[0]);
    const statements = (policy.Properties?.PolicyDocument as { Statement: Array<{ Action: string | string[]; Resource: unknown }> }).Statement;
    return statements.filter((st) => [st.Resource].flat().some((r) => JSON.stringify(r) === target)).map((st) => `${role} ${[st.Action].flat().join(',')}`);
  });
}

describe('the claim-check bucket', () => {
  const bucket = resources[id(s.claimCheckBucket)] as (typeof resources)[string];

  it('is encrypted with the construct key (with an S3 bucket key), versioned, closed to the public, TLS only and kept with the stack', () => {
    expect(bucket.Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [id(s.key), 'Arn'] } } }],
    });
    expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucketPolicy(id(s.claimCheckBucket))).toEqual(
      expect.arrayContaining([expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
    );
  });

  it('refuses uploads that ask for any encryption but SSE-KMS with the construct key', () => {
    const denials = bucketPolicy(id(s.claimCheckBucket)).filter((st) => st.Effect === 'Deny' && st.Action === 's3:PutObject');
    expect(denials.map((st) => st.Condition)).toEqual([
      { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' }, Null: { 's3:x-amz-server-side-encryption': 'false' } },
      { StringNotEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': { 'Fn::GetAtt': [id(s.key), 'Arn'] } }, Null: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'false' } },
      { Null: { 's3:x-amz-server-side-encryption-customer-algorithm': 'false' } },
    ]);
  });

  it('logs access to the inbox\'s access-log bucket, which admits S3 log delivery from this bucket', () => {
    expect(bucket.Properties.LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: id(s.inbox.accessLogsBucket) }, LogFilePrefix: CLAIM_CHECK_PREFIX });
    expect(bucketPolicy(id(s.inbox.accessLogsBucket))).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Principal: { Service: 'logging.s3.amazonaws.com' }, Condition: expect.objectContaining({ ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [id(s.claimCheckBucket), 'Arn'] } } }) }),
      ]),
    );
  });

  it('expires objects after 30 days, longer than a pointer can wait in a DLQ (14 days), and refuses a shorter retention', () => {
    const rules = (bucket.Properties.LifecycleConfiguration as { Rules: Array<Record<string, unknown>> }).Rules;
    expect(rules).toEqual([
      { Id: 'ExpireClaimChecks', ExpirationInDays: 30, NoncurrentVersionExpiration: { NoncurrentDays: 1 }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' },
      { Id: 'CleanUp', ExpiredObjectDeleteMarker: true, Status: 'Enabled' },
    ]);
    const custom = synthStack({ claimCheckRetentionDays: 20 });
    const customRules = custom.template.toJSON().Resources[logicalIdOf(custom.stack, custom.stack.scrubber.claimCheckBucket)].Properties.LifecycleConfiguration.Rules as Array<{ ExpirationInDays?: number }>;
    expect(customRules[0]?.ExpirationInDays).toBe(20);
    expect(() => synthStack({ claimCheckRetentionDays: 14 })).toThrow(/claimCheckRetentionDays must be a whole number of days longer than deadLetterRetention \(14 days\)/);
    expect(() => synthStack({ claimCheckRetentionDays: 10, deadLetterRetention: Duration.days(9), maxDeadLetterAge: Duration.days(2) })).not.toThrow();
  });

  it('is named to the scrub function, which may put objects under claim-check/ and do nothing else with the bucket', () => {
    expect(referencedId(envOf(s.scrubFunction)[CLAIM_CHECK_BUCKET_ENV])).toBe(id(s.claimCheckBucket));
    const objects = stack.resolve(s.claimCheckBucket.arnForObjects(`${CLAIM_CHECK_PREFIX}*`));
    expect(grantsOn(objects)).toEqual([`${logicalIdOf(stack, s.scrubFunction.role as iam.IRole)} s3:PutObject`]);
    expect(grantsOn(stack.resolve(s.claimCheckBucket.bucketArn))).toEqual([]);
    expect(grantsOn(stack.resolve(s.claimCheckBucket.arnForObjects('*')))).toEqual([]);
  });

  it('gives a consumer of the review and clean queues what it needs to read a body: GetObject under claim-check/ and kms:Decrypt', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const scrubberStack = new ClaimScrubberStack(app, 'Scrubber', { scrubber: { alarmEmail: TEST_ALARM_EMAIL } });
    const consumerStack = new Stack(app, 'Consumer');
    const role = new iam.Role(consumerStack, 'Billing', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    scrubberStack.scrubber.grantReadClaimChecks(role);
    const statements = JSON.stringify(Template.fromStack(consumerStack).findResources('AWS::IAM::Policy'));
    expect(statements).toContain('"s3:GetObject"');
    expect(statements).toContain(`/${CLAIM_CHECK_PREFIX}*`);
    expect(statements).toContain('"kms:Decrypt"');
    expect(statements).not.toContain('s3:PutObject');
  });
});

describe('the claim-reference secret', () => {
  const [secretId, secret] = resourcesOfType(template, 'AWS::SecretsManager::Secret')[0] as [string, (typeof resources)[string]];

  it('is a generated key of 64 letters and digits, encrypted with the construct key, kept with the stack, never rotated', () => {
    expect(stack.resolve(s.claimReferenceSecret.secretArn)).toEqual({ Ref: secretId });
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    expect(secret.Properties.GenerateSecretString).toEqual({ PasswordLength: 64, ExcludePunctuation: true, IncludeSpace: false });
    expect(referencedId(secret.Properties.KmsKeyId)).toBe(id(s.key));
    expect(secret.DeletionPolicy).toBe('Retain');
    template.resourceCountIs('AWS::SecretsManager::RotationSchedule', 0);
  });

  it('is named to the scrub and intake-files functions, each allowed GetSecretValue on it and nothing else of Secrets Manager', () => {
    for (const fn of [s.scrubFunction, s.intakeFilesFunction]) expect(referencedId(envOf(fn)[CLAIM_REFERENCE_ENV.secretArn]), fn.node.id).toBe(secretId);
    expect(envOf(s.loadCodeDataFunction)[CLAIM_REFERENCE_ENV.secretArn]).toBeUndefined();
    expect(grantsOn({ Ref: secretId }).sort()).toEqual(
      [s.scrubFunction, s.intakeFilesFunction].map((fn) => `${logicalIdOf(stack, fn.role as iam.IRole)} secretsmanager:GetSecretValue`).sort(),
    );
  });

  it('configures the scrub function through the variables shared/aws/config.ts reads', () => {
    const env = envOf(s.scrubFunction);
    const config = scrubClaimsConfigFromEnv({
      REVIEW_QUEUE_URL: 'review',
      CLEAN_QUEUE_URL: 'clean',
      ALERT_TOPIC_ARN: 'alerts',
      [CLAIM_CHECK_BUCKET_ENV]: 'the-bucket',
      [CLAIM_REFERENCE_ENV.secretArn]: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:claim-ref',
    });
    expect(config).toMatchObject({ claimCheckBucket: 'the-bucket', claimReferenceKey: { secretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:claim-ref' } });
    expect(Object.keys(env)).toEqual(expect.arrayContaining([CLAIM_CHECK_BUCKET_ENV, CLAIM_REFERENCE_ENV.secretArn, 'REVIEW_QUEUE_URL', 'CLEAN_QUEUE_URL', 'ALERT_TOPIC_ARN']));
  });
});
