import { App, Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKUP_TAG } from '../../infra/backup-tag.ts';
import { ClaimScrubber } from '../../infra/claim-scrubber.ts';
import { SUBSCRIPTION_PROTOCOLS } from '../../infra/topics.ts';
import { RESULT_KEY_PREFIXES } from '../../shared/aws/table-schemas.ts';
import { logicalIdOf, referencedId, resourcesOfType, synthStack, TEST_ALARM_EMAIL } from './support.ts';

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

const { stack, template } = synthStack();
const s = stack.scrubber;
const id = (construct: Parameters<typeof logicalIdOf>[1]) => logicalIdOf(stack, construct);
const list = <T,>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
const keyPolicy = () => (resourcesOfType(template, 'AWS::KMS::Key')[0]?.[1].Properties?.KeyPolicy as { Statement: Statement[] }).Statement;
/** The statements of the role of `fn`. */
const roleStatements = (fn: typeof s.scrubFunction, t = template, st = stack) => {
  const roleId = logicalIdOf(st, fn.role as NonNullable<typeof fn.role>);
  return resourcesOfType(t, 'AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties?.Roles as unknown[]).some((r) => referencedId(r) === roleId))
    .flatMap(([, p]) => (p.Properties?.PolicyDocument as { Statement: Statement[] }).Statement);
};
const kmsActionsOf = (fn: typeof s.scrubFunction) =>
  [...new Set(roleStatements(fn).filter((st) => referencedId(st.Resource) === id(s.key)).flatMap((st) => list(st.Action)))].sort();

describe('the key', () => {
  it('lets CloudWatch Logs use it for this construct\'s log groups only, named under one prefix', () => {
    const logs = keyPolicy().find((st) => st.Sid === 'CloudWatchLogsEncryptsLogGroups');
    const pattern = JSON.stringify(stack.resolve(logs?.Condition?.ArnLike?.['kms:EncryptionContext:aws:logs:arn']));
    expect(pattern).toContain(`:log-group:${s.logGroupNamePrefix}/*`);
    expect(pattern).not.toMatch(/log-group:\*/);
    expect(s.logGroupNamePrefix).toMatch(/^\/claim-scrubber\/[A-Za-z0-9-]+$/);
    const names = resourcesOfType(template, 'AWS::Logs::LogGroup').map(([, g]) => g.Properties?.LogGroupName as string);
    expect(names.sort()).toEqual(['intake-files', 'load-code-data', 'scrub-claims'].map((service) => `${s.logGroupNamePrefix}/${service}`));
  });

  it('gives two scrubbers in one stack different log group prefixes, so neither key admits the other\'s logs', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const shared = new Stack(app, 'Shared');
    const [a, b] = ['Billing', 'Staging'].map((name) => new ClaimScrubber(shared, name, { alarmEmail: TEST_ALARM_EMAIL }));
    expect(a?.logGroupNamePrefix).not.toBe(b?.logGroupNamePrefix);
    expect(a?.logGroupNamePrefix.startsWith(`${b?.logGroupNamePrefix}/`)).toBe(false);
  });

  it('lets S3 log delivery use it for the inbox and claim-check buckets\' access logs only', () => {
    const delivery = keyPolicy().find((st) => JSON.stringify(st.Principal).includes('logging.s3.amazonaws.com'));
    expect(delivery).toMatchObject({ Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } });
    const [inbox, claimCheck] = delivery?.Condition?.ArnLike?.['aws:SourceArn'] as unknown[];
    expect(inbox).toEqual(stack.resolve(s.inbox.arn()));
    // The claim-check bucket by the name it is given, not by a reference to it: the bucket names the key.
    const claimCheckName = template.toJSON().Resources[id(s.claimCheckBucket)].Properties.BucketName;
    expect(JSON.stringify(claimCheck)).toContain(JSON.stringify(claimCheckName));
    expect(JSON.stringify(claimCheck)).not.toContain(id(s.claimCheckBucket));
  });
});

