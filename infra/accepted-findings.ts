import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { ClaimInbox } from './claim-inbox.ts';
import { accept, hipaaAndNist, type AcceptedFinding } from './compliance.ts';
import { acceptInboxFindings } from './inbox-findings.ts';

/**
 * cdk-nag findings the construct accepts by design, and why. Each is acknowledged on the one construct
 * it concerns, never on the stack, so a new resource with the same finding still fails.
 */
export const ACCEPTED_FINDINGS = {
  inlinePolicy: {
    ids: hipaaAndNist('IAMNoInlinePolicy'),
    reason:
      "Each function role's only policy is its default policy built from CDK grants. It names single tables, queues, a topic, a key and a log group and is attached to that one role, which is the least-privilege shape; a managed policy would add reuse nobody needs.",
  },
  xrayWildcard: {
    ids: ['AwsSolutions-IAM5[Resource::*]'],
    reason:
      'Only xray:PutTraceSegments and xray:PutTelemetryRecords (added for active tracing) have Resource "*": X-Ray has no resource-level permissions for them. test/infra checks that no other statement has a "*" resource.',
  },
  xrayAndEniWildcard: {
    ids: ['AwsSolutions-IAM5[Resource::*]'],
    reason:
      'Resource "*" is limited to xray:PutTraceSegments and xray:PutTelemetryRecords (active tracing) and the network-interface actions Lambda needs in a VPC (the actions of AWSLambdaVPCAccessExecutionRole): neither has a narrower resource Lambda can name before the interfaces exist. test/infra checks that no other statement has a "*" resource.',
  },
  runtime: {
    ids: ['AwsSolutions-L1'],
    reason:
      'nodejs22.x is deliberate: the project pins Node 22 (package.json) and every test and the bench run on it. Moving to a newer runtime is a tested upgrade, not a synth-time default.',
  },
  lambdaVpc: {
    ids: hipaaAndNist('LambdaInsideVPC'),
    reason:
      'The functions reach only AWS service APIs (DynamoDB, SQS, SNS, KMS, X-Ray, CloudWatch Logs) over TLS with IAM authentication, and no private network resource. A VPC would add six interface endpoints or a NAT gateway without isolating any data further; pass the vpc prop to place them in one.',
  },
  scrubDlq: {
    ids: hipaaAndNist('LambdaDLQ'),
    reason:
      "The scrub function is invoked only by its SQS event source, never asynchronously, so a Lambda on-failure DLQ would never receive anything. Failed claims go to the intake queue's own DLQ after maxReceiveCount deliveries, and an alarm watches it.",
  },
  scrubConcurrency: {
    ids: hipaaAndNist('LambdaConcurrency'),
    reason:
      "The scrub function's concurrency is bounded by the SQS event source's maximum concurrency (maxConcurrency), which AWS recommends over reserved concurrency for SQS: it does not throttle the poller into burning receive counts. Reserved concurrency is available through the reservedConcurrency prop.",
  },
  loadDlq: {
    ids: hipaaAndNist('LambdaDLQ'),
    reason:
      'load-code-data is invoked by CloudFormation during a deploy (the code-data custom resource) and by an operator. It answers every CloudFormation request itself, SUCCESS or FAILED, and a failed load fails the deploy; an operator invokes it synchronously and sees the error at once. A DLQ would only hold events of invocations that crashed before answering, which the deploy reports as timed out. Its errors alarm as well.',
  },
  loadConcurrency: {
    ids: hipaaAndNist('LambdaConcurrency'),
    reason:
      'load-code-data runs once per deploy that ships new code data, and by hand. Two concurrent loads are safe (versioned keys, compare-and-set on the active pointer), and reserving concurrency fails on accounts with the default quota of 10.',
  },
  notificationDlq: {
    ids: ['AwsSolutions-SQS3'],
    reason:
      'This queue is itself a dead-letter queue: SNS puts the alerts and alarm notifications it could not deliver to the email subscriptions in it (their RedrivePolicy). cdk-nag recognises only queues named by another queue\'s redrive policy. A queue behind it would never receive anything, and its depth and age alarm.',
  },
  backupPlan: {
    ids: hipaaAndNist('DynamoDBInBackupPlan'),
    reason:
      "Both tables have point-in-time recovery (35 days of continuous backups) and deletion protection, and the code table is rebuilt from the release files by load-code-data. Longer retention belongs in the organisation's AWS Backup plan, which selects the tables by the backup tag they carry (backupTag, backup=claim-scrubber by default), not in this stack.",
  },
} as const satisfies Record<string, AcceptedFinding>;

/** The constructs the findings concern, and the props that decide which findings arise. */
export interface FindingsScope {
  readonly scrubFunction: lambda.IFunction;
  readonly loadCodeDataFunction: lambda.IFunction;
  readonly intakeFilesFunction: lambda.IFunction;
  readonly codesTable: dynamodb.ITable;
  readonly resultsTable: dynamodb.ITable;
  readonly inbox: ClaimInbox;
  readonly notificationDeadLetterQueue: sqs.IQueue;
  /** In a VPC, the roles also hold the network-interface actions, on Resource "*". */
  readonly inVpc: boolean;
  readonly reservedConcurrency: number | undefined;
}

export function acceptFindings(s: FindingsScope): void {
  for (const fn of [s.scrubFunction, s.loadCodeDataFunction, s.intakeFilesFunction]) {
    const role = fn.role as Construct;
    accept(role, ACCEPTED_FINDINGS.inlinePolicy);
    accept(role, s.inVpc ? ACCEPTED_FINDINGS.xrayAndEniWildcard : ACCEPTED_FINDINGS.xrayWildcard);
    accept(fn, ACCEPTED_FINDINGS.runtime);
    if (!s.inVpc) accept(fn, ACCEPTED_FINDINGS.lambdaVpc);
  }
  accept(s.scrubFunction, ACCEPTED_FINDINGS.scrubDlq);
  if (s.reservedConcurrency === undefined) accept(s.scrubFunction, ACCEPTED_FINDINGS.scrubConcurrency);
  accept(s.loadCodeDataFunction, ACCEPTED_FINDINGS.loadDlq);
  accept(s.loadCodeDataFunction, ACCEPTED_FINDINGS.loadConcurrency);
  for (const table of [s.codesTable, s.resultsTable]) accept(table, ACCEPTED_FINDINGS.backupPlan);
  accept(s.notificationDeadLetterQueue, ACCEPTED_FINDINGS.notificationDlq);
  acceptInboxFindings(s.inbox, s.intakeFilesFunction);
}
