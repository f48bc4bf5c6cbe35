import { createHash } from 'node:crypto';
import type { FileReport } from '../intake/file-report.ts';
import { isReportKey, reportKeyFor } from '../intake/inbox-layout.ts';
import { ingestClaimsFile, IngestStopped, notReadReport } from './ingest-file.ts';
import type { ClaimOutbox } from './ports.ts';

/** One version of one object, as an S3 event names it. */
export interface ObjectRef {
  bucket: string;
  key: string;
  versionId?: string;
  /** Without quotes, as S3 events give it. */
  eTag?: string;
  size?: number;
  /** When the object was uploaded (the S3 event's time): its claims' versions count from it. */
  uploadedAt?: Date;
}

/**
 * SHA-256 of an object version: bucket, key, and version id (or ETag). It names the version's marker
 * row, and its first digits are the file's reference in logs.
 */
export function fileVersionHash(ref: Pick<ObjectRef, 'bucket' | 'key' | 'versionId' | 'eTag'>): string {
  const version = ref.versionId ? `v:${ref.versionId}` : `e:${ref.eTag ?? ''}`;
  return createHash('sha256').update(`${ref.bucket}\n${ref.key}\n${version}`).digest('hex');
}

/**
 * A claims file's name in logs: a file name may name a patient, so logs carry this instead. The hash
 * takes in the S3 version id, which is random, so a guessed name cannot be checked against it; the
 * file's report (`source.reference`) carries it too, to go from a log line to its file.
 */
export function fileReferenceOf(ref: Pick<ObjectRef, 'bucket' | 'key' | 'versionId' | 'eTag'>): string {
  return `file-${fileVersionHash(ref).slice(0, 20)}`;
}

export type MarkerClaim =
  /** `resumeFrom`: the claims before it went out in an earlier attempt that stopped short (0: none). */
  | { state: 'acquired'; token: string; resumeFrom: number }
  /** The file version was processed already: a redelivered event. */
  | { state: 'done'; finishedAt: string }
  /** Another invocation holds the file until `leaseUntil` (epoch ms). */
  | { state: 'busy'; leaseUntil: number };

export interface MarkerOutcome {
  status: string;
  claimsRead: number;
  sent: number;
  reportKey: string;
}

/** The file markers: one per file version, so an event delivered twice does not send the file's claims twice. */
export interface FileMarkerStore {
  acquire(ref: ObjectRef, leaseMs: number): Promise<MarkerClaim>;
  /** False when the lease ran out and another delivery may hold the file now. */
  complete(ref: ObjectRef, token: string, outcome: MarkerOutcome): Promise<boolean>;
  /**
   * Gives the file back for the next attempt. With `resumeFrom` > 0 the marker keeps it (every claim
   * before it went out), so the next attempt resumes there instead of sending those claims again.
   */
  release(ref: ObjectRef, token: string, resumeFrom?: number): Promise<boolean>;
}

/** The inbox bucket. */
export interface InboxObjects {
  /** The body of exactly this version; undefined when that version is gone. */
  open(ref: ObjectRef): Promise<AsyncIterable<Uint8Array> | undefined>;
  /** Writes the report beside the file, tagged with the version it reports on. */
  putReport(ref: ObjectRef, reportKey: string, report: FileReport): Promise<void>;
}

export interface FileIntakePorts {
  markers: FileMarkerStore;
  objects: InboxObjects;
  send: ClaimOutbox;
}

/** What the service reports as it goes; the intake-files function turns it into logs and metrics. */
export interface FileIntakeObserver {
  skippedReport(ref: ObjectRef): void;
  duplicate(ref: ObjectRef, finishedAt: string): void;
  gone(ref: ObjectRef): void;
  processed(report: FileReport, reportKey: string): void;
  /** The file was processed after its lease ran out: another delivery may process it as well. */
  lateCompletion(ref: ObjectRef): void;
  /**
   * Sending stopped short (the invocation's time running out, or the queue not answering) and the
   * position was kept: the retried invocation resumes at claim `resumeFrom` (0-based).
   */
  checkpointed(ref: ObjectRef, resumeFrom: number, why: CheckpointReason): void;
}

export type CheckpointReason = 'time' | 'queue-down';

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
  override readonly name = 'FileBusyError';
}

/** The file was not finished in this invocation, and its position was kept: the retry continues from there. */
export class FileCheckpointedError extends Error {
  override readonly name = 'FileCheckpointedError';
}

export interface IngestObjectOptions {
  /** Milliseconds the invocation has left; the lease and the send retries fit within it. */
  remainingMs: () => number;
  /**
   * Before each send: with less than this left, stop and keep the position rather than risk the
   * invocation's timeout cutting the file off untracked (default 30 s).
   */
  checkpointMarginMs?: number;
  /** Why the outbox stopped trying, once the queue stopped answering: sending stops, and the position is kept. */
  queueDown?: () => Error | undefined;
  /** A file larger than this (as the event gives its size) is not read; its report says why. */
  maxFileBytes?: number;
  /** Claims held before the first send (see ingestClaimsFile). */
  holdClaims?: number;
}