describe('function roles', () => {
  it('hold no kms:Encrypt: the services encrypt through data keys, and no function encrypts anything itself', () => {
    for (const [policyId, policy] of resourcesOfType(template, 'AWS::IAM::Policy')) {
      const actions = (policy.Properties?.PolicyDocument as { Statement: Statement[] }).Statement.flatMap((st) => list(st.Action));
      expect(actions, policyId).not.toContain('kms:Encrypt');
      expect(actions.filter((a) => a.startsWith('kms:ReEncrypt')), policyId).toEqual([]);
    }
  });

  it('give a data key only to functions that send messages or put objects; load-code-data only writes a table', () => {
    expect(kmsActionsOf(s.scrubFunction)).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    expect(kmsActionsOf(s.intakeFilesFunction)).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    expect(kmsActionsOf(s.loadCodeDataFunction)).toEqual(['kms:Decrypt']);
  });

  it('let intake-files reach only file-marker rows of the results table (leading keys), never a claim\'s result', () => {
    const onResults = roleStatements(s.intakeFilesFunction).filter((st) => referencedId(st.Resource) === id(s.resultsTable));
    expect(onResults).toHaveLength(1);
    expect(onResults[0]?.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${RESULT_KEY_PREFIXES.fileMarker}*`] } });
    expect(RESULT_KEY_PREFIXES.fileMarker).toBe('file#');
  });
});

describe('topics', () => {
  it('refuse subscriptions with any protocol but the ones the project uses', () => {
    expect([...SUBSCRIPTION_PROTOCOLS].sort()).toEqual(['email', 'email-json', 'https', 'lambda', 'sqs']);
    for (const topic of [s.alertTopic, s.alarmTopic]) {
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        Topics: [{ Ref: id(topic) }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sns:Subscribe', Condition: { StringNotEquals: { 'sns:Protocol': [...SUBSCRIPTION_PROTOCOLS] } } }),
          ]),
        },
      });
    }
  });
});

describe('the inbox', () => {
  const bucketPolicy = (bucketId: string) =>
    (resourcesOfType(template, 'AWS::S3::BucketPolicy').find(([, p]) => referencedId(p.Properties?.Bucket) === bucketId)?.[1].Properties?.PolicyDocument as { Statement: Statement[] })
      .Statement;

  it('refuses uploads that ask for any encryption but SSE-KMS with the construct key', () => {
    const denials = bucketPolicy(id(s.inbox.bucket)).filter((st) => st.Effect === 'Deny' && st.Action === 's3:PutObject');
    expect(denials.map((st) => Object.keys(st.Condition?.Null ?? {})[0])).toEqual([
      's3:x-amz-server-side-encryption',
      's3:x-amz-server-side-encryption-aws-kms-key-id',
      's3:x-amz-server-side-encryption-customer-algorithm',
    ]);
    expect(denials[1]?.Condition?.StringNotEquals).toEqual({ 's3:x-amz-server-side-encryption-aws-kms-key-id': { 'Fn::GetAtt': [id(s.key), 'Arn'] } });
  });
});

describe('the backup tag', () => {
  const STATEFUL = ['AWS::DynamoDB::Table', 'AWS::S3::Bucket', 'AWS::SQS::Queue', 'AWS::KMS::Key', 'AWS::SecretsManager::Secret'];
  const tagged = (t: typeof template, tag: { key: string; value: string }) =>
    STATEFUL.flatMap((type) => resourcesOfType(t, type)).map(([logicalId, r]) => [logicalId, (r.Properties?.Tags as Array<{ Key: string; Value: string }> | undefined)?.some((x) => x.Key === tag.key && x.Value === tag.value)]);

  it('is on every table, bucket, queue, key and secret, backup=claim-scrubber by default', () => {
    expect(DEFAULT_BACKUP_TAG).toEqual({ key: 'backup', value: 'claim-scrubber' });
    const all = tagged(template, DEFAULT_BACKUP_TAG);
    expect(all.length).toBe(2 + 3 + 8 + 1 + 1);
    expect(all.filter(([, has]) => !has)).toEqual([]);
  });

  it('is a prop, checked against AWS\'s tag rules', () => {
    const custom = synthStack({ backupTag: { key: 'aws-backup', value: 'phi-daily' } });
    expect(tagged(custom.template, { key: 'aws-backup', value: 'phi-daily' }).filter(([, has]) => !has)).toEqual([]);
    expect(() => synthStack({ backupTag: { key: 'aws:backup', value: 'x' } })).toThrow(/reserved/);
    expect(() => synthStack({ backupTag: { key: '', value: 'x' } })).toThrow(/backupTag.key/);
  });
});
