import { DefaultStackSynthesizer, Stack, type CfnElement } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { ACCEPTED_FINDINGS } from './accepted-findings.ts';
import type { ClaimCheckBucket } from './claim-check.ts';
import { accept, hipaaAndNist } from './compliance.ts';
import type { Worklist } from './worklist.ts';

/**
 * cdk-nag findings on the review worklist that the construct accepts by design, and why. Each is
 * acknowledged on the one construct it concerns; the distribution's are acknowledged only while the
 * prop that would meet them is left out.
 */
export const ACCEPTED_WORKLIST_FINDINGS = {
  feedDlq: {
    ids: hipaaAndNist('LambdaDLQ'),
    reason:
      "The worklist feed is invoked only by its SQS event source on the review queue, never asynchronously, so a Lambda on-failure DLQ would never receive anything. A message it fails on goes back to the review queue and, after maxReceiveCount deliveries, to the review queue's own DLQ, which alarms.",
  },
  feedConcurrency: {
    ids: hipaaAndNist('LambdaConcurrency'),
    reason:
      'The feed runs at most five at once: the maximum concurrency of its SQS event source, which AWS recommends over reserved concurrency for SQS because it does not throttle the poller into burning receive counts. Reserving concurrency fails on accounts with the default quota of 10.',
  },
  apiDlq: {
    ids: hipaaAndNist('LambdaDLQ'),
    reason:
      'The worklist API function is invoked synchronously by API Gateway only: a failure is answered to the page at once (a 5xx the reviewer sees and retries), and the server error and function error alarms fire. There is no asynchronous event a DLQ could keep.',
  },
  apiConcurrency: {
    ids: hipaaAndNist('LambdaConcurrency'),
    reason:
      "The API stage's throttling (50 requests a second, bursts of 100) bounds how many API invocations run at once, before any reach the function. Reserving concurrency fails on accounts with the default quota of 10 and would take capacity from the scrub function.",
  },
  claimCheckObjects: {
    reason:
      'The worklist feed reads routed messages too large for SQS from under claim-check/ of the one claim-check bucket, named after each claim version: a key prefix is the narrowest resource S3 has for objects whose names are not known in advance. The feed can neither write nor delete them.',
  },
  tableBackup: {
    ids: hipaaAndNist('DynamoDBInBackupPlan'),
    reason:
      "The worklist table has point-in-time recovery (35 days of continuous backups) and deletion protection, and carries the backup tag (backupTag, backup=claim-scrubber by default) by which the organisation's AWS Backup plan selects it for longer retention; the plan belongs to the organisation, not to this stack.",
  },
  pageEncryption: {
    ids: hipaaAndNist('S3DefaultEncryptionKMS'),
    reason:
      "The page bucket holds the built worklist page (HTML, script, style) and its config.json (the Cognito domain and client id), which CloudFront serves to anyone: no PHI and nothing secret. It is encrypted with SSE-S3 so that the construct's key, which encrypts the claims, is never opened to CloudFront or to the deployment function.",
  },
  pageReplication: {
    ids: hipaaAndNist('S3BucketReplicationEnabled'),
    reason:
      'The page bucket holds only the page built from the repository, written again by every deploy: a copy in another region would hold nothing the repository and a redeploy do not. It is versioned, and carries the backup tag.',
  },
  cdnLogsEncryption: {
    ids: hipaaAndNist('S3DefaultEncryptionKMS'),
    reason:
      "CloudFront's standard logs hold request metadata (times, addresses, paths with opaque claim references, statuses), no PHI. CloudFront's log delivery writes them with an ACL grant and would need the construct's key, which encrypts the claims, opened to it; they are encrypted with SSE-S3 instead, private and TLS only.",
  },
  cdnLogsReplication: {
    ids: hipaaAndNist('S3BucketReplicationEnabled'),
    reason:
      "The CloudFront log bucket holds access logs written once by CloudFront's log delivery and never overwritten. It is versioned and carries the backup tag, so the AWS Backup plan copies it where the organisation keeps audit records.",
  },
  optionalMfa: {
    ids: ['AwsSolutions-COG2'],
    reason:
      "Only when the deployer sets the worklist's mfa prop to 'optional' (required is the default): users then sign in with a password of at least 14 characters alone unless they set up an authenticator app, under Cognito's threat protection, which blocks risky and compromised-credential sign-ins.",
  },
  geoRestriction: {
    ids: ['AwsSolutions-CFR1'],
    reason:
      'Reviewers work wherever the billing organisation does, offshore billing teams included, so no country list fits every deployment. Every request past the static page needs a Cognito ID token with MFA; pass allowedCountries to refuse all other countries.',
  },
  webAcl: {
    ids: ['AwsSolutions-CFR2'],
    reason:
      "A web ACL for CloudFront must be made in us-east-1, outside this stack's region, and is billed per rule. The page is static, every API route needs a Cognito ID token verified by API Gateway, and the stage throttles; pass webAclArn to attach your organisation's web ACL.",
  },
  defaultCertificate: {
    ids: ['AwsSolutions-CFR4'],
    reason:
      "Without a domain of its own the distribution answers on its cloudfront.net name, whose certificate CloudFront manages with a security policy that cdk-nag cannot see as TLS 1.2; browsers negotiate TLS 1.2 or 1.3 with it. Pass domainNames and a certificate to set TLSv1.2_2021 as the minimum.",
  },
  deploymentWildcards: {
    reason:
      "CDK's page deployment reads the page's asset from the CDK assets bucket and replaces the page bucket's objects (their names change with every build): an object prefix and S3's wildcard action groups are what its copy needs. The role belongs to that one function, which runs only during a deploy.",
  },
  deploymentRuntime: {
    ids: ['AwsSolutions-L1'],
    reason:
      "The page deployment's function is CDK's own (BucketDeployment), with the Python runtime aws-cdk-lib chooses; it moves to a newer one with an aws-cdk-lib upgrade. It runs only during a deploy and touches no claims.",
  },
  deploymentDlq: {
    ids: hipaaAndNist('LambdaDLQ'),
    reason:
      'The page deployment function is invoked synchronously by CloudFormation as a custom resource during a deploy, which fails and rolls back if it fails: there is no asynchronous event a DLQ could keep.',
  },
  deploymentConcurrency: {
    ids: hipaaAndNist('LambdaConcurrency'),
    reason:
      'The page deployment function runs once per deploy, from CloudFormation; reserving concurrency for it would take capacity from the account for nothing, and fails on accounts with the default quota of 10.',
  },
  deploymentVpc: {
    ids: hipaaAndNist('LambdaInsideVPC'),
    reason:
      'The page deployment function copies the static page between two S3 buckets during a deploy and reaches nothing else; it holds no claim data, so a VPC (with an S3 endpoint) would isolate nothing.',
  },
} as const satisfies Record<string, { ids?: readonly string[]; reason: string }>;

