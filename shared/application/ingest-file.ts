import { validateClaim } from '../claim/validate.ts';
import { describePosition, openClaimsFile, UnreadableInputError, type ClaimFormat, type ClaimsFile, type ClaimsSource, type IntakeItem } from '../formats/index.ts';
import { claimMessage, type ClaimMessage } from '../intake/claim-message.ts';
import { claimVersion } from '../intake/claim-version.ts';
import { describeReport, type FileReport, type RejectedClaim } from '../intake/file-report.ts';
import { safeErrors } from '../intake/reader-rejection.ts';
import type { ClaimOutbox } from './ports.ts';
import { RepeatedClaimIds } from './repeated-claim-ids.ts';

/**
 * What becomes of a claim the format reader could not map:
 * - `send`: it travels like any claim and reaches the review queue as CLAIM-INVALID with its position and
 *   reasons, so nothing of a file dropped unattended is lost (S3 inbox, inbox folder, `npm start`);
 * - `list`: it is listed in the report and not sent, for a person at a terminal who fixes and resends it
 *   (`claim-scrubber submit`).
 */
export type ReaderRejectionPolicy = 'send' | 'list';

/**
 * How an outbox fails a claim whose fate it cannot know: the request went out but its answer never
 * came back (a timeout, a connection cut midway), so the claim may well be on the queue. The report
 * keeps it apart from the claims that certainly were not sent (`mayHaveArrived`).
 */
export class DeliveryUnknownError extends Error {
  override readonly name = 'DeliveryUnknownError';
}

/**
 * Thrown when `stopWhen` asks the ingest service to stop before a send: every claim before
 * `resumeFrom` (0-based, in file order) went out, so a later attempt may start there with
 * `alreadySent: resumeFrom` and skip none.
 */
export class IngestStopped extends Error {
  override readonly name = 'IngestStopped';
  readonly resumeFrom: number;

  constructor(resumeFrom: number) {
    super(`stopped before claim #${resumeFrom + 1}; the claims before it were sent`);
    this.resumeFrom = resumeFrom;
  }
}

/** One claim that went out, with the intake message id SQS gave it. */
export interface SentClaim {
  item: IntakeItem;
  message: ClaimMessage;
  messageId: string;
}

export interface IngestOptions {
  /** The name messages and the report give the file: its S3 key, its name in the inbox folder, or the name given on the command line. */
  file: string;
  send: ClaimOutbox;
  /** Read the file as this format instead of detecting it. */
  format?: ClaimFormat;
  /** Default `send`. */
  readerRejections?: ReaderRejectionPolicy;
  /** Called after each send with the claims that went out. */
  onSent?: (sent: readonly SentClaim[]) => void;
  /**
   * Called after each send: claims read so far, sent so far, listed and not sent (reader rejections under
   * `list`), and settled so far (sent, failed, or listed); `readAll` once the file has been read to its
   * end, so `read` is the file's count.
   */
  onProgress?: (progress: { read: number; sent: number; listed: number; settled: number; readAll: boolean }) => void;
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
  /**
   * When the file was handed in (an S3 object's upload time): each claim's version counts from it, so
   * of two files holding one claim the later one's copy wins. @default the time reading starts
   */
  handedInAt?: Date;
  /**
   * The first this many claims of the file went out in an earlier attempt (its IngestStopped's
   * `resumeFrom`): they are read and counted as sent, not sent again.
   */
  alreadySent?: number;
  /** Asked before each send, once this attempt has sent something: true stops it with IngestStopped. */
  stopWhen?: () => boolean;
}

export const INGEST_DEFAULTS = { holdClaims: 5_000, chunkSize: 100, maxListedRejections: 1_000, readerRejections: 'send' } as const;

/**
 * The one way a claims file reaches the intake queue, whoever hands it in (`submit`, `npm start`, the
 * inbox folder, the S3 inbox). Reads a claims file in any supported format and sends every claim to the
 * intake queue (reader rejections as the policy says; see claimMessage), then reports what happened. Only a file-level problem (an unreadable
 * file, a broken X12 envelope) is reported rather than thrown; a failing `send` is reported as
 * `incomplete`. Anything else (the source stream failing) is thrown.
 */
export async function ingestClaimsFile(source: ClaimsSource, options: IngestOptions): Promise<FileReport> {
  const o = { ...INGEST_DEFAULTS, ...options };
  const startedAt = (o.now ?? (() => new Date()))();
  const report = emptyReport(o.file, startedAt);
  const handedInAt = o.handedInAt ?? startedAt;
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
  let read = 0;
  let readAll = false;
  let listed = 0;
  const alreadySent = o.alreadySent ?? 0;
  // Every claim before it went out, in this attempt or an earlier one: where a later attempt may resume.
  // Chunks go out in file order, one at a time, so it follows the last chunk until a claim fails.
  let resumeFrom = alreadySent;
  let failedYet = false;
  let sentThisAttempt = 0;
  const repeated = new RepeatedClaimIds();
  const send = async (chunk: typeof held) => {
    if (sentThisAttempt > 0 && o.stopWhen?.()) throw new IngestStopped(resumeFrom);
    const outcome = await o.send(chunk.map((c) => c.message));
    sentThisAttempt += chunk.length;
    report.sent += chunk.length - outcome.failures.length;
    for (const failure of outcome.failures) {
      const item = chunk[failure.index]?.item;
      const mayHaveArrived = failure.error instanceof DeliveryUnknownError;
      report.notSent.push({ index: item?.index ?? -1, claimId: item?.claimId ?? null, error: failure.error.message, ...(mayHaveArrived ? { mayHaveArrived } : {}) });
    }
    if (!failedYet) {
      const firstFailed = outcome.failures.length === 0 ? undefined : Math.min(...outcome.failures.map((f) => chunk[f.index]?.item.index ?? 0));
      failedYet = firstFailed !== undefined;
      resumeFrom = firstFailed ?? (chunk.at(-1)?.item.index ?? resumeFrom - 1) + 1;
    }
    const sent = chunk.flatMap((c, i) => {
      const messageId = outcome.messageIds[i];
      return messageId === undefined ? [] : [{ ...c, messageId }];
    });
    if (sent.length > 0) o.onSent?.(sent);
    o.onProgress?.({ read, sent: report.sent, listed, settled: report.sent + report.notSent.length + listed, readAll });
  };

  try {
    for await (const item of file.items) {
      read++;
      noteRejection(report, item, o.maxListedRejections);
      repeated.add(item.claimId, item.index);
      if (item.kind === 'rejected' && o.readerRejections === 'list') {
        listed++;
        continue;
      }
      if (item.index < alreadySent) {
        report.sent++;
        continue;
      }
      held.push({ item, message: claimMessage(item, o.file, claimVersion(handedInAt, item.index)) });
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
  readAll = true;
  while (held.length > 0) await send(held.splice(0, o.chunkSize));
  copyCounts(report, file);
  report.notes = [...report.notes, ...repeated.notes()];
  if (report.notSent.length > 0) report.status = 'incomplete';
  return finish(report);
}

/** The report of a file that was not read at all, and why (it is too large, say): `unreadable`, nothing sent. */
export function notReadReport(file: string, why: string, now: Date = new Date()): FileReport {
  return finish(emptyReport(file, now), { message: why, claimsBefore: 0 });
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
