import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FileBusyError, FileCheckpointedError, ingestObject, type FileIntakePorts, type ObjectRef } from '../../shared/application/ingest-object.ts';
import { InMemoryFilePorts, recordingFileObserver } from '../support/in-memory-file-ports.ts';

const X12 = readFileSync('test/fixtures/x12/x12_home_infusion_claims.txt', 'latin1');
const ref = (key: string, versionId = 'v1'): ObjectRef => ({ bucket: 'inbox', key, versionId, eTag: 'e1', size: 10 });
const options = { remainingMs: () => 60_000 };

/** An NDJSON file of `count` claims, CK-0001 on. */
const ndjson = (count: number) => Array.from({ length: count }, (_, i) => JSON.stringify({ claimId: claimIdAt(i) })).join('\n');
const claimIdAt = (index: number) => `CK-${String(index + 1).padStart(4, '0')}`;

/** The ports with a fake clock: each send costs `msPerSend` of the invocation's remaining time. */
function timedPorts(files: InMemoryFilePorts, clock: { remainingMs: number }, msPerSend: number): FileIntakePorts {
  const ports = files.ports();
  return {
    ...ports,
    send: (messages) => {
      clock.remainingMs -= msPerSend;
      return ports.send(messages);
    },
  };
}

/** How often each claim id went to the intake queue. */
function sendCounts(files: InMemoryFilePorts): Map<string, number> {
  const counts = new Map<string, number>();
  for (const message of files.outbox.sent.flat()) counts.set(message.claimId ?? '', (counts.get(message.claimId ?? '') ?? 0) + 1);
  return counts;
}

