import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { INBOX_PREFIX, REPORTS_PREFIX } from '../shared/intake/inbox-layout.ts';
import type { ClaimInbox } from './claim-inbox.ts';
import { accept, hipaaAndNist } from './compliance.ts';

export { INTAKE_FILES_METRICS, INTAKE_FILES_SERVICE_NAME } from '../functions/intake-files/metric-names.ts';

/**
 * cdk-nag findings on the S3 inbox and the intake-files function that the construct accepts by
 * design, and why. Each is acknowledged on the one construct it concerns.
 */
export const ACCEPTED_INBOX_FINDINGS = {
  objectPrefixes: {
    reason:
      'The intake-files function reads objects under incoming/ and writes reports under reports/ of the one inbox bucket: a key prefix is the narrowest resource S3 has for objects whose names are not known in advance. The function cannot read reports nor write files.',
  },
  intakeFilesConcurrency: {
    ids: hipaaAndNist('LambdaConcurrency'),
    reason:
      'One invocation per uploaded file, each sending to the intake queue, which absorbs any burst; the scrub side is bounded by the event source maximum concurrency. Reserving concurrency fails on accounts with the default quota of 10, and a throttled asynchronous event is retried by Lambda for up to six hours.',
  },
  replication: {
    ids: hipaaAndNist('S3BucketReplicationEnabled'),
    reason:
      'Claims files are transient input: they are kept 30 days by default (inboxRetentionDays), their claims live on in the queues and results table, and the uploader keeps the original. Cross-region replication would double the places PHI is stored; versioning keeps an overwritten or deleted file as long as a file is kept, and the bucket carries the backup tag for the AWS Backup plan.',
  },
  accessLogReplication: {
    ids: hipaaAndNist('S3BucketReplicationEnabled'),
    reason:
      'The access-log bucket holds S3 server access logs of the inbox and claim-check buckets: request metadata written once by S3 log delivery, never overwritten. It is versioned, encrypted with the construct key and carries the backup tag, so the AWS Backup plan copies it where the organisation keeps audit records.',
  },
} as const;

/** Takes the inbox and its function rather than the whole construct, which would import this module back. */
export function acceptInboxFindings(inbox: ClaimInbox, intakeFilesFunction: lambda.IFunction): void {
  const role = intakeFilesFunction.role as Construct;
  for (const prefix of [INBOX_PREFIX, REPORTS_PREFIX]) {
    accept(role, { ids: [inbox.nagWildcardFinding(`/${prefix}*`)], reason: ACCEPTED_INBOX_FINDINGS.objectPrefixes.reason });
  }
  accept(intakeFilesFunction, ACCEPTED_INBOX_FINDINGS.intakeFilesConcurrency);
  accept(inbox.bucket, ACCEPTED_INBOX_FINDINGS.replication);
  accept(inbox.accessLogsBucket, ACCEPTED_INBOX_FINDINGS.accessLogReplication);
}
