import type { FileReport } from '../intake/file-report.ts';
import { isReportKey, reportKeyFor } from '../intake/inbox-layout.ts';
import { ingestClaimsFile } from './ingest-file.ts';
import type { ClaimOutbox } from './ports.ts';

/** One version of one object, as an S3 event names it. */
export interface ObjectRef {
  bucket: string;
  key: string;
  versionId?: string;
  /** Without quotes, as S3 events give it. */
  eTag?: string;
  size?: number;
}

export type MarkerClaim =
  | { state: 'acquired'; token: string }
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
  release(ref: ObjectRef, token: string): Promise<boolean>;
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
}

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

export interface IngestObjectOptions {
  /** Milliseconds the invocation has left; the lease and the send retries fit within it. */
  remainingMs: () => number;
  /** Claims held before the first send (see ingestClaimsFile). */
  holdClaims?: number;
}

// An invocation works at most until its timeout; the lease outlasts that by a little.
const LEASE_MARGIN_MS = 5_000;

/**
 * One object of an inbox event: take the file version's marker, stream the object through the ingest
 * service to the intake queue, write the report beside it (under reports/), mark the version done.
 * Throws when the file must be tried again: claims that could not be sent, a store failing, another
 * invocation holding the file.
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
  if (claim.state === 'busy') throw new FileBusyError(`another invocation is processing ${ref.key} until ${new Date(claim.leaseUntil).toISOString()}`);

  try {
    const body = await objects.open(ref);
    if (!body) {
      await markers.release(ref, claim.token);
      observer.gone(ref);
      return { kind: 'gone' };
    }
    const read = await ingestClaimsFile(body, {
      file: ref.key,
      ...(options.holdClaims === undefined ? {} : { holdClaims: options.holdClaims }),
      send: ports.send,
    });
    const { reportVersion, file: name, ...rest } = read;
    const { bucket, key, versionId, eTag, size } = ref;
    const source = { bucket, key, versionId, eTag, ...(size === undefined ? {} : { size }) };
    const report: FileReport = { reportVersion, file: name, source, ...rest };
    const reportKey = reportKeyFor(ref.key);
    await objects.putReport(ref, reportKey, report);
    observer.processed(report, reportKey);
    if (report.status === 'incomplete') throw new Error(`${report.notSent.length} of ${report.claimsRead} claims of ${ref.key} could not be sent`);
    const marked = await markers.complete(ref, claim.token, { status: report.status, claimsRead: report.claimsRead, sent: report.sent, reportKey });
    // Only after this invocation outlived its own lease: another may be sending the file too, which the scrubber's idempotency absorbs.
    if (!marked) observer.lateCompletion(ref);
    return { kind: 'processed', report, reportKey };
  } catch (error) {
    // Give the file back so the retry does not wait for the lease to run out.
    await markers.release(ref, claim.token).catch(() => false);
    throw error;
  }
}
