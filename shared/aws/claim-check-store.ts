import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ClaimCheckLocation, ClaimCheckStore } from '../application/ports.ts';
import { retryUntil } from './retry.ts';

/** Where claim-check bodies go in their bucket; the scrub function may write nowhere else. */
export const CLAIM_CHECK_PREFIX = 'claim-check/';

/**
 * Keeps a routed message too large for SQS in S3 (the claim-check pattern), encrypted by the bucket's
 * default key. The object is named by the claim version's deduplication id, so a retry writes the
 * same object again rather than a second one.
 */
export class S3ClaimCheckStore implements ClaimCheckStore {
  private readonly s3: S3Client;
  private readonly bucket: string;
  private readonly deadline: number;

  constructor(s3: S3Client, bucket: string, deadline: number) {
    this.s3 = s3;
    this.bucket = bucket;
    this.deadline = deadline;
  }

  async put(name: string, body: string): Promise<ClaimCheckLocation> {
    const key = `${CLAIM_CHECK_PREFIX}${name}`;
    await retryUntil(this.deadline, () => this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: 'application/json' })));
    return { bucket: this.bucket, key };
  }
}
