import { validateClaim } from '../claim/validate.ts';
import { describePosition, openClaimsFile, UnreadableInputError, type ClaimFormat, type ClaimsFile, type ClaimsSource, type IntakeItem } from '../formats/index.ts';
import { claimMessage, type ClaimMessage } from './claim-message.ts';
import { describeReport, type FileReport, type RejectedClaim } from './file-report.ts';
import { safeErrors } from './reader-rejection.ts';

/** Sends a chunk of messages; resolves with those that could not be sent (index within the chunk). */
export type SendClaims = (messages: readonly ClaimMessage[]) => Promise<Array<{ index: number; error: Error }>>;

export interface IngestOptions {
  /** The name messages and the report give the file: its S3 key, or its name in the inbox folder. */
  file: string;
  send: SendClaims;
  /** Read the file as this format instead of detecting it. */
  format?: ClaimFormat;
  /**
   * Claims held back before the first send. A file of up to this many claims is sent only once it has
   * been read to the end, so a broken envelope (found late in a streamed X12 file) sends none of it;
   * a larger file is sent as it is read, and its report says how much went out before the error.
   */
  holdClaims?: number;
  /** Messages per `send` call once sending. */
  chunkSize?: number;
  /** Rejected claims listed in the report; the rest are only counted. */
  maxListedRejections?: number;
  now?: () => Date;
}

export const INGEST_DEFAULTS = { holdClaims: 5_000, chunkSize: 100, maxListedRejections: 1_000 } as const;

/**
 * Reads a claims file in any supported format and sends every claim to the intake queue, rejected ones
 * included (see claimMessage), then reports what happened. Only a file-level problem (an unreadable
 * file, a broken X12 envelope) is reported rather than thrown; a failing `send` is reported as
 * `incomplete`. Anything else (the source stream failing) is thrown.
 */
export async function ingestClaimsFile(source: ClaimsSource, options: IngestOptions): Promise<FileReport> {
  const o = { ...INGEST_DEFAULTS, ...options };
  const report = emptyReport(o.file, (o.now ?? (() => new Date()))());
  let file: ClaimsFile;
  try {
    file = await openClaimsFile(source, o.format ? { format: o.format } : {});
  } catch (error) {
    if (!(error instanceof UnreadableInputError)) throw error;
    return finish(report, { message: error.message, claimsBefore: error.claimsBefore });
  }
  report.format = file.format;

  const held: Array<{ item: IntakeItem; message: ClaimMessage }> = [];
  let streaming = false;
  const send = async (chunk: typeof held) => {
    const failures = await o.send(chunk.map((c) => c.message));
    report.sent += chunk.length - failures.length;
    for (const failure of failures) {
      const item = chunk[failure.index]?.item;
      report.notSent.push({ index: item?.index ?? -1, claimId: item?.claimId ?? null, error: failure.error.message });
    }
  };

  try {
    for await (const item of file.items) {
      noteRejection(report, item, o.maxListedRejections);
      held.push({ item, message: claimMessage(item, o.file) });
      // Past the hold, what is held goes out at once, and then every chunk as it fills.
      if (streaming ? held.length >= o.chunkSize : held.length >= o.holdClaims) {
        streaming = true;
        await send(held.splice(0));
      }
    }
  } catch (error) {
    if (!(error instanceof UnreadableInputError)) throw error;
    // Claims still held are dropped: none of a file with a broken envelope is sent unless it streamed.
    copyCounts(report, file);
    return finish(report, { message: error.message, claimsBefore: error.claimsBefore });
  }
  while (held.length > 0) await send(held.splice(0, o.chunkSize));
  copyCounts(report, file);
  if (report.notSent.length > 0) report.status = 'incomplete';
  return finish(report);
}

function noteRejection(report: FileReport, item: IntakeItem, maxListed: number): void {
  let rejected: RejectedClaim | undefined;
  if (item.kind === 'rejected') {
    report.rejectedByReader++;
    rejected = { index: item.index, claimId: item.claimId, position: describePosition(item.position), stage: 'reader', errors: safeErrors(item) };
  } else {
    const validation = validateClaim(item.claim);
    if (validation.ok) return;
    report.rejectedByContract++;
    rejected = { index: item.index, claimId: item.claimId ?? null, position: describePosition(item.position), stage: 'contract', errors: validation.errors };
  }
  if (report.rejected.length < maxListed) report.rejected.push(rejected);
  else report.rejectedNotListed++;
}

function copyCounts(report: FileReport, file: ClaimsFile): void {
  const counts = file.counts;
  report.claimsRead = counts.claimsRead;
  report.notes = counts.notes;
  if (counts.format === 'x12') report.envelopes = { interchanges: counts.interchanges ?? 0, groups: counts.groups ?? 0, transactions: counts.transactions ?? 0 };
}

function emptyReport(file: string, now: Date): FileReport {
  return {
    reportVersion: 1,
    file,
    processedAt: now.toISOString(),
    status: 'processed',
    format: null,
    claimsRead: 0,
    sent: 0,
    rejectedByReader: 0,
    rejectedByContract: 0,
    rejected: [],
    rejectedNotListed: 0,
    notSent: [],
    notes: [],
    summary: '',
  };
}

function finish(report: FileReport, error?: FileReport['error']): FileReport {
  if (error) {
    report.status = 'unreadable';
    report.error = error;
  }
  // Keys in the order a reader scans the JSON: what, outcome, counts, then the details.
  const { reportVersion, file, source, processedAt, status, format, claimsRead, sent, rejectedByReader, rejectedByContract, envelopes, notes } = report;
  return {
    reportVersion,
    file,
    ...(source ? { source } : {}),
    processedAt,
    status,
    format,
    claimsRead,
    sent,
    rejectedByReader,
    rejectedByContract,
    ...(envelopes ? { envelopes } : {}),
    notes,
    ...(report.error ? { error: report.error } : {}),
    summary: describeReport(report),
    rejected: report.rejected,
    rejectedNotListed: report.rejectedNotListed,
    notSent: report.notSent,
  };
}
