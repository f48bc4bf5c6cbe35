import { Aws, Duration, Fn, Names, Stack, type CfnElement, type RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import { CLAIM_CHECK_PREFIX } from '../shared/aws/claim-check-store.ts';
import { claimDataBucketProps, denyUploadsNotEncryptedWith } from './bucket-encryption.ts';

export interface ClaimCheckBucketProps {
  readonly key: kms.IKey;
  /** Where S3 writes the bucket's server access logs (the inbox's access-log bucket). */
  readonly accessLogsBucket: s3.IBucket;
  /** Days an object is kept: longer than any message that points to it can live, dead letters included. */
  readonly retentionDays: number;
  readonly bucketName: string | undefined;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The claim-check bucket: a routed message too large for SQS goes here under claim-check/, and the
 * review or clean queue gets a pointer to it. The objects hold claims (PHI): KMS with the construct's
 * key (uploads with any other encryption refused), TLS only, no public access, access logs, and
 * expiry once no message can point to them any more.
 */
export class ClaimCheckBucket extends Construct {
  readonly bucket: s3.Bucket;
  /**
   * The bucket's name, known before the bucket exists (`<unique construct name>-<account>-<region>`
   * unless given): the key's policy names the bucket, and the bucket names the key.
   */
  readonly bucketName: string;

  constructor(scope: Construct, id: string, props: ClaimCheckBucketProps) {
    super(scope, id);
    // S3's log delivery is admitted by the log bucket's policy, as for the inbox (claim-inbox.ts).
    this.node.setContext(S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);
    const unique = Names.uniqueResourceName(this, { maxLength: 30, separator: '-' }).toLowerCase();
    this.bucketName = props.bucketName ?? Fn.join('-', [unique, Aws.ACCOUNT_ID, Aws.REGION]);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...claimDataBucketProps(props.key, props.accessLogsBucket, CLAIM_CHECK_PREFIX),
      bucketName: this.bucketName,
      lifecycleRules: [
        {
          id: 'ExpireClaimChecks',
          expiration: Duration.days(props.retentionDays),
          // An object is written once under a name of its own; a noncurrent version only follows a delete.
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        { id: 'CleanUp', expiredObjectDeleteMarker: true },
      ],
      removalPolicy: props.removalPolicy,
    });
    denyUploadsNotEncryptedWith(this.bucket, props.key);
  }

  /** The scrub function writes message bodies under claim-check/ and nothing else: no read, no delete. */
  grantPut(role: iam.IRole): void {
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [this.objectsArn()] }));
  }

  /** What a consumer of the review and clean queues needs to read the bodies (and kms:Decrypt on the key). */
  grantRead(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({ grantee, actions: ['s3:GetObject'], resourceArns: [this.objectsArn()] });
  }

  /** The cdk-nag finding id of the scrub function's wildcard under claim-check/ (the bucket by its logical id, as cdk-nag prints a GetAtt). */
  nagWildcardFinding(): string {
    const logicalId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement);
    return `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/${CLAIM_CHECK_PREFIX}*]`;
  }

  /** The bucket's ARN from its name alone. */
  arn(): string {
    return `arn:${Aws.PARTITION}:s3:::${this.bucketName}`;
  }

  objectsArn(): string {
    return this.bucket.arnForObjects(`${CLAIM_CHECK_PREFIX}*`);
  }
}
