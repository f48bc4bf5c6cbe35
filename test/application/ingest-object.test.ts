import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FileBusyError, ingestObject, type ObjectRef } from '../../shared/application/ingest-object.ts';
import { InMemoryFilePorts, recordingFileObserver } from '../support/in-memory-file-ports.ts';

const X12 = readFileSync('test/fixtures/x12/x12_home_infusion_claims.txt', 'latin1');
const ref = (key: string, versionId = 'v1'): ObjectRef => ({ bucket: 'inbox', key, versionId, eTag: 'e1', size: 10 });
const options = { remainingMs: () => 60_000 };

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
    await expect(ingestObject(ref('incoming/c.837'), files.ports(), recordingFileObserver().observer, options)).rejects.toThrow('1 of 5 claims of incoming/c.837 could not be sent');
    expect(files.reports.get('reports/incoming/c.837.report.json')).toMatchObject({ status: 'incomplete', sent: 4 });
    expect(files.markerRows.size).toBe(0);
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
});