const F = ACCEPTED_WORKLIST_FINDINGS;

export function acceptWorklistFindings(worklist: Worklist, claimCheck: ClaimCheckBucket, options: { inVpc: boolean }): void {
  for (const fn of [worklist.feedFunction, worklist.apiFunction]) acceptFunctionFindings(fn, options.inVpc);
  accept(worklist.feedFunction, F.feedDlq);
  accept(worklist.feedFunction, F.feedConcurrency);
  accept(worklist.apiFunction, F.apiDlq);
  accept(worklist.apiFunction, F.apiConcurrency);
  accept(worklist.feedFunction.role as Construct, { ids: [claimCheck.nagWildcardFinding()], reason: F.claimCheckObjects.reason });
  accept(worklist.table, F.tableBackup);

  const { page } = worklist;
  accept(page.bucket, F.pageEncryption);
  accept(page.bucket, F.pageReplication);
  accept(page.cdnLogsBucket, F.cdnLogsEncryption);
  accept(page.cdnLogsBucket, F.cdnLogsReplication);
  const { settings } = worklist;
  if (settings.mfa === 'optional') accept(worklist.users.userPool, F.optionalMfa);
  if (settings.allowedCountries.length === 0) accept(page.distribution, F.geoRestriction);
  if (settings.webAclArn === undefined) accept(page.distribution, F.webAcl);
  if (settings.certificate === undefined) accept(page.distribution, F.defaultCertificate);

  const deployment = page.deploymentHandler();
  if (!deployment) throw new Error(`${page.node.path}: the page is not deployed, so its deployment's findings cannot be acknowledged`);
  const role = deployment.role as Construct;
  accept(role, ACCEPTED_FINDINGS.inlinePolicy);
  accept(role, { ids: deploymentWildcardFindings(page.bucket.node.defaultChild as CfnElement), reason: F.deploymentWildcards.reason });
  for (const finding of [F.deploymentRuntime, F.deploymentDlq, F.deploymentConcurrency, F.deploymentVpc]) accept(deployment.fn, finding);
}

/** The findings every function of the construct shares (accepted-findings.ts): its inline policy, X-Ray's "*", the runtime, no VPC. */
function acceptFunctionFindings(fn: lambda.IFunction, inVpc: boolean): void {
  const role = fn.role as Construct;
  accept(role, ACCEPTED_FINDINGS.inlinePolicy);
  accept(role, inVpc ? ACCEPTED_FINDINGS.xrayAndEniWildcard : ACCEPTED_FINDINGS.xrayWildcard);
  accept(fn, ACCEPTED_FINDINGS.runtime);
  if (!inVpc) accept(fn, ACCEPTED_FINDINGS.lambdaVpc);
}

/**
 * The wildcards of BucketDeployment's grants, as cdk-nag names them: read of the CDK assets bucket
 * (by the bootstrap qualifier, the default one unless the app sets another), read and write of the page
 * bucket's objects.
 */
function deploymentWildcardFindings(pageBucket: CfnElement): string[] {
  const stack = Stack.of(pageBucket);
  const qualifier = (stack.node.tryGetContext('@aws-cdk/core:bootstrapQualifier') as string | undefined) ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
  const actions = ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map((action) => `AwsSolutions-IAM5[Action::${action}]`);
  return [
    ...actions,
    `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-${qualifier}-assets-<AWS::AccountId>-<AWS::Region>/*]`,
    `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(pageBucket)}.Arn>/*]`,
  ];
}

