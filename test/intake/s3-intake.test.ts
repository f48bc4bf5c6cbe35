import { readFileSync } from 'node:fs';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { RequestCounter } from '../../local/request-counter.ts';
import { createS3Client } from '../../shared/aws/s3-client.ts';
import { unquote } from '../../shared/aws/s3-objects.ts';
import type { FileReport } from '../../shared/intake/file-report.ts';
import { reportKeyFor } from '../../shared/intake/inbox-layout.ts';
import { lambdaContext } from '../../local/lambda-context.ts';
import { localIntakeFiles, type LocalIntakeFiles } from '../../local/intake-files.ts';
import { ensureBucket, objectCreatedEvent, S3InboxPoller } from '../../local/s3-inbox.ts';
import { startHarness, type Harness, type Outputs } from '../pipeline/support/harness.ts';
import { cleanClaim } from '../pipeline/support/claims.ts';
import { createIntakeFilesHandler } from '../../functions/intake-files/create-handler.ts';
import { intakeFilesDepsFromEnv } from '../../functions/intake-files/dependencies.ts';
import { brokenEnvelopeFile, fhirPath, renamedClaims, x12Path } from './support.ts';

const BUCKET = 'claims-inbox';
let h: Harness;
let s3: S3Client;
let intake: LocalIntakeFiles;
let poller: S3InboxPoller;
/** SendMessageBatch requests the intake-files function made: what it sent to the intake queue. */
const sends = new RequestCounter();

beforeAll(async () => {
  // One scrub environment: batches run one after another, so which copy of a repeated claim is routed is deterministic.
  h = await startHarness({ concurrency: 1 });
  s3 = createS3Client({ region: 'us-east-1', endpoints: { s3: h.stack.sqsSns.url } }, {});
  await ensureBucket(s3, BUCKET);
  intake = localIntakeFiles(h.stack, { logLevel: 'SILENT' });
  sends.attach(intake.deps.sqs);
  poller = new S3InboxPoller({ s3, bucket: BUCKET, region: 'us-east-1', handler: intake.handler });
});
afterAll(async () => {
  intake?.stop();
  s3?.destroy();
  await h?.stop();
});

async function upload(key: string, body: string | Buffer): Promise<string> {
  const { ETag } = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
  return unquote(ETag ?? '');
}

/** Uploads a file, lets the poller hand it to the intake-files function, and waits for the pipeline. */
async function intakeFile(key: string, body: string | Buffer): Promise<{ report: FileReport; out: Outputs }> {
  await upload(key, body);
  const outcomes = await poller.poll();
  expect(outcomes.map((o) => o.key)).toEqual([key]);
  const outcome = outcomes[0];
  if (!outcome || 'error' in outcome) throw new Error(`the intake-files function failed: ${JSON.stringify(outcome)}`);
  await h.drain();
  return { report: outcome.report, out: await h.takeOutputs() };
}

async function storedReport(key: string): Promise<FileReport> {
  const response = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: reportKeyFor(key) }));
  return JSON.parse((await response.Body?.transformToString()) ?? '') as FileReport;
}

const statuses = (out: Outputs) => [...out.review, ...out.clean].map((m) => [m.claimId, m.result.status]).sort();

