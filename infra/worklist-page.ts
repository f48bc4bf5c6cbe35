import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { AssetHashType, Aws, DockerImage, Duration, Fn, Names, Stack, type RemovalPolicy } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import { PAGE_CONFIG_PATH, type PageConfig } from '../shared/application/worklist/api.ts';
import { phiDataProtectionPolicy } from './log-protection.ts';
import { createResponseHeadersPolicy } from './worklist-headers.ts';
import type { WorklistSettings } from './worklist-settings.ts';

const WEB_DIR = fileURLToPath(new URL('../web', import.meta.url));
const STAGE_PAGE_SCRIPT = fileURLToPath(new URL('./stage-page.ts', import.meta.url));

/** The path CloudFront sends to the API; every route of WORKLIST_ROUTES is under it. */
export const API_PATH_PATTERN = '/api/*';

export interface WorklistPageProps {
  readonly settings: WorklistSettings;
  /** The API's execute-api host. */
  readonly apiDomain: string;
  /** The Cognito sign-in origin the page exchanges its code at. */
  readonly signInOrigin: string;
  /** Where S3 writes the two buckets' server access logs (the inbox's access-log bucket). */
  readonly accessLogsBucket: s3.IBucket;
  readonly logRetention: logs.RetentionDays | undefined;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The worklist page: a private S3 bucket CloudFront reads with origin access control, served over
 * HTTPS only with the page's security headers, and `/api/*` passed to the API uncached, so page and
 * API share one origin. The page and its buckets hold no PHI: the page is static code, and claims reach
 * a browser only through the API, over TLS, for a signed-in user.
 */
export class WorklistPage extends Construct {
  readonly bucket: s3.Bucket;
  /** CloudFront's standard access logs. */
  readonly cdnLogsBucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly responseHeadersPolicy: cloudfront.ResponseHeadersPolicy;
  /** `https://<domain>`: where users open the worklist, and what alerts link to. */
  readonly url: string;
  /** Both buckets' names, known before they exist: the key's policy admits S3 log delivery for them by ARN. */
  readonly bucketNames: readonly string[];
  private deployment: s3deploy.BucketDeployment | undefined;

