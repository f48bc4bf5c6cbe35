import { readFileSync } from 'node:fs';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { createS3Client } from '../../shared/aws/s3-client.ts';
import { unquote } from '../../shared/aws/s3-objects.ts';
import { lambdaContext } from '../../local/lambda-context.ts';
import { localIntakeFiles, type LocalIntakeFiles } from '../../local/intake-files.ts';
import { ensureBucket, objectCreatedEvent } from '../../local/s3-inbox.ts';
import { startHarness, type Harness } from '../pipeline/support/harness.ts';
import { brokenEnvelopeFile, x12Path } from './support.ts';
import { captureProcessOutput } from '../pipeline/support/capture-output.ts';
import { cleanClaim } from '../pipeline/support/claims.ts';

// Metrics on too: their EMF lines go to stdout with the logs and must be as clean.
process.env.POWERTOOLS_METRICS_DISABLED = 'false';

let h: Harness;
let s3: S3Client;
let intake: LocalIntakeFiles;
let output: ReturnType<typeof captureProcessOutput>;

beforeAll(async () => {
  output = captureProcessOutput();
  h = await startHarness({ logLevel: 'DEBUG' });
  s3 = createS3Client({ region: 'us-east-1', endpoints: { s3: h.stack.sqsSns.url } }, {});
  await ensureBucket(s3, 'claims-inbox');
  intake = localIntakeFiles(h.stack, { logLevel: 'DEBUG' });
});
afterAll(async () => {
  intake?.stop();
  s3?.destroy();
  await h?.stop();
  vi.restoreAllMocks();
});

async function deliver(key: string, body: string | Buffer, times = 1, timeoutMs = 60_000): Promise<void> {
  const { ETag } = await s3.send(new PutObjectCommand({ Bucket: 'claims-inbox', Key: key, Body: body }));
  const event = objectCreatedEvent('claims-inbox', 'us-east-1', { key, eTag: unquote(ETag ?? ''), size: 0 });
  const invoke = () => intake.handler(event, lambdaContext('intake-files', 'us-east-1', Date.now() + timeoutMs));
  await Promise.allSettled(Array.from({ length: times }, invoke));
}

test('the intake-files function logs file references and counts, never member data, file names or claim ids, whatever happens to the file', async () => {
  const rejects = readFileSync(x12Path('x12_home_infusion_rejects.txt'), 'latin1');
  const claims = readFileSync(x12Path('x12_home_infusion_claims.txt'), 'latin1');
  // Processed with reader and contract rejections; two deliveries at once (one fails busy); a broken envelope.
  await deliver('incoming/rejects.837', rejects);
  await deliver('incoming/twice.837', claims, 2);
  await deliver('incoming/broken.837', brokenEnvelopeFile('PHI-'));
  // Under the checkpoint margin: the first 100 claims go out, then the file stops and keeps its position.
  await deliver('incoming/checkpointed.ndjson', Array.from({ length: 150 }, (_, i) => JSON.stringify(cleanClaim(`PHI-CK-${i}`))).join('\n'), 1, 29_000);
  await h.drain();
  await h.takeOutputs();

  expect(output.text()).toContain('"message":"claims file processed"');
  expect(output.text()).toContain('FileBusyError');
  expect(output.text()).toContain('"message":"claims file rejected as a whole"');
  expect(output.text()).toContain('"FileClaimsRead"');
  expect(output.text()).toContain('file not finished before the function timeout');
  expect(output.text()).toContain('FileCheckpointedError');

  const text = rejects + claims;
  const phi = [...text.matchAll(/NM1\*(?:IL|QC)[*|]1[*|]([A-Z]+)[*|]([A-Z]+)(?:[*|]{4}MI[*|](\w+))?/g)].flatMap((m) => m.slice(1).filter(Boolean));
  const births = [...text.matchAll(/DMG[*|]D8[*|](\d{8})/g)].map((m) => m[1] as string);
  expect(phi.length).toBeGreaterThan(10);
  expect(births.length).toBeGreaterThan(5);
  for (const value of [...new Set([...phi, ...births])]) expect(output.text(), value).not.toContain(value);
  // A file name may name a patient, and a claim id is a patient control number: neither is logged.
  expect(output.text()).toMatch(/"fileReference":"file-[0-9a-f]{20}"/);
  const claimIds = [...text.matchAll(/CLM[*|]([^*|~]+)/g)].map((m) => m[1] as string);
  expect(claimIds.length).toBeGreaterThan(5);
  for (const value of ['rejects.837', 'twice.837', 'broken.837', 'checkpointed.ndjson', 'PHI-CK-', ...claimIds]) expect(output.text(), value).not.toContain(value);
});
