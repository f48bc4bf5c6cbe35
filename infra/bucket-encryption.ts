import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';

/**
 * Refuses any upload that asks for encryption other than SSE-KMS with `key`: another algorithm
 * (SSE-S3, DSSE-KMS), another KMS key, or a customer-provided key (SSE-C). An upload that asks for
 * nothing gets the bucket's default, which is SSE-KMS with `key`, so every object ends up under it.
 * Each condition applies only when its header is present: a negated operator is true for an absent
 * key, and the Null check confines it.
 */
export function denyUploadsNotEncryptedWith(bucket: s3.IBucket, key: kms.IKey): void {
  const deny = (sid: string, conditions: Record<string, Record<string, unknown>>) =>
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({ sid, effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')], conditions }),
    );
  deny('DenyUploadsNotSseKms', {
    StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' },
    Null: { 's3:x-amz-server-side-encryption': 'false' },
  });
  deny('DenyUploadsWithAnotherKey', {
    StringNotEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': key.keyArn },
    Null: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'false' },
  });
  deny('DenyUploadsWithCustomerKeys', { Null: { 's3:x-amz-server-side-encryption-customer-algorithm': 'false' } });
}
