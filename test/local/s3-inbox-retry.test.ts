import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBucket, S3InboxPoller } from '../../local/s3-inbox.ts';
import { startSqsSns, type SqsSnsEmulator } from '../../local/emulators.ts';
import { REPORT_METADATA } from '../../shared/aws/inbox-objects.ts';
import { createS3Client } from '../../shared/aws/s3-client.ts';
import { putJson } from '../../shared/aws/s3-objects.ts';
import { reportKeyFor } from '../../shared/intake/inbox-layout.ts';
import type { IntakeFilesHandler } from '../../functions/intake-files/create-handler.ts';

const BUCKET = 'claims-inbox';
let emulator: SqsSnsEmulator;
let s3: ReturnType<typeof createS3Client>;

beforeAll(async () => {
  emulator = await startSqsSns({ port: 0, host: '127.0.0.1', region: 'us-east-1' });
  s3 = createS3Client({ region: 'us-east-1', endpoints: { s3: emulator.url } }, {});
  await ensureBucket(s3, BUCKET);
});
afterAll(async () => {
  s3?.destroy();
  await emulator?.stop();
});

describe('the local S3 inbox retries a file the function failed on, as Lambda retries the event', () => {
  it('a file whose first attempt wrote an incomplete report and failed is tried again', async () => {
    const key = 'incoming/partly-sent.837';
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'ISA*...' }));
    let calls = 0;
    // As intake-files does when a send fails partway: the report (incomplete, tagged with the file's ETag) is written, then the invocation fails.
    const handler = (async (event) => {
      calls++;
      const object = event.Records[0]?.s3.object;
      await putJson(s3, BUCKET, reportKeyFor(key), { status: calls === 1 ? 'incomplete' : 'processed' }, { [REPORT_METADATA.eTag]: object?.eTag ?? '' });
      if (calls === 1) throw new Error('2 claims were not sent');
    }) as IntakeFilesHandler;
    const poller = new S3InboxPoller({ s3, bucket: BUCKET, region: 'us-east-1', handler, attempts: 3 });
    expect(await poller.poll()).toEqual([{ key, error: '2 claims were not sent', willRetry: true }]);
    expect(await poller.poll()).toEqual([{ key, report: { status: 'processed' } }]);
    expect(calls).toBe(2);
    expect(await poller.poll()).toEqual([]);
  });
});