describe('the S3 inbox: object created → intake-files function → intake queue → scrub → review/clean', () => {
  test('home-infusion 837P: each claim reaches the queue its findings call for; the report sits under reports/', async () => {
    const key = 'incoming/x12_home_infusion_claims.txt';
    const { report, out } = await intakeFile(key, readFileSync(x12Path('x12_home_infusion_claims.txt')));
    expect(out.clean.map((m) => m.claimId).sort()).toEqual(['HI-X12-0001', 'HI-X12-0004']);
    expect(statuses(out)).toEqual([
      ['HI-X12-0001', 'clean'],
      ['HI-X12-0002', 'flagged'],
      ['HI-X12-0003', 'flagged'],
      ['HI-X12-0004', 'clean'],
      ['HI-X12-0005', 'flagged'],
    ]);
    expect(out.alerts.map((a) => a.claimId)).toEqual(['HI-X12-0002']);
    // Each claim event carries where it came from.
    expect(out.clean.find((m) => m.claimId === 'HI-X12-0004')?.claim).toMatchObject({ claimId: 'HI-X12-0004', payer: { type: 'commercial' } });

    expect(report).toMatchObject({ file: key, source: { bucket: BUCKET, key }, status: 'processed', format: 'x12', claimsRead: 5, sent: 5, rejected: [] });
    expect(await storedReport(key)).toEqual(report);
  });

  test('claims the X12 reader rejected reach the review queue as CLAIM-INVALID with their position, as `claim-scrubber scrub` reports them', async () => {
    const { report, out } = await intakeFile('incoming/rejects.837', readFileSync(x12Path('x12_home_infusion_rejects.txt')));
    expect(report).toMatchObject({ claimsRead: 7, sent: 7, rejectedByReader: 4, rejectedByContract: 2 });
    expect(statuses(out)).toEqual(
      [
        ['HI-X12-0101', 'clean'],
        ['HI-X12-0102', 'rejected'],
        ['HI-X12-0103', 'rejected'],
        ['HI X12/0104', 'rejected'],
        ['HI-X12-0105', 'rejected'],
        ['HI-X12-0106', 'rejected'],
        ['HI-X12-0107', 'rejected'],
      ].sort(),
    );
    const rejected = out.review.find((m) => m.claimId === 'HI-X12-0102');
    expect(rejected?.result.findings.map((f) => [f.ruleId, f.message])).toEqual([
      [
        'CLAIM-INVALID',
        'X12 interchange ISA13 000000201, group GS06 201, transaction ST02 0001, claim CLM01 HI-X12-0102 at segment 20 of the transaction (segment 22 of the file): ' +
          'The claim breaks the contract in 1 place: line 1 DTP*472 (segment 22): the service date is required',
      ],
    ]);
    expect(rejected?.attributes).toMatchObject({ claimId: 'HI-X12-0102', status: 'rejected' });
    // The report lists the same claims, with the same reasons.
    expect(report.rejected.find((r) => r.claimId === 'HI-X12-0102')?.errors).toEqual([{ path: 'line 1 DTP*472 (segment 22)', message: 'the service date is required' }]);
  });

  test('FHIR: a Bundle, a single Claim, and bulk NDJSON whose Claim was already routed from the single one', async () => {
    const bundle = await intakeFile('incoming/bundle-claims.json', readFileSync(fhirPath('bundle-claims.json')));
    expect(bundle.report).toMatchObject({ format: 'fhir', claimsRead: 4, sent: 4, rejectedByReader: 2 });
    expect(statuses(bundle.out)).toEqual([
      ['HI-FHIR-0101', 'flagged'],
      ['HI-FHIR-0102', 'flagged'],
      ['HI-FHIR-0103', 'rejected'],
      ['HI-FHIR-0104', 'rejected'],
    ]);
    expect(bundle.out.alerts.map((a) => a.claimId)).toEqual(['HI-FHIR-0101']);

    const single = await intakeFile('incoming/claim-suite-commercial.json', readFileSync(fhirPath('claim-suite-commercial.json')));
    expect(statuses(single.out)).toEqual([['HI-FHIR-0001', 'clean']]);

    const bulk = await intakeFile('incoming/claims-bulk.ndjson', readFileSync(fhirPath('claims-bulk.ndjson')));
    expect(bulk.report).toMatchObject({ format: 'fhir', claimsRead: 2, sent: 2, rejectedByReader: 1 });
    // The same Claim, mapped to the same claim event: the scrubber's idempotency routes it once.
    expect(statuses(bulk.out)).toEqual([[expect.stringMatching(/^message-/), 'rejected']]);
    expect(bulk.out.review[0]?.result.findings[0]?.message).toBe('FHIR NDJSON, line 2: The claim breaks the contract in 1 place: (claim): line 2 is not valid JSON');
  });

  test('the imsweb 837P files: every claim is read and sent, the reader rejects each at its billing NPI (check digit), and each distinct claim reaches review at its latest copy', async () => {
    // [file, claims read, rejected by the reader, distinct claims to review]: the imsweb files repeat the same
    // two claims many times over. A claim already routed with the same content is not routed again; a reader
    // rejection carries its position, so the same claim at another position is new content, and the later
    // copy of a claim id in a file is its newer version: an earlier copy scrubbed after it is not routed.
    const files: Array<[string, number, number, number]> = [
      ['x12_valid.txt', 2, 2, 2],
      ['x12_valid_different_separators.txt', 2, 2, 0],
      ['x12_multiple_isa.txt', 4, 4, 2],
      ['x12_complex.txt', 6, 6, 3],
      ['x12_missing_elements.txt', 2, 2, 2],
      ['x12_segment_errors.txt', 1, 1, 1],
      ['x12_many_claims.txt', 820, 820, 2],
      ['x12_multiple_transactions.txt', 624, 624, 2],
    ];
    for (const [name, read, byReader, distinct] of files) {
      const { report, out } = await intakeFile(`incoming/imsweb/${name}`, readFileSync(x12Path(name)));
      expect([name, report.status, report.claimsRead, report.sent, report.rejectedByReader, report.rejectedByContract]).toEqual([name, 'processed', read, read, byReader, read - byReader]);
      expect([name, out.clean.length]).toEqual([name, 0]);
      // What a consumer keeps: the newest claimVersion of each claim.
      const newest = new Map<string, string>();
      for (const m of out.review) if ((newest.get(m.claimId) ?? '') < m.claimVersion) newest.set(m.claimId, m.claimVersion);
      expect([name, newest.size]).toEqual([name, distinct]);
      const latestIndex = new Map(report.rejected.map((r) => [r.claimId, r.index]));
      for (const [claimId, version] of newest) expect([name, claimId, version.slice(-9)]).toEqual([name, claimId, String(latestIndex.get(claimId)).padStart(9, '0')]);
      for (const message of out.review) {
        expect(message.result.status).toBe('rejected');
        expect(message.result.findings[0]?.message).toMatch(/^X12 interchange ISA13 \d+, group GS06 \d+, transaction ST02 \d+, claim CLM01 \S+ at segment \d+/);
      }
      const contract = report.rejected.filter((r) => r.stage === 'contract');
      expect(contract.every((r) => r.errors.some((e) => e.path === 'billingProvider.npi' && e.message === 'fails the NPI check digit'))).toBe(true);
    }
  }, 60_000);

  test('a redelivered event for the same object version sends nothing and leaves the report as it was', async () => {
    const key = 'incoming/redelivered.837';
    const eTag = await upload(key, renamedClaims('x12_home_infusion_claims.txt', 'RD-'));
    const event = objectCreatedEvent(BUCKET, 'us-east-1', { key, eTag, size: 0 });
    const before = sends.requests('SendMessageBatch');
    await intake.handler(event, lambdaContext('intake-files', 'us-east-1', Date.now() + 60_000));
    expect(sends.requests('SendMessageBatch') - before).toBe(1);
    const first = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: reportKeyFor(key) }));

    await intake.handler(event, lambdaContext('intake-files', 'us-east-1', Date.now() + 60_000));
    expect(sends.requests('SendMessageBatch') - before).toBe(1);
    const second = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: reportKeyFor(key) }));
    expect(second.ETag).toBe(first.ETag);
    expect(second.LastModified).toEqual(first.LastModified);
    // Nor does the poller hand it over again: its report names this ETag.
    expect(await poller.poll()).toEqual([]);
    await h.drain();
    expect(statuses(await h.takeOutputs())).toHaveLength(5);
  });

  test('two deliveries of one event at once: one sends, the other fails and is retried later, and then sends nothing', async () => {
    const key = 'incoming/twice-at-once.837';
    const eTag = await upload(key, renamedClaims('x12_home_infusion_claims.txt', 'TW-'));
    const event = objectCreatedEvent(BUCKET, 'us-east-1', { key, eTag, size: 0 });
    const before = sends.requests('SendMessageBatch');
    const invoke = () => intake.handler(event, lambdaContext('intake-files', 'us-east-1', Date.now() + 60_000));
    const results = await Promise.allSettled([invoke(), invoke()]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(sends.requests('SendMessageBatch') - before).toBe(1);
    await invoke();
    expect(sends.requests('SendMessageBatch') - before).toBe(1);
    await h.drain();
    expect(statuses(await h.takeOutputs()).map(([id]) => id)).toEqual(['TW-0001', 'TW-0002', 'TW-0003', 'TW-0004', 'TW-0005']);
  });

  test('a malformed envelope gets a report with the error, sends nothing, and is not retried', async () => {
    const key = 'incoming/broken-envelope.837';
    const before = sends.requests('SendMessageBatch');
    const { report, out } = await intakeFile(key, brokenEnvelopeFile('BE-'));
    expect(report).toMatchObject({
      status: 'unreadable',
      format: 'x12',
      sent: 0,
      error: { message: 'malformed X12 envelope: segment 206: IEA02 000000999 does not match ISA13 000000102', claimsBefore: 10 },
    });
    expect(sends.requests('SendMessageBatch') - before).toBe(0);
    expect(statuses(out)).toEqual([]);
    expect(await storedReport(key)).toEqual(report);

    const noIsa = await intakeFile('incoming/no-isa.837', readFileSync(x12Path('x12_no_isa_line.txt')));
    expect(noIsa.report).toMatchObject({ status: 'unreadable', format: null, claimsRead: 0, sent: 0, error: { claimsBefore: 0 } });
  });

  test('a file larger than the hold streams: the report says how many claims went out before the envelope broke', async () => {
    const streaming = localIntakeFiles(h.stack, { logLevel: 'SILENT', holdClaims: 4 });
    try {
      const key = 'incoming/broken-streamed.837';
      const eTag = await upload(key, brokenEnvelopeFile('BS-'));
      await streaming.handler(objectCreatedEvent(BUCKET, 'us-east-1', { key, eTag, size: 0 }), lambdaContext('intake-files', 'us-east-1', Date.now() + 60_000));
      const report = await storedReport(key);
      // The 4 held claims went out when the hold filled; the next 6 waited for a chunk of 100 that never filled.
      expect(report).toMatchObject({ status: 'unreadable', sent: 4, error: { claimsBefore: 10 } });
      expect(report.summary).toContain('(10 claims before the error; 4 of them sent)');
      await h.drain();
      expect(statuses(await h.takeOutputs()).map(([id]) => id)).toEqual(['BS-0001', 'BS-0002', 'BS-0003', 'BS-0004']);
    } finally {
      streaming.stop();
    }
  });

  test('reports never trigger the function: keys under reports/ or ending in .report.json are skipped', async () => {
    const before = sends.requests('SendMessageBatch');
    for (const key of ['reports/incoming/x12_home_infusion_claims.txt.report.json', 'incoming/looks-like.report.json']) {
      const eTag = await upload(key, readFileSync(x12Path('x12_home_infusion_claims.txt')));
      await intake.handler(objectCreatedEvent(BUCKET, 'us-east-1', { key, eTag, size: 0 }), lambdaContext('intake-files', 'us-east-1', Date.now() + 60_000));
      await expect(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: reportKeyFor(key) }))).rejects.toThrow();
    }
    expect(sends.requests('SendMessageBatch') - before).toBe(0);
    // The poller lists incoming/ only, and hands no report-like key to the function either.
    expect(await poller.poll()).toEqual([]);
  });

  test('an event for a version that was overwritten since is skipped: the new version has its own event', async () => {
    const key = 'incoming/overwritten.837';
    const oldTag = await upload(key, renamedClaims('x12_home_infusion_claims.txt', 'OW1-'));
    await upload(key, renamedClaims('x12_home_infusion_claims.txt', 'OW2-'));
    const before = sends.requests('SendMessageBatch');
    await intake.handler(objectCreatedEvent(BUCKET, 'us-east-1', { key, eTag: oldTag, size: 0 }), lambdaContext('intake-files', 'us-east-1', Date.now() + 60_000));
    expect(sends.requests('SendMessageBatch') - before).toBe(0);
    // The poller sees the current version and hands it over.
    const [outcome] = await poller.poll();
    expect(outcome && 'report' in outcome && outcome.report.summary).toBe(`${key}: X12 837P, 5 claims read, 5 sent, 0 rejected`);
    await h.drain();
    expect(statuses(await h.takeOutputs()).map(([id]) => id)).toEqual(['OW2-0001', 'OW2-0002', 'OW2-0003', 'OW2-0004', 'OW2-0005']);
  });

  test('the Lambda entry (functions/intake-files/handler.ts) runs configured from process.env alone', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', undefined);
    for (const [name, value] of Object.entries(intake.env)) vi.stubEnv(name, value);
    try {
      const key = 'incoming/entry point.837';
      const eTag = await upload(key, renamedClaims('x12_home_infusion_claims.txt', 'EP-'));
      const { handler } = await import('../../functions/intake-files/handler.ts');
      await handler(objectCreatedEvent(BUCKET, 'us-east-1', { key, eTag, size: 0 }), lambdaContext('intake-files', 'us-east-1', Date.now() + 60_000));
      expect((await storedReport(key)).summary).toBe(`${key}: X12 837P, 5 claims read, 5 sent, 0 rejected`);
    } finally {
      vi.unstubAllEnvs();
    }
    await h.drain();
    expect(statuses(await h.takeOutputs())).toHaveLength(5);
  });

  test('a file the timeout would cut short keeps its position on its marker: the retried invocation sends the rest, none skipped, none twice', async () => {
    const key = 'incoming/checkpointed.ndjson';
    const ids = Array.from({ length: 250 }, (_, i) => `CP-${String(i + 1).padStart(4, '0')}`);
    const body = ids.map((id) => JSON.stringify(cleanClaim(id))).join('\n');
    const eTag = await upload(key, body);
    const event = objectCreatedEvent(BUCKET, 'us-east-1', { key, eTag, size: Buffer.byteLength(body) });
    const before = sends.requests('SendMessageBatch');
    // Under the 30 s checkpoint margin: the first chunk of 100 claims goes out, then the file stops there.
    await expect(intake.handler(event, lambdaContext('intake-files', 'us-east-1', Date.now() + 29_000))).rejects.toThrow('1 of 1 claims files were not processed');
    expect(sends.requests('SendMessageBatch') - before).toBe(10);
    await expect(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: reportKeyFor(key) }))).rejects.toThrow();

    await intake.handler(event, lambdaContext('intake-files', 'us-east-1', Date.now() + 60_000));
    expect(sends.requests('SendMessageBatch') - before).toBe(25);
    expect(await storedReport(key)).toMatchObject({ status: 'processed', claimsRead: 250, sent: 250, notSent: [] });
    await h.drain();
    const out = await h.takeOutputs();
    expect(out.clean.map((m) => m.claimId).sort()).toEqual(ids);
  }, 60_000);

  test('a file over MAX_CLAIMS_FILE_MB is not read: its report says it is too large, the limit, and to split it', async () => {
    const deps = intakeFilesDepsFromEnv({ ...intake.env, MAX_CLAIMS_FILE_MB: '0.001' });
    try {
      const key = 'incoming/too-large.837';
      const text = renamedClaims('x12_home_infusion_claims.txt', 'TL-');
      const eTag = await upload(key, text);
      const before = sends.requests('SendMessageBatch');
      await createIntakeFilesHandler(deps)(objectCreatedEvent(BUCKET, 'us-east-1', { key, eTag, size: Buffer.byteLength(text) }), lambdaContext('intake-files', 'us-east-1', Date.now() + 60_000));
      expect(sends.requests('SendMessageBatch') - before).toBe(0);
      expect(await storedReport(key)).toMatchObject({
        status: 'unreadable',
        claimsRead: 0,
        sent: 0,
        error: { message: expect.stringMatching(/^the file is too large to read: [0-9.]+ KiB, over the intake's limit of 1\.0 KiB\. Split it into smaller files and upload those$/), claimsBefore: 0 },
      });
    } finally {
      deps.s3.destroy();
      deps.sqs.destroy();
      deps.dynamodb.destroy();
    }
  });
});