// An invocation works at most until its timeout; the lease outlasts that by a little.
const LEASE_MARGIN_MS = 5_000;
const DEFAULT_CHECKPOINT_MARGIN_MS = 30_000;
const MIB = 1_048_576;

/**
 * One object of an inbox event: take the file version's marker, stream the object through the ingest
 * service to the intake queue, write the report beside it (under reports/), mark the version done.
 * Throws when the file must be tried again: claims that could not be sent, a store failing, another
 * invocation holding the file, or the invocation's time running out (FileCheckpointedError). Each time
 * the marker keeps how far the file got, so the retry resumes there: a claim may be sent twice (the
 * scrubber routes it once), never skipped.
 */
export async function ingestObject(ref: ObjectRef, ports: FileIntakePorts, observer: FileIntakeObserver, options: IngestObjectOptions): Promise<ObjectOutcome> {
  const { markers, objects } = ports;
  if (isReportKey(ref.key)) {
    observer.skippedReport(ref);
    return { kind: 'skipped' };
  }
  const claim = await markers.acquire(ref, options.remainingMs() + LEASE_MARGIN_MS);
  if (claim.state === 'done') {
    observer.duplicate(ref, claim.finishedAt);
    return { kind: 'duplicate' };
  }
  // The message names the file by reference: it is logged, and a file name may name a patient.
  if (claim.state === 'busy') throw new FileBusyError(`another invocation is processing ${fileReferenceOf(ref)} until ${new Date(claim.leaseUntil).toISOString()}`);

  // Every claim before it went out, in this attempt or an earlier one.
  let resumeFrom = claim.resumeFrom;
  try {
    const tooLarge = options.maxFileBytes !== undefined && ref.size !== undefined && ref.size > options.maxFileBytes;
    const body = tooLarge ? undefined : await objects.open(ref);
    if (!tooLarge && !body) {
      await markers.release(ref, claim.token);
      observer.gone(ref);
      return { kind: 'gone' };
    }
    const margin = options.checkpointMarginMs ?? DEFAULT_CHECKPOINT_MARGIN_MS;
    const read = body
      ? await ingestClaimsFile(body, {
          file: ref.key,
          ...(options.holdClaims === undefined ? {} : { holdClaims: options.holdClaims }),
          send: ports.send,
          alreadySent: claim.resumeFrom,
          // Every attempt at one upload stamps the same versions, and a later upload's claims win.
          ...(ref.uploadedAt ? { handedInAt: ref.uploadedAt } : {}),
          stopWhen: () => options.remainingMs() < margin || options.queueDown?.() !== undefined,
        })
      : notReadReport(ref.key, tooLargeReason(ref.size ?? 0, options.maxFileBytes ?? 0));
    const { reportVersion, file: name, ...rest } = read;
    const { bucket, key, versionId, eTag, size } = ref;
    const source = { bucket, key, versionId, eTag, ...(size === undefined ? {} : { size }), reference: fileReferenceOf(ref) };
    const report: FileReport = { reportVersion, file: name, source, ...rest };
    const reportKey = reportKeyFor(ref.key);
    // Chunks go out in file order: every claim before the first that failed went out.
    if (report.status === 'incomplete') resumeFrom = Math.min(...report.notSent.map((n) => n.index).filter((i) => i >= resumeFrom), report.claimsRead);
    await objects.putReport(ref, reportKey, report);
    observer.processed(report, reportKey);
    if (report.status === 'incomplete') throw new Error(`${report.notSent.length} of ${report.claimsRead} claims of ${fileReferenceOf(ref)} could not be sent`);
    const marked = await markers.complete(ref, claim.token, { status: report.status, claimsRead: report.claimsRead, sent: report.sent, reportKey });
    // Only after this invocation outlived its own lease: another may be sending the file too, which the scrubber's idempotency absorbs.
    if (!marked) observer.lateCompletion(ref);
    return { kind: 'processed', report, reportKey };
  } catch (error) {
    if (error instanceof IngestStopped) resumeFrom = error.resumeFrom;
    // Give the file back, with how far it got, so the retry neither waits for the lease nor sends those claims again.
    const kept = await markers.release(ref, claim.token, resumeFrom).catch(() => false);
    if (!(error instanceof IngestStopped)) throw error;
    const why: CheckpointReason = options.queueDown?.() ? 'queue-down' : 'time';
    if (kept) observer.checkpointed(ref, resumeFrom, why);
    // Named by reference, as every message that may be logged: a file name may name a patient.
    const file = fileReferenceOf(ref);
    throw new FileCheckpointedError(
      why === 'time'
        ? `${file} was not finished before the function's timeout: claims from #${resumeFrom + 1} on are sent by the retry`
        : `the intake queue stopped answering while ${file} was sent: claims from #${resumeFrom + 1} on are sent by the retry`,
    );
  }
}

/** Why a file is not read: its size, the limit, and what to do. */
function tooLargeReason(bytes: number, limit: number): string {
  const size = (n: number) => (n >= MIB ? `${(n / MIB).toFixed(n < 10 * MIB ? 1 : 0)} MiB` : `${(n / 1024).toFixed(1)} KiB`);
  return `the file is too large to read: ${size(bytes)}, over the intake's limit of ${size(limit)}. Split it into smaller files and upload those`;
}
