import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { fileReferenceOf, type FileIntakeObserver, type ObjectRef } from '../../shared/application/ingest-object.ts';
import type { FileReport } from '../../shared/intake/file-report.ts';
import { INTAKE_FILES_METRICS as M } from './metric-names.ts';

/**
 * The file intake service's events as the function's Powertools logs and EMF metrics. A file is named
 * by its reference (ingest-object.ts), never by its key: a file name may name a patient.
 */
export function powertoolsFileObserver(logger: Logger, metrics: Metrics): FileIntakeObserver {
  return {
    skippedReport: (ref) => logger.warn('report object skipped: reports are never read as claims files', fileOf(ref)),
    duplicate(ref, finishedAt) {
      metrics.addMetric(M.duplicateEvents, MetricUnit.Count, 1);
      logger.info('file already processed by an earlier delivery of its event: nothing sent', { ...fileOf(ref), finishedAt });
    },
    gone: (ref) => logger.warn('file version is gone (deleted or overwritten) before it was read: nothing sent', fileOf(ref)),
    processed: (report) => recordProcessed(logger, metrics, report),
    lateCompletion: (ref) => logger.warn('file processed after its lease ran out; another delivery may process it as well', fileOf(ref)),
    checkpointed: (ref, resumeFrom, why) =>
      logger.warn(
        why === 'time'
          ? 'file not finished before the function timeout: its position is kept, and the retried invocation resumes there'
          : 'the intake queue stopped answering: the file\'s position is kept, and the retried invocation resumes there',
        { ...fileOf(ref), resumeFrom },
      ),
  };
}

export function fileOf(ref: ObjectRef) {
  return { bucket: ref.bucket, fileReference: fileReferenceOf(ref) };
}

function recordProcessed(logger: Logger, metrics: Metrics, report: FileReport): void {
  const rejected = report.rejectedByReader + report.rejectedByContract;
  metrics.addMetric(report.status === 'unreadable' ? M.unreadable : report.status === 'incomplete' ? M.incomplete : M.processed, MetricUnit.Count, 1);
  metrics.addMetric(M.claimsRead, MetricUnit.Count, report.claimsRead);
  metrics.addMetric(M.claimsSent, MetricUnit.Count, report.sent);
  metrics.addMetric(M.claimsRejected, MetricUnit.Count, rejected);
  const fields = {
    fileReference: report.source?.reference,
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
