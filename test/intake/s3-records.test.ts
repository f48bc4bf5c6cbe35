import { describe, expect, it } from 'vitest';
import { objectRefsOf } from '../../functions/intake-files/s3-records.ts';

const record = (key: string, eventTime?: string) => ({
  eventName: 'ObjectCreated:Put',
  ...(eventTime === undefined ? {} : { eventTime }),
  s3: { bucket: { name: 'inbox' }, object: { key, size: 12, eTag: 'e1', versionId: 'v1' } },
});

describe('S3 event records as object references', () => {
  it('take the upload time from the event, so every attempt at one upload stamps the same claim versions', () => {
    const [ref] = objectRefsOf({ Records: [record('incoming/june+batch.837', '2026-11-30T08:15:00.123Z')] } as never);
    expect(ref).toEqual({ bucket: 'inbox', key: 'incoming/june batch.837', versionId: 'v1', eTag: 'e1', size: 12, uploadedAt: new Date('2026-11-30T08:15:00.123Z') });
  });

  it('leave the upload time out when the event has none, or one that is not a time', () => {
    const refs = objectRefsOf({ Records: [record('incoming/a.837'), record('incoming/b.837', 'yesterday')] } as never);
    expect(refs.map((r) => 'uploadedAt' in r)).toEqual([false, false]);
  });
});
