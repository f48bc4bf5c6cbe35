import { describe, expect, it } from 'vitest';
import { VPC_ENI_ACTIONS } from '../../infra/claim-scrubber.ts';
import { CLAIM_CHECK_PREFIX } from '../../shared/aws/claim-check-store.ts';
import { inVpc, logicalIdOf, referencedId, resourcesOfType, synthStack } from './support.ts';

interface Statement {
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  Resource?: unknown;
  Principal?: unknown;
  Condition?: unknown;
}

interface PolicyInTemplate {
  /** Where the statement comes from: "<logical id> <kind>". */
  source: string;
  kind: 'identity' | 'queue' | 'topic' | 'key' | 'bucket';
  statement: Statement;
}

const list = <T,>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Every statement of every policy the template holds: role policies, queue and topic policies, key policies. */
function allStatements(template: ReturnType<typeof synthStack>['template']): PolicyInTemplate[] {
  const out: PolicyInTemplate[] = [];
  const add = (source: string, kind: PolicyInTemplate['kind'], document: unknown) => {
    for (const statement of list((document as { Statement?: Statement | Statement[] } | undefined)?.Statement)) out.push({ source, kind, statement });
  };
  for (const [logicalId, r] of resourcesOfType(template, 'AWS::IAM::Policy')) add(`${logicalId} policy`, 'identity', r.Properties?.PolicyDocument);
  for (const [logicalId, r] of resourcesOfType(template, 'AWS::IAM::ManagedPolicy')) add(`${logicalId} managed policy`, 'identity', r.Properties?.PolicyDocument);
  for (const [logicalId, r] of resourcesOfType(template, 'AWS::IAM::Role')) {
    for (const inline of list(r.Properties?.Policies as Array<{ PolicyDocument: unknown }> | undefined)) add(`${logicalId} inline policy`, 'identity', inline.PolicyDocument);
  }
  for (const [logicalId, r] of resourcesOfType(template, 'AWS::SQS::QueuePolicy')) add(`${logicalId} queue policy`, 'queue', r.Properties?.PolicyDocument);
  for (const [logicalId, r] of resourcesOfType(template, 'AWS::SNS::TopicPolicy')) add(`${logicalId} topic policy`, 'topic', r.Properties?.PolicyDocument);
  for (const [logicalId, r] of resourcesOfType(template, 'AWS::KMS::Key')) add(`${logicalId} key policy`, 'key', r.Properties?.KeyPolicy);
  for (const [logicalId, r] of resourcesOfType(template, 'AWS::S3::BucketPolicy')) add(`${logicalId} bucket policy`, 'bucket', r.Properties?.PolicyDocument);
  return out;
}

/**
 * X-Ray's write actions support no resource-level permissions, nor can Lambda name its network
 * interfaces before they exist: "*" is the narrowest resource there is for these.
 */
const ACTIONS_WITHOUT_RESOURCES = new Set<string>(['xray:PutTraceSegments', 'xray:PutTelemetryRecords', ...VPC_ENI_ACTIONS]);

/** The default key policy statement: the account (root) administers the key and delegates use to IAM policies. */
function isAccountRootKeyAdmin(entry: PolicyInTemplate): boolean {
  const principal = JSON.stringify(entry.statement.Principal);
  return entry.kind === 'key' && principal.includes(':root') && principal.includes('AWS::AccountId') && list(entry.statement.Action).join() === 'kms:*';
}

