import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createS3Client } from '../../shared/aws/s3-client.ts';
import { DEFAULT_NAMES } from '../../shared/aws/config.ts';
import { cleanClaim, medicareSuiteClaim } from './support/claims.ts';
import { startHarness, type Harness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

/**
 * A message whose routed form passes SQS's 256 KiB: a billing system's export of 300 KB, its own notes
 * riding along. Over the contract's bound on a whole claim, it is rejected, and its review message
 * carries it as received.
 */
function oversizeClaim(claimId: string): object {
  return { ...cleanClaim(claimId), billingNotes: 'n'.repeat(300_000) };
}

test('a claim whose routed message is too large for SQS is routed by claim check, and its neighbours in the batch are routed as they are', async () => {
  await h.submit([oversizeClaim('BIG-CC-1'), cleanClaim('SMALL-CC-1'), medicareSuiteClaim('SMALL-CC-2')]);
  await h.drain();
  const out = await h.takeOutputs();
  expect(out.dlq).toEqual([]);
  expect(out.clean.map((m) => m.claimId)).toEqual(['SMALL-CC-1']);
  expect(out.review.map((m) => m.claimId).sort()).toEqual(['BIG-CC-1', 'SMALL-CC-2']);
  const pointer = out.review.find((m) => m.claimId === 'BIG-CC-1') as unknown as { claimCheck: { bucket: string; key: string }; result: { status: string }; attributes: Record<string, string> };
  expect(pointer.attributes.claimCheck).toBe('true');
  expect(pointer.result.status).toBe('rejected');
  expect(pointer.claimCheck.bucket).toBe(DEFAULT_NAMES.claimCheckBucket);

  const s3 = createS3Client({ region: 'us-east-1', endpoints: { s3: h.stack.sqsSns.url } }, {});
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: pointer.claimCheck.bucket, Key: pointer.claimCheck.key }));
    const text = (await object.Body?.transformToString()) ?? '';
    expect(Buffer.byteLength(text)).toBeGreaterThan(256 * 1024);
    const full = JSON.parse(text) as { claimId: string; claim: { billingNotes: string }; result: { status: string } };
    expect(full.claimId).toBe('BIG-CC-1');
    expect(full.claim.billingNotes).toHaveLength(300_000);
    expect(full.result.status).toBe(pointer.result.status);
  } finally {
    s3.destroy();
  }
}, 60_000);
