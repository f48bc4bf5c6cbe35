import { Aws, Duration, Fn, Names, type RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import { INBOX_PREFIX, REPORTS_PREFIX } from '../shared/intake/inbox-layout.ts';
import { claimDataBucketProps, denyUploadsNotEncryptedWith } from './bucket-encryption.ts';

export interface ClaimInboxProps {
  readonly key: kms.IKey;
  /** The intake-files function the bucket's object-created events invoke. */
  readonly intakeFilesFunction: lambda.IFunction;
  /** Physical name of the inbox bucket. @default - `<unique construct name>-<account>-<region>`, lower case */
  readonly bucketName?: string;
  /** Days a claims file stays under incoming/ after upload. */
  readonly retentionDays: number;
  /** Days a report stays under reports/; a report names its file and rejected claims' ids (PHI). */
  readonly reportRetentionDays: number;
  /** Days server access logs are kept; undefined keeps them. */
  readonly accessLogRetentionDays: number | undefined;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The S3 inbox: claims files go under incoming/, and each object-created event there invokes the
 * intake-files function, which writes the file's report under reports/. Only incoming/ notifies, so a
 * report never triggers the function. KMS with the construct's key (uploads asking for any other
 * encryption refused), TLS only, no public access, versioned, expired by lifecycle rules, and logged to
 * an access-log bucket of its own, encrypted with the same key.
 */
export class ClaimInbox extends Construct {
  readonly bucket: s3.Bucket;
  readonly accessLogsBucket: s3.Bucket;
  /** The inbox bucket's name, known before the bucket exists: the invoke permission names it (see below). */
  readonly bucketName: string;
  /** The name as cdk-nag prints it in a finding's id (tokens as `<AWS::AccountId>`). */
  private readonly nagBucketName: string;

  constructor(scope: Construct, id: string, props: ClaimInboxProps) {
    super(scope, id);
    // The log bucket admits S3's log delivery by a bucket policy conditioned on the inbox bucket,
    // not by the LogDeliveryWrite ACL, which buckets with ACLs disabled (S3's default) refuse.
    this.node.setContext(S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);

    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogs', {
      // Replaced by SSE-KMS with the construct's key below.
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      lifecycleRules: [
        {
          id: 'ExpireAccessLogs',
          ...(props.accessLogRetentionDays === undefined ? {} : { expiration: Duration.days(props.accessLogRetentionDays) }),
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      removalPolicy: props.removalPolicy,
    });
    // SSE-KMS with the construct's key, set on the resource: given a key, the Bucket construct would also
    // grant S3 log delivery encrypt and decrypt on it with no condition. The key's own statement
    // (allowS3LogDelivery) admits log delivery for this construct's buckets only.
    (this.accessLogsBucket.node.defaultChild as s3.CfnBucket).bucketEncryption = {
      serverSideEncryptionConfiguration: [{ bucketKeyEnabled: true, serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.key.keyArn } }],
    };

    const unique = Names.uniqueResourceName(this, { maxLength: 30, separator: '-' }).toLowerCase();
    this.bucketName = props.bucketName ?? Fn.join('-', [unique, Aws.ACCOUNT_ID, Aws.REGION]);
    this.nagBucketName = props.bucketName ?? `${unique}-<AWS::AccountId>-<AWS::Region>`;
    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...claimDataBucketProps(props.key, this.accessLogsBucket, 'inbox/'),
      bucketName: this.bucketName,
      lifecycleRules: [
        // An overwritten or deleted file (or report) stays as a noncurrent version as long as a file is
        // kept: versioning guards against overwrite and deletion for that long.
        {
          id: 'ExpireClaimsFiles',
          prefix: INBOX_PREFIX,
          expiration: Duration.days(props.retentionDays),
          noncurrentVersionExpiration: Duration.days(props.retentionDays),
        },
        {
          id: 'ExpireReports',
          prefix: REPORTS_PREFIX,
          expiration: Duration.days(props.reportRetentionDays),
          noncurrentVersionExpiration: Duration.days(props.retentionDays),
        },
        { id: 'CleanUp', expiredObjectDeleteMarker: true, abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy: props.removalPolicy,
    });

    denyUploadsNotEncryptedWith(this.bucket, props.key);
    this.notifyOnIncoming(props.intakeFilesFunction);
  }

  /**
   * The notification is set on the bucket itself rather than by CDK's BucketNotifications custom
   * resource, which brings a Lambda function with an AWS managed policy and s3:PutBucketNotification on
   * every bucket. CloudFormation checks the invoke permission when it creates the bucket, so the
   * permission must come first and name the bucket's ARN without referring to the bucket.
   */
  private notifyOnIncoming(fn: lambda.IFunction): void {
    const sourceArn = this.arn();
    const permission = new lambda.CfnPermission(this, 'InvokeIntakeFiles', {
      action: 'lambda:InvokeFunction',
      functionName: fn.functionArn,
      principal: 's3.amazonaws.com',
      sourceArn,
      sourceAccount: Aws.ACCOUNT_ID,
    });
    const cfnBucket = this.bucket.node.defaultChild as s3.CfnBucket;
    cfnBucket.notificationConfiguration = {
      lambdaConfigurations: [
        {
          event: s3.EventType.OBJECT_CREATED,
          function: fn.functionArn,
          filter: { s3Key: { rules: [{ name: 'prefix', value: INBOX_PREFIX }] } },
        },
      ],
    };
    cfnBucket.addResourceDependency(permission, 'S3 checks the invoke permission when it sets the notification');
  }

  /**
   * Exactly what the intake-files function does with the inbox: read files under incoming/, write
   * reports under reports/. The ARNs are built from the bucket's name, not taken from the bucket: the
   * bucket waits for the invoke permission, which waits for the function, which waits for this policy.
   */
  grantIntakeFiles(role: iam.IRole): void {
    // GetObjectVersion: the function reads the version its event names (VersionId, the bucket is versioned).
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:GetObjectVersion'], resources: [this.arn(`/${INBOX_PREFIX}*`)] }));
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [this.arn(`/${REPORTS_PREFIX}*`)] }));
  }

  /** The cdk-nag finding id of a wildcard resource under this bucket, e.g. `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::…/incoming/*]`. */
  nagWildcardFinding(objects: string): string {
    return `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${this.nagBucketName}${objects}]`;
  }

  /** The bucket's ARN, or its objects' under a path, from its name alone. */
  arn(objects = ''): string {
    return `arn:${Aws.PARTITION}:s3:::${this.bucketName}${objects}`;
  }
}
