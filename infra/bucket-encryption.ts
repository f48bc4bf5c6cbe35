import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';

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

/**
 * What every bucket holding claims shares: SSE-KMS with the construct's key (one data key per bucket
 * for a while, instead of a KMS call per object), TLS only, no public access, owner-enforced objects,
 * versioning, and server access logs under `logPrefix`. Each bucket adds its name and lifecycle.
 */
export function claimDataBucketProps(key: kms.IKey, accessLogsBucket: s3.IBucket, logPrefix: string): s3.BucketProps {
  return {
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: key,
    bucketKeyEnabled: true,
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: true,
    serverAccessLogsBucket: accessLogsBucket,
    serverAccessLogsPrefix: logPrefix,
  };
}
