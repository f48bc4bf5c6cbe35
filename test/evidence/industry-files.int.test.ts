import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { scrubCommand } from '../../cli/commands/scrub.ts';
import { localIntakeFiles, type LocalIntakeFiles } from '../../local/intake-files.ts';
import { ensureBucket, S3InboxPoller } from '../../local/s3-inbox.ts';
import { createS3Client } from '../../shared/aws/s3-client.ts';
import type { ScrubResult } from '../../shared/claim/result.ts';
import { FHIR_OUTCOMES } from '../formats/fhir-outcomes.ts';
import { X12_OUTCOMES } from '../formats/x12-outcomes.ts';
import { startHarness, type Harness } from '../pipeline/support/harness.ts';

/**
 * The home-infusion and public 837P/FHIR fixtures, pinned per claim in test/formats/*-outcomes.ts by
 * the readers' tests, come out the same through the two other ways in: `claim-scrubber scrub`, and the
 * S3 inbox → intake-files function → intake queue → scrub function → review/clean queues.
 */
interface PinnedOutcome {
  file: string;
  claimId: string | null;
  status: string;
  ruleIds: string[];
}
const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
/** The X12 table names files alone (in x12/ or x12-samples/), the FHIR table by their path under test/fixtures/. */
function fixturePath(file: string): string {
  const candidates = [join(FIXTURES, file), join(FIXTURES, 'x12', file), join(FIXTURES, 'x12-samples', file)];
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error(`no fixture ${file}`);
  return found;
}
const PINNED: PinnedOutcome[] = [...X12_OUTCOMES, ...FHIR_OUTCOMES].map((o) => ({ ...o, file: fixturePath(o.file) }));
const FILES = [...new Set(PINNED.map((o) => o.file))];
/** test.each's names: the path under test/fixtures/. */
const CASES = FILES.map((file) => ({ name: file.slice(FIXTURES.length + 1), file }));
const BUCKET = 'claims-inbox';

/** Rule ids as a set: the tables write some with their line (`SS-MEDICARE@1`) or once per line. */
const ruleSet = (ids: readonly string[]) => [...new Set(ids.map((id) => id.replace(/@\d+$/, '')))].sort();
const expected = (file: string) =>
  PINNED.filter((o) => o.file === file)
    .map((o) => [o.claimId, o.status, ruleSet(o.ruleIds)])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
const seen = (results: ReadonlyArray<Pick<ScrubResult, 'claimId' | 'status'> & { findings: ReadonlyArray<{ ruleId: string }> }>) =>
  results.map((r) => [r.claimId, r.status, ruleSet(r.findings.map((f) => f.ruleId))]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));

async function scrubWithCli(file: string): Promise<ScrubResult[]> {
  const chunks: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => chunks.push(String(chunk)) > 0);
  const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    await scrubCommand(['--json', file]);
  } finally {
    write.mockRestore();
    errors.mockRestore();
  }
  return chunks.join('').trimEnd().split('\n').filter(Boolean).map((line) => JSON.parse(line) as ScrubResult);
}

describe('pinned outcomes of the industry fixtures through claim-scrubber scrub', () => {
  test.each(CASES)('$name', async ({ file }) => {
    expect(seen(await scrubWithCli(file))).toEqual(expected(file));
  });
});

describe('pinned outcomes of the industry fixtures through the S3 inbox and the pipeline', () => {
  let h: Harness;
  let s3: S3Client;
  let intake: LocalIntakeFiles;
  let poller: S3InboxPoller;
  beforeAll(async () => {
    h = await startHarness();
    s3 = createS3Client({ region: 'us-east-1', endpoints: { s3: h.stack.sqsSns.url } }, {});
    await ensureBucket(s3, BUCKET);
    intake = localIntakeFiles(h.stack, { logLevel: 'SILENT' });
    poller = new S3InboxPoller({ s3, bucket: BUCKET, region: 'us-east-1', handler: intake.handler });
  });
  afterAll(async () => {
    intake?.stop();
    s3?.destroy();
    await h?.stop();
  });

  test.each(CASES)('$name', async ({ file }) => {
    // The same claim in two files would be skipped the second time as already routed: start each file afresh.
    await h.forgetResults(PINNED.filter((o) => o.file === file).flatMap((o) => (o.claimId ? [o.claimId] : [])));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `incoming/${file.split('/').slice(-2).join('_')}`, Body: readFileSync(file) }));
    const outcomes = await poller.poll();
    expect(outcomes.every((o) => !('error' in o))).toBe(true);
    await h.drain();
    const out = await h.takeOutputs();
    const routed = [...out.review, ...out.clean].map((m) => ({ ...m.result, claimId: m.result.claimId }));
    expect(seen(routed)).toEqual(expected(file));
  });
});