describe.each([
  ['default props', {}],
  ['with reserved concurrency and alarm emails', { reservedConcurrency: 10, alarmEmail: 'ops@example.com', alertEmail: 'billing@example.com' }],
  ['in a VPC', inVpc],
] as const)('IAM policies (%s)', (name, props) => {
  const { stack, template } = synthStack(props);
  const statements = allStatements(template);
  const allows = statements.filter((s) => s.statement.Effect === 'Allow');
  const resourceIds = new Set(Object.keys(template.toJSON().Resources as object));

  it('finds the policies to check', () => {
    expect(statements.filter((s) => s.kind === 'identity').length).toBeGreaterThanOrEqual(10);
    // Each queue's SSL-only denial, and SNS's grant on the notification DLQ for each topic with an email subscription.
    expect(statements.filter((s) => s.kind === 'queue')).toHaveLength(8 + (name === 'with reserved concurrency and alarm emails' ? 2 : 1));
    // Each bucket's SSL-only denial (3), the access-log bucket's grant to S3 log delivery from each
    // bucket it logs (2), and the inbox's and claim-check bucket's three denials of uploads not under the key.
    expect(statements.filter((s) => s.kind === 'bucket')).toHaveLength(3 + 2 + 2 * 3);
    expect(statements.filter((s) => s.kind === 'key').length).toBeGreaterThanOrEqual(3);
  });

  it('allows no wildcard action (no "*", no "service:*", no "Get*"), except the account root on its own key', () => {
    const wildcards = allows.filter((s) => !isAccountRootKeyAdmin(s) && list(s.statement.Action).some((a) => a.includes('*')));
    expect(wildcards.map((s) => `${s.source}: ${list(s.statement.Action).join(', ')}`)).toEqual([]);
  });

  it('allows a "*" resource only for actions that take no resource (a key policy\'s "*" is the key itself)', () => {
    const wildcards = allows.filter(
      (s) => s.kind !== 'key' && list(s.statement.Resource).some((r) => r === '*') && !list(s.statement.Action).every((a) => ACTIONS_WITHOUT_RESOURCES.has(a)),
    );
    expect(wildcards.map((s) => `${s.source}: ${list(s.statement.Action).join(', ')}`)).toEqual([]);
  });

  it('names, in every identity policy, single resources of this stack (no ARN patterns, no index/*, no other accounts)', () => {
    // Objects are the one exception: key prefixes of this stack's inbox bucket, by its name (see
    // ClaimInbox.grantIntakeFiles), and of its claim-check bucket.
    const inboxObjects = [
      ...['incoming/*', 'reports/*'].map((prefix) => JSON.stringify(stack.resolve(stack.scrubber.inbox.arn(`/${prefix}`)))),
      JSON.stringify(stack.resolve(stack.scrubber.claimCheckBucket.arnForObjects(`${CLAIM_CHECK_PREFIX}*`))),
    ];
    for (const entry of allows.filter((s) => s.kind === 'identity')) {
      if (list(entry.statement.Action).every((a) => ACTIONS_WITHOUT_RESOURCES.has(a))) continue;
      for (const resource of list(entry.statement.Resource)) {
        if (inboxObjects.includes(JSON.stringify(resource))) continue;
        const target = referencedId(resource);
        expect(target, `${entry.source}: ${JSON.stringify(resource)}`).toBeDefined();
        expect(resourceIds.has(target as string), `${entry.source} refers to ${target}`).toBe(true);
      }
    }
  });

  it('allows nothing to everyone: the only "*" principals are in denials, of requests without TLS, uploads not encrypted with the key, or subscriptions by other protocols', () => {
    const open = allows.filter((s) => JSON.stringify(s.statement.Principal ?? null).includes('"*"'));
    expect(open.map((s) => s.source)).toEqual([]);
    for (const deny of statements.filter((s) => s.statement.Effect === 'Deny')) {
      const condition = JSON.stringify(deny.statement.Condition);
      const sslOnly = condition === JSON.stringify({ Bool: { 'aws:SecureTransport': 'false' } });
      const encryptedUploads = list(deny.statement.Action).join() === 's3:PutObject' && condition.includes('s3:x-amz-server-side-encryption');
      const subscriptionProtocols = list(deny.statement.Action).join() === 'sns:Subscribe' && condition.includes('sns:Protocol');
      expect(sslOnly || encryptedUploads || subscriptionProtocols, `${deny.source}: ${condition}`).toBe(true);
    }
  });

  it('conditions every service principal allowed on the key, a queue, a topic or a bucket to this account, or to a resource of this stack', () => {
    for (const entry of allows.filter((s) => s.kind !== 'identity' && JSON.stringify(s.statement.Principal).includes('Service'))) {
      const condition = entry.statement.Condition as Record<string, Record<string, unknown>> | undefined;
      const sourceArn = condition?.ArnEquals?.['aws:SourceArn'];
      if (sourceArn !== undefined && resourceIds.has(referencedId(sourceArn) as string)) continue;
      expect(JSON.stringify(condition), entry.source).toMatch(/AWS::AccountId/);
    }
  });

  it('grants each function only the calls its code makes', () => {
    const actionsOf = (construct: typeof stack.scrubber.scrubFunction) => {
      const roleId = logicalIdOf(stack, construct.role as NonNullable<typeof construct.role>);
      const policies = resourcesOfType(template, 'AWS::IAM::Policy').filter(([, p]) => (p.Properties?.Roles as unknown[]).some((r) => referencedId(r) === roleId));
      const byResource = new Map<string, string[]>();
      for (const [, policy] of policies) {
        for (const statement of list((policy.Properties?.PolicyDocument as { Statement: Statement[] }).Statement)) {
          for (const resource of list(statement.Resource)) {
            const key = referencedId(resource) ?? (typeof resource === 'string' ? resource : JSON.stringify(resource));
            byResource.set(key, [...(byResource.get(key) ?? []), ...list(statement.Action)].sort());
          }
        }
      }
      return Object.fromEntries(byResource);
    };
    const s = stack.scrubber;
    const id = (c: Parameters<typeof logicalIdOf>[1]) => logicalIdOf(stack, c);
    const unscoped = ['xray:PutTelemetryRecords', 'xray:PutTraceSegments', ...(name === 'in a VPC' ? VPC_ENI_ACTIONS : [])].sort();
    const secretId = resourcesOfType(template, 'AWS::SecretsManager::Secret')[0]?.[0] as string;
    const logs = (fnId: string) => (Object.keys(template.findResources('AWS::Logs::LogGroup')).find((l) => l.includes(fnId)) as string);

    expect(actionsOf(s.scrubFunction)).toEqual({
      '*': unscoped,
      [logs('ScrubFunctionLogs')]: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      // The pointer, codes and payers come in the batch's one BatchGetItem: no GetItem.
      [id(s.codesTable)]: ['dynamodb:BatchGetItem'],
      [id(s.resultsTable)]: ['dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem'],
      [id(s.intakeQueue)]: ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'],
      [id(s.reviewQueue)]: ['sqs:SendMessage'],
      [id(s.cleanQueue)]: ['sqs:SendMessage'],
      [id(s.alertTopic)]: ['sns:Publish'],
      [JSON.stringify(stack.resolve(s.claimCheckBucket.arnForObjects(`${CLAIM_CHECK_PREFIX}*`)))]: ['s3:PutObject'],
      [secretId]: ['secretsmanager:GetSecretValue'],
      [id(s.key)]: ['kms:Decrypt', 'kms:Decrypt', 'kms:GenerateDataKey'],
    });
    const objects = (prefix: string) => JSON.stringify(stack.resolve(s.inbox.arn(`/${prefix}`)));
    expect(actionsOf(s.intakeFilesFunction)).toEqual({
      '*': unscoped,
      [logs('IntakeFilesFunctionLogs')]: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      // file-marker.ts: the lease (conditional put), its read, done (update), released (delete).
      [id(s.resultsTable)]: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
      [id(s.intakeQueue)]: ['sqs:SendMessage'],
      // Lambda's own delivery of a failed asynchronous event.
      [id(s.intakeFilesDeadLetterQueue)]: ['sqs:SendMessage'],
      [objects('incoming/*')]: ['s3:GetObject', 's3:GetObjectVersion'],
      [objects('reports/*')]: ['s3:PutObject'],
      [secretId]: ['secretsmanager:GetSecretValue'],
      [id(s.key)]: ['kms:Decrypt', 'kms:GenerateDataKey'],
    });
    expect(actionsOf(s.loadCodeDataFunction)).toEqual({
      '*': unscoped,
      [logs('LoadCodeDataFunctionLogs')]: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      [id(s.codesTable)]: ['dynamodb:BatchWriteItem', 'dynamodb:GetItem', 'dynamodb:PutItem'],
      [id(s.key)]: ['kms:Decrypt'],
    });
  });

  it('attaches no AWS managed policy to any role', () => {
    for (const [, role] of resourcesOfType(template, 'AWS::IAM::Role')) {
      expect(role.Properties?.ManagedPolicyArns).toBeUndefined();
      expect(role.Properties?.AssumeRolePolicyDocument).toMatchObject({ Statement: [{ Principal: { Service: 'lambda.amazonaws.com' } }] });
    }
  });
});
