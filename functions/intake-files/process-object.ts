import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { sendToIntake } from '../../shared/aws/intake.ts';
import { openObject, putJson, type ObjectRef } from '../../shared/aws/s3-objects.ts';
import type { FileReport } from '../../shared/intake/file-report.ts';
import { isReportKey, reportKeyFor } from '../../shared/intake/inbox-layout.ts';
import { ingestClaimsFile } from '../../shared/application/ingest-file.ts';
import type { IntakeFilesDeps } from './dependencies.ts';
import { INTAKE_FILES_METRICS as M } from './metric-names.ts';

export type ObjectOutcome =
  | { kind: 'processed'; report: FileReport; reportKey: string }
  /** A report, or a key outside the inbox layout: never read as claims. */
  | { kind: 'skipped' }
  /** This object version was processed by an earlier delivery of the event. */
  | { kind: 'duplicate' }
  /** The version was deleted or overwritten before it could be read. */
  | { kind: 'gone' };

/** Another invocation is processing the same file version; the event is retried once its lease ends. */
export class FileBusyError extends Error {
  override name = 'FileBusyError';
}

/** Metadata on a report naming the object version it reports on. */
export const REPORT_METADATA = { eTag: 'source-etag', versionId: 'source-version-id' } as const;

// An invocation works at most until its timeout; the lease outlasts that by a little.
const LEASE_MARGIN_MS = 5_000;
const MAX_SEND_RETRY_MS = 30_000;

/**
 * One object of an event: take the file version's marker, stream the object through the claims
 * reader to the intake queue, write the report beside it (under reports/), mark the version done.
 * Throws when the file must be tried again: claims that could not be sent, S3 or DynamoDB failing,
 * another invocation holding the file.
 */
export async function processObject(ref: ObjectRef, deps: IntakeFilesDeps, context: Context): Promise<ObjectOutcome> {
  const { config, logger, markers, metrics } = deps;
  const file = { bucket: ref.bucket, key: ref.key, versionId: ref.versionId, eTag: ref.eTag };
  if (isReportKey(ref.key)) {
    logger.warn('report object skipped: reports are never read as claims files', file);
    return { kind: 'skipped' };
  }
  const claim = await markers.acquire(ref, context.getRemainingTimeInMillis() + LEASE_MARGIN_MS);
  if (claim.state === 'done') {
    metrics.addMetric(M.duplicateEvents, MetricUnit.Count, 1);
    logger.info('file already processed by an earlier delivery of its event: nothing sent', { ...file, finishedAt: claim.finishedAt });
    return { kind: 'duplicate' };
  }
  if (claim.state === 'busy') throw new FileBusyError(`another invocation is processing ${ref.key} until ${new Date(claim.leaseUntil).toISOString()}`);

  try {
    const body = await openObject(deps.s3, ref);
    if (!body) {
      await markers.release(ref, claim.token);
      logger.warn('file version is gone (deleted or overwritten) before it was read: nothing sent', file);
      return { kind: 'gone' };
    }
    const retryBudgetMs = Math.max(1_000, Math.min(MAX_SEND_RETRY_MS, context.getRemainingTimeInMillis() / 2));
    const read = await ingestClaimsFile(body, {
      file: ref.key,
      ...(deps.holdClaims === undefined ? {} : { holdClaims: deps.holdClaims }),
      send: (messages) => sendToIntake(deps.sqs, config.intakeQueueUrl, messages, { retryBudgetMs }),
    });
    const { reportVersion, file: name, ...rest } = read;
    const report: FileReport = { reportVersion, file: name, source: { ...file, ...(ref.size === undefined ? {} : { size: ref.size }) }, ...rest };
    const reportKey = reportKeyFor(ref.key);
    await putJson(deps.s3, ref.bucket, reportKey, report, {
      [REPORT_METADATA.eTag]: ref.eTag ?? '',
      ...(ref.versionId ? { [REPORT_METADATA.versionId]: ref.versionId } : {}),
    });
    record(deps, report, reportKey);
    if (report.status === 'incomplete') throw new Error(`${report.notSent.length} of ${report.claimsRead} claims of ${ref.key} could not be sent`);
    const marked = await markers.complete(ref, claim.token, { status: report.status, claimsRead: report.claimsRead, sent: report.sent, reportKey });
    // Only after this invocation outlived its own lease: another may be sending the file too, which the scrubber's idempotency absorbs.
    if (!marked) logger.warn('file processed after its lease ran out; another delivery may process it as well', file);
    return { kind: 'processed', report, reportKey };
  } catch (error) {
    // Give the file back so the retry does not wait for the lease to run out.
    await markers.release(ref, claim.token).catch(() => false);
    throw error;
  }
}

function record(deps: IntakeFilesDeps, report: FileReport, reportKey: string): void {
  const { logger, metrics } = deps;
  const rejected = report.rejectedByReader + report.rejectedByContract;
  metrics.addMetric(report.status === 'unreadable' ? M.unreadable : report.status === 'incomplete' ? M.incomplete : M.processed, MetricUnit.Count, 1);
  metrics.addMetric(M.claimsRead, MetricUnit.Count, report.claimsRead);
  metrics.addMetric(M.claimsSent, MetricUnit.Count, report.sent);
  metrics.addMetric(M.claimsRejected, MetricUnit.Count, rejected);
  const fields = {
    key: report.source?.key,
    versionId: report.source?.versionId,
    reportKey,
    status: report.status,
    format: report.format,
    claimsRead: report.claimsRead,
    sent: report.sent,
    rejectedByReader: report.rejectedByReader,
    rejectedByContract: report.rejectedByContract,
    notSent: report.notSent.length,
    ...(report.error ? { claimsBefore: report.error.claimsBefore } : {}),
  };
  if (report.status === 'processed') logger.info('claims file processed', fields);
  else logger.warn(report.status === 'unreadable' ? 'claims file rejected as a whole' : 'claims file incomplete: some claims could not be sent', fields);
}