describe('the file intake service (in-memory ports)', () => {
  it('sends every claim of a file, writes its report under reports/ and marks the version done', async () => {
    const files = new InMemoryFilePorts();
    files.files.set('incoming/june.837', X12);
    const { events, observer } = recordingFileObserver();
    const outcome = await ingestObject(ref('incoming/june.837'), files.ports(), observer, options);
    expect(outcome).toMatchObject({ kind: 'processed', reportKey: 'reports/incoming/june.837.report.json' });
    expect(files.outbox.sent.flat()).toHaveLength(5);
    expect(files.reports.get('reports/incoming/june.837.report.json')).toMatchObject({ status: 'processed', claimsRead: 5, sent: 5, source: { bucket: 'inbox', key: 'incoming/june.837', versionId: 'v1' } });
    expect([...files.markerRows.values()].map((m) => m.state)).toEqual(['done']);
    expect(events).toEqual(['processed incoming/june.837 processed']);
  });

  it('stamps each claim\'s version from the upload time and its place in the file, the same on every attempt', async () => {
    const files = new InMemoryFilePorts();
    files.files.set('incoming/v.ndjson', ndjson(3));
    const uploadedAt = new Date('2026-11-30T08:15:00.000Z');
    await ingestObject({ ...ref('incoming/v.ndjson'), uploadedAt }, files.ports(), recordingFileObserver().observer, options);
    expect(files.outbox.sent.flat().map((m) => m.attributes?.claimVersion)).toEqual([
      '2026-11-30T08:15:00.000Z#000000000',
      '2026-11-30T08:15:00.000Z#000000001',
      '2026-11-30T08:15:00.000Z#000000002',
    ]);
  });

  it('a second delivery of the same event sends nothing; a new version of the file is read again', async () => {
    const files = new InMemoryFilePorts();
    files.files.set('incoming/a.837', X12);
    const { events, observer } = recordingFileObserver();
    await ingestObject(ref('incoming/a.837'), files.ports(), observer, options);
    expect(await ingestObject(ref('incoming/a.837'), files.ports(), observer, options)).toEqual({ kind: 'duplicate' });
    expect(files.outbox.sent.flat()).toHaveLength(5);
    await ingestObject(ref('incoming/a.837', 'v2'), files.ports(), observer, options);
    expect(files.outbox.sent.flat()).toHaveLength(10);
    expect(events).toEqual(['processed incoming/a.837 processed', 'duplicate incoming/a.837', 'processed incoming/a.837 processed']);
  });

  it('a file another invocation holds is busy (retried later), and is free again once that lease ends', async () => {
    const files = new InMemoryFilePorts();
    files.files.set('incoming/b.837', X12);
    await files.markerStore.acquire(ref('incoming/b.837'), 10_000);
    await expect(ingestObject(ref('incoming/b.837'), files.ports(), recordingFileObserver().observer, options)).rejects.toBeInstanceOf(FileBusyError);
    expect(files.outbox.sent).toEqual([]);
    files.now = 20_000;
    expect(await ingestObject(ref('incoming/b.837'), files.ports(), recordingFileObserver().observer, options)).toMatchObject({ kind: 'processed' });
  });

  it('claims the queue refused: the report says incomplete, the call throws so the event is retried, and the file is given back', async () => {
    const files = new InMemoryFilePorts((m) => m.claimId === 'HI-X12-0002');
    files.files.set('incoming/c.837', X12);
    await expect(ingestObject(ref('incoming/c.837'), files.ports(), recordingFileObserver().observer, options)).rejects.toThrow(/^1 of 5 claims of file-[0-9a-f]+ could not be sent$/);
    expect(files.reports.get('reports/incoming/c.837.report.json')).toMatchObject({ status: 'incomplete', sent: 4 });
    // Given back (its lease ended) with the position of the first claim not sent, for the retry.
    expect([...files.markerRows.values()]).toEqual([{ state: 'held', token: undefined, leaseUntil: 0, resumeFrom: 1 }]);
  });

  it('a version deleted before it was read: nothing sent, the marker released; a report object is never read as claims', async () => {
    const files = new InMemoryFilePorts();
    const { events, observer } = recordingFileObserver();
    expect(await ingestObject(ref('incoming/gone.837'), files.ports(), observer, options)).toEqual({ kind: 'gone' });
    expect(files.markerRows.size).toBe(0);
    expect(await ingestObject(ref('reports/x.837.report.json'), files.ports(), observer, options)).toEqual({ kind: 'skipped' });
    expect(events).toEqual(['gone incoming/gone.837', 'skipped reports/x.837.report.json']);
  });

  it('an unreadable file gets a report saying why, and is marked done (retrying cannot fix it)', async () => {
    const files = new InMemoryFilePorts();
    files.files.set('incoming/empty.json', '   ');
    expect(await ingestObject(ref('incoming/empty.json'), files.ports(), recordingFileObserver().observer, options)).toMatchObject({ kind: 'processed', report: { status: 'unreadable' } });
    expect([...files.markerRows.values()].map((m) => m.state)).toEqual(['done']);
  });

  it('a file the deadline cuts short keeps its position; the next invocation finishes it, every claim sent, none skipped', async () => {
    const files = new InMemoryFilePorts();
    files.files.set('incoming/big.ndjson', ndjson(650));
    const { events, observer } = recordingFileObserver();
    // 100 claims a send, 10 s of the invocation's time each; at less than 30 s left it stops.
    const first = { remainingMs: 60_000 };
    await expect(ingestObject(ref('incoming/big.ndjson'), timedPorts(files, first, 10_000), observer, { remainingMs: () => first.remainingMs })).rejects.toThrow(FileCheckpointedError);
    expect(sendCounts(files).size).toBe(400);
    expect(files.reports.size).toBe(0);
    expect([...files.markerRows.values()]).toEqual([{ state: 'held', token: undefined, leaseUntil: 0, resumeFrom: 400 }]);

    const second = { remainingMs: 60_000 };
    const outcome = await ingestObject(ref('incoming/big.ndjson'), timedPorts(files, second, 10_000), observer, { remainingMs: () => second.remainingMs });
    expect(outcome).toMatchObject({ kind: 'processed', report: { status: 'processed', claimsRead: 650, sent: 650, notSent: [] } });
    const counts = sendCounts(files);
    expect([...counts.keys()].sort()).toEqual(Array.from({ length: 650 }, (_, i) => claimIdAt(i)));
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect([...files.markerRows.values()].map((m) => m.state)).toEqual(['done']);
    expect(events).toEqual(['checkpointed incoming/big.ndjson at 400 (time)', 'processed incoming/big.ndjson processed']);
  });

  it('an invocation always sends something before it checkpoints, so even a short one makes progress', async () => {
    const files = new InMemoryFilePorts();
    files.files.set('incoming/slow.ndjson', ndjson(250));
    const invocations: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const clock = { remainingMs: 10_000 };
      try {
        await ingestObject(ref('incoming/slow.ndjson'), timedPorts(files, clock, 10_000), recordingFileObserver().observer, { remainingMs: () => clock.remainingMs });
        break;
      } catch (error) {
        expect(error).toBeInstanceOf(FileCheckpointedError);
        invocations.push(sendCounts(files).size);
      }
    }
    expect(invocations).toEqual([100, 200]);
    expect(sendCounts(files).size).toBe(250);
    expect(files.reports.get('reports/incoming/slow.ndjson.report.json')).toMatchObject({ status: 'processed', claimsRead: 250, sent: 250 });
  });

  it('claims the queue refused: the retry resumes at the first of them, resending none before it', async () => {
    let refuse = true;
    const files = new InMemoryFilePorts((m) => refuse && m.claimId === claimIdAt(230));
    files.files.set('incoming/d.ndjson', ndjson(300));
    await expect(ingestObject(ref('incoming/d.ndjson'), files.ports(), recordingFileObserver().observer, options)).rejects.toThrow('1 of 300 claims');
    expect([...files.markerRows.values()]).toEqual([{ state: 'held', token: undefined, leaseUntil: 0, resumeFrom: 230 }]);
    refuse = false;
    await ingestObject(ref('incoming/d.ndjson'), files.ports(), recordingFileObserver().observer, options);
    const counts = sendCounts(files);
    expect(counts.size).toBe(300);
    // Sent twice: only the refused claim and those after it in the file.
    expect([...counts].filter(([, n]) => n > 1).map(([id]) => id)).toEqual(Array.from({ length: 70 }, (_, i) => claimIdAt(230 + i)));
    expect(files.reports.get('reports/incoming/d.ndjson.report.json')).toMatchObject({ status: 'processed', claimsRead: 300, sent: 300 });
  });

  it('a queue that stopped answering: sending stops at once and the position is kept for the retry', async () => {
    const files = new InMemoryFilePorts();
    files.files.set('incoming/e.ndjson', ndjson(500));
    const { events, observer } = recordingFileObserver();
    let down: Error | undefined;
    const ports = files.ports();
    const send: FileIntakePorts['send'] = async (messages) => {
      const outcome = await ports.send(messages);
      down = new Error('connect ECONNREFUSED');
      return outcome;
    };
    await expect(ingestObject(ref('incoming/e.ndjson'), { ...ports, send }, observer, { ...options, queueDown: () => down })).rejects.toThrow(/stopped answering/);
    expect(files.outbox.sent).toHaveLength(1);
    expect(events).toEqual(['checkpointed incoming/e.ndjson at 100 (queue-down)']);
    await ingestObject(ref('incoming/e.ndjson'), files.ports(), observer, options);
    expect(sendCounts(files).size).toBe(500);
    expect([...sendCounts(files).values()].every((n) => n === 1)).toBe(true);
  });

  it('a file over the size limit is not read: its report says it is too large, the limit, and to split it', async () => {
    const files = new InMemoryFilePorts();
    let opened = false;
    const ports = files.ports();
    const objects = { ...ports.objects, open: async (r: ObjectRef) => ((opened = true), ports.objects.open(r)) };
    files.files.set('incoming/huge.837', X12);
    const huge = { ...ref('incoming/huge.837'), size: 300 * 1_048_576 };
    const outcome = await ingestObject(huge, { ...ports, objects }, recordingFileObserver().observer, { ...options, maxFileBytes: 200 * 1_048_576 });
    expect(opened).toBe(false);
    expect(files.outbox.sent).toEqual([]);
    expect(outcome).toMatchObject({ kind: 'processed', report: { status: 'unreadable', claimsRead: 0, sent: 0 } });
    expect(files.reports.get('reports/incoming/huge.837.report.json')?.error).toEqual({
      message: 'the file is too large to read: 300 MiB, over the intake\'s limit of 200 MiB. Split it into smaller files and upload those',
      claimsBefore: 0,
    });
    // Retrying cannot make it smaller: a redelivered event sends nothing.
    expect([...files.markerRows.values()].map((m) => m.state)).toEqual(['done']);
    // At the limit it is read.
    expect(await ingestObject({ ...huge, key: 'incoming/huge.837', versionId: 'v2', size: 200 * 1_048_576 }, { ...ports, objects }, recordingFileObserver().observer, { ...options, maxFileBytes: 200 * 1_048_576 })).toMatchObject({ kind: 'processed', report: { status: 'processed' } });
  });
});
