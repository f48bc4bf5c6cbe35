import type { FileIntakeObserver, FileIntakePorts, MarkerClaim, ObjectRef } from '../../shared/application/ingest-object.ts';
import type { FileReport } from '../../shared/intake/file-report.ts';
import { inMemoryClaimOutbox } from './in-memory-outbox.ts';

const versionOf = (ref: ObjectRef) => `${ref.bucket}/${ref.key}#${ref.versionId ?? ref.eTag ?? ''}`;

/** The file intake's ports in memory: objects by key, markers by file version, reports by key, the intake queue as an array. */
export class InMemoryFilePorts {
  readonly files = new Map<string, string>();
  readonly reports = new Map<string, FileReport>();
  /** `resumeFrom`: how many claims an earlier attempt that stopped short sent (the position it kept). */
  readonly markerRows = new Map<string, { state: 'held'; token: string | undefined; leaseUntil: number; resumeFrom: number } | { state: 'done'; finishedAt: string }>();
  readonly outbox: ReturnType<typeof inMemoryClaimOutbox>;
  private tokens = 0;
  now = 0;

  constructor(refuse: Parameters<typeof inMemoryClaimOutbox>[0] = () => false) {
    this.outbox = inMemoryClaimOutbox(refuse);
  }

  readonly objects = {
    open: async (ref: ObjectRef) => {
      const text = this.files.get(ref.key);
      return text === undefined ? undefined : oneChunk(Buffer.from(text));
    },
    putReport: async (_ref: ObjectRef, reportKey: string, report: FileReport) => void this.reports.set(reportKey, report),
  };

  readonly markerStore = {
    acquire: async (ref: ObjectRef, leaseMs: number): Promise<MarkerClaim> => {
      const marker = this.markerRows.get(versionOf(ref));
      if (marker?.state === 'done') return { state: 'done', finishedAt: marker.finishedAt };
      if (marker?.state === 'held' && marker.leaseUntil > this.now) return { state: 'busy', leaseUntil: marker.leaseUntil };
      const token = `t-${++this.tokens}`;
      const resumeFrom = marker?.resumeFrom ?? 0;
      this.markerRows.set(versionOf(ref), { state: 'held', token, leaseUntil: this.now + leaseMs, resumeFrom });
      return { state: 'acquired', token, resumeFrom };
    },
    complete: async (ref: ObjectRef, token: string) => {
      const marker = this.markerRows.get(versionOf(ref));
      if (marker?.state !== 'held' || marker.token !== token) return false;
      this.markerRows.set(versionOf(ref), { state: 'done', finishedAt: new Date(this.now).toISOString() });
      return true;
    },
    release: async (ref: ObjectRef, token: string, resumeFrom = 0) => {
      const marker = this.markerRows.get(versionOf(ref));
      if (marker?.state !== 'held' || marker.token !== token) return false;
      if (resumeFrom > 0) this.markerRows.set(versionOf(ref), { state: 'held', token: undefined, leaseUntil: 0, resumeFrom });
      else this.markerRows.delete(versionOf(ref));
      return true;
    },
  };

  /** The ports as the service takes them. */
  ports(): FileIntakePorts {
    return { markers: this.markerStore, objects: this.objects, send: this.outbox.send };
  }
}

/** Records what the service reported, as event names. */
export function recordingFileObserver(): { events: string[]; observer: FileIntakeObserver } {
  const events: string[] = [];
  return {
    events,
    observer: {
      skippedReport: (ref) => events.push(`skipped ${ref.key}`),
      duplicate: (ref) => events.push(`duplicate ${ref.key}`),
      gone: (ref) => events.push(`gone ${ref.key}`),
      processed: (report) => events.push(`processed ${report.file} ${report.status}`),
      lateCompletion: (ref) => events.push(`late ${ref.key}`),
      checkpointed: (ref, resumeFrom, why) => events.push(`checkpointed ${ref.key} at ${resumeFrom} (${why})`),
    },
  };
}

async function* oneChunk(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}