  constructor(scope: Construct, id: string, props: WorklistPageProps) {
    super(scope, id);
    // S3's log delivery is admitted by the log bucket's policy, as for the inbox (claim-inbox.ts).
    this.node.setContext(S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);
    const { settings } = props;
    const name = (suffix: string) => Fn.join('-', [Names.uniqueResourceName(this, { maxLength: 26, separator: '-' }).toLowerCase(), suffix, Aws.ACCOUNT_ID, Aws.REGION]);
    const pageBucketName = name('page');
    const cdnLogsBucketName = name('cdn');
    this.bucketNames = [pageBucketName, cdnLogsBucketName];
    const shared: s3.BucketProps = {
      // SSE-S3, not the construct's key: see ACCEPTED_WORKLIST_FINDINGS.pageEncryption.
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      versioned: true,
      serverAccessLogsBucket: props.accessLogsBucket,
      removalPolicy: props.removalPolicy,
    };
    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...shared,
      bucketName: pageBucketName,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsPrefix: 'worklist-page/',
      lifecycleRules: [{ id: 'ExpireOldPages', noncurrentVersionExpiration: Duration.days(30), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
    });
    this.cdnLogsBucket = new s3.Bucket(this, 'CdnLogs', {
      ...shared,
      bucketName: cdnLogsBucketName,
      // CloudFront's standard logging writes with an ACL grant, which a bucket with ACLs disabled refuses.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      serverAccessLogsPrefix: 'worklist-cdn-logs/',
      lifecycleRules: [
        {
          id: 'ExpireCdnLogs',
          expiration: Duration.days(props.logRetention ?? logs.RetentionDays.ONE_YEAR),
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });

    this.responseHeadersPolicy = createResponseHeadersPolicy(this, 'ResponseHeaders', props.signInOrigin);
    const customDomain = settings.certificate ? { certificate: settings.certificate, domainNames: [...settings.domainNames], minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021 } : {};
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Claim scrubber review worklist',
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.responseHeadersPolicy,
        compress: true,
      },
      additionalBehaviors: {
        [API_PATH_PATTERN]: {
          origin: new origins.HttpOrigin(props.apiDomain, { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY, originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2] }),
          // A redirect would turn a POST into a GET: plain HTTP is refused instead.
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          // Everything the viewer sent (the Authorization header with it) but its Host: API Gateway routes by its own.
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: this.responseHeadersPolicy,
        },
      },
      enableLogging: true,
      logBucket: this.cdnLogsBucket,
      logFilePrefix: 'worklist/',
      logIncludesCookies: false,
      ...customDomain,
      ...(settings.webAclArn ? { webAclId: settings.webAclArn } : {}),
      ...(settings.allowedCountries.length > 0 ? { geoRestriction: cloudfront.GeoRestriction.allowlist(...settings.allowedCountries) } : {}),
    });
    this.url = `https://${settings.domainNames[0] ?? this.distribution.distributionDomainName}`;
  }

  /** The addresses Cognito may send a user back to: the page's own (as the page gives it, with its slash) and those configured. */
  signInCallbackUrls(): string[] {
    return [`${this.url}/`];
  }

  /**
   * Puts the page built at synth (web/build.ts) and its config.json in the bucket on every deploy. The deployment's function gets a role and an encrypted log group of
   * the construct's own instead of CDK's defaults (an AWS managed policy, an unencrypted log group).
   */
  deploy(config: PageConfig, defaults: { key: kms.IKey; logGroupNamePrefix: string; logRetention: logs.RetentionDays | undefined; removalPolicy: RemovalPolicy }): s3deploy.BucketDeployment {
    const role = new iam.Role(this, 'DeploymentRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Claim scrubber worklist page deployment (copies the page into its bucket)',
    });
    const logGroup = new logs.LogGroup(this, 'DeploymentLogs', {
      logGroupName: `${defaults.logGroupNamePrefix}/worklist-page-deployment`,
      encryptionKey: defaults.key,
      retention: defaults.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: defaults.removalPolicy,
      dataProtectionPolicy: phiDataProtectionPolicy(),
    });
    logGroup.grantWrite(role);
    this.deployment = new s3deploy.BucketDeployment(this, 'Deployment', {
      sources: [pageAsset(), s3deploy.Source.jsonData(PAGE_CONFIG_PATH.replace(/^\//, ''), config)],
      destinationBucket: this.bucket,
      // Browsers ask again each time (a 304 when unchanged), and CloudFront keeps a copy for its minimum
      // TTL only (a second), so a deploy reaches every user at once with no invalidation, which would
      // need cloudfront:CreateInvalidation on every distribution of the account (CDK grants it on "*").
      cacheControl: [s3deploy.CacheControl.noCache()],
      role,
      logGroup,
      memoryLimit: 256,
    });
    return this.deployment;
  }

  /** The deployment's role and CDK's function behind it (one per stack), once deploy() made them. */
  deploymentHandler(): { role: iam.IRole; fn: lambda.Function } | undefined {
    const role = this.deployment?.handlerRole;
    const fn = Stack.of(this)
      .node.findAll()
      .find((c): c is lambda.Function => c instanceof lambda.Function && c.role === role);
    return role && fn ? { role, fn } : undefined;
  }
}

/**
 * The page, built by web/build.ts into the asset's directory at synth (local bundling, in a child
 * process: the build is asynchronous). A stack whose bundling is skipped (the tests') builds nothing.
 */
function pageAsset(): s3deploy.ISource {
  return s3deploy.Source.asset(WEB_DIR, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never pulled: the local build either succeeds or fails synthesis.
      image: DockerImage.fromRegistry('scratch'),
      local: {
        tryBundle(outputDir: string): boolean {
          execFileSync(process.execPath, [STAGE_PAGE_SCRIPT, outputDir], { stdio: 'inherit' });
          return true;
        },
      },
    },
  });
}
