/** Resource names the local stack creates and the CDK stack is expected to use by default. */
export const DEFAULT_NAMES = {
  codesTable: 'scrubber-codes',
  resultsTable: 'scrubber-results',
  intakeQueue: 'claims-intake',
  intakeDlq: 'claims-intake-dlq',
  reviewQueue: 'claims-review',
  cleanQueue: 'claims-clean',
  alertTopic: 'medicare-denial-alerts',
  claimCheckBucket: 'claims-claim-check',
  worklistTable: 'claims-worklist',
} as const;

/**
 * The environment variables that carry the claim-reference key: the key itself (the local stack) or
 * the ARN of the Secrets Manager secret holding it (AWS). The CDK construct sets the second.
 */
export const CLAIM_REFERENCE_ENV = { key: 'CLAIM_REFERENCE_KEY', secretArn: 'CLAIM_REFERENCE_SECRET_ARN' } as const;
/** The review worklist page's address: the scrub function links its alerts to the claim there. */
export const WORKLIST_URL_ENV = 'WORKLIST_URL';
/** The bucket routed messages too large for SQS are kept in (the claim-check pattern). */
export const CLAIM_CHECK_BUCKET_ENV = 'CLAIM_CHECK_BUCKET';

/** Where the claim-reference key comes from. */
export type ClaimReferenceKeySource = { readonly key: string } | { readonly secretArn: string };

/**
 * How long a result row is kept before DynamoDB's TTL deletes it. Longer than the usual one-year
 * timely-filing window, so a corrected claim resubmitted within it still finds its earlier row.
 */
export const DEFAULT_RESULT_RETENTION_DAYS = 400;
/** A larger value is more likely a typo (a date, or seconds) than a retention anyone wants. */
export const MAX_RESULT_RETENTION_DAYS = 36_500;

export type Env = Readonly<Record<string, string | undefined>>;

/** Where each AWS service is reached; undefined means the real AWS endpoint for the region. */
export interface Endpoints {
  dynamodb?: string;
  sqs?: string;
  sns?: string;
  s3?: string;
}

export interface AwsConnection {
  region: string;
  endpoints: Endpoints;
}

export interface ScrubClaimsConfig extends AwsConnection {
  codesTable: string;
  resultsTable: string;
  reviewQueueUrl: string;
  cleanQueueUrl: string;
  alertTopicArn: string;
  /** How long a container trusts its copy of the active-release pointer before reading it again. */
  activeDataTtlMs: number;
  /** Days a result row lives: written on the row as `expiresAt` (epoch seconds), the table's TTL attribute. */
  resultRetentionDays: number;
  claimCheckBucket: string;
  claimReferenceKey: ClaimReferenceKeySource;
  /** The review worklist's address (WORKLIST_URL), when it is deployed: alerts link to the claim there. */
  worklistUrl?: string;
}

/** A key shorter than this is too easy to guess, and with it every claim id behind a reference. */
const MIN_CLAIM_REFERENCE_KEY_LENGTH = 32;

export function claimReferenceKeyFromEnv(env: Env): ClaimReferenceKeySource {
  const key = env[CLAIM_REFERENCE_ENV.key];
  const secretArn = env[CLAIM_REFERENCE_ENV.secretArn];
  if (key !== undefined) {
    if (key.length < MIN_CLAIM_REFERENCE_KEY_LENGTH) throw new ConfigError(`${CLAIM_REFERENCE_ENV.key} must be at least ${MIN_CLAIM_REFERENCE_KEY_LENGTH} characters`);
    return { key };
  }
  if (secretArn) return { secretArn };
  throw new ConfigError(
    `set ${CLAIM_REFERENCE_ENV.secretArn} (a Secrets Manager secret holding the claim-reference key) or ${CLAIM_REFERENCE_ENV.key}: logs and alerts name claims by a keyed hash`,
  );
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * The SDK's own variable names (AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL) are read here rather than
 * left to the SDK, so a caller can hand in an env object that is not process.env (the local stack does).
 */
export function awsConnectionFromEnv(env: Env): AwsConnection {
  const shared = env.AWS_ENDPOINT_URL;
  return {
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    endpoints: {
      dynamodb: env.AWS_ENDPOINT_URL_DYNAMODB ?? shared,
      sqs: env.AWS_ENDPOINT_URL_SQS ?? shared,
      sns: env.AWS_ENDPOINT_URL_SNS ?? shared,
      s3: env.AWS_ENDPOINT_URL_S3 ?? shared,
    },
  };
}

/** RESULT_RETENTION_DAYS: how long result rows (and closed worklist items) are kept. */
export function resultRetentionDaysFromEnv(env: Env): number {
  const retentionDays = Number(env.RESULT_RETENTION_DAYS ?? DEFAULT_RESULT_RETENTION_DAYS);
  if (!Number.isInteger(retentionDays) || retentionDays < 1 || retentionDays > MAX_RESULT_RETENTION_DAYS) {
    throw new ConfigError(`RESULT_RETENTION_DAYS must be a whole number of days from 1 to ${MAX_RESULT_RETENTION_DAYS}`);
  }
  return retentionDays;
}

export function scrubClaimsConfigFromEnv(env: Env): ScrubClaimsConfig {
  const missing = ['REVIEW_QUEUE_URL', 'CLEAN_QUEUE_URL', 'ALERT_TOPIC_ARN'].filter((name) => !env[name]);
  if (missing.length > 0) throw new ConfigError(`scrub-claims needs the environment variables ${missing.join(', ')}`);
  const ttlSeconds = Number(env.ACTIVE_DATA_TTL_SECONDS ?? '60');
  if (!Number.isFinite(ttlSeconds) || ttlSeconds < 0) throw new ConfigError('ACTIVE_DATA_TTL_SECONDS must be a number of seconds ≥ 0');
  const retentionDays = resultRetentionDaysFromEnv(env);
  return {
    ...awsConnectionFromEnv(env),
    codesTable: env.CODES_TABLE_NAME ?? DEFAULT_NAMES.codesTable,
    resultsTable: env.RESULTS_TABLE_NAME ?? DEFAULT_NAMES.resultsTable,
    reviewQueueUrl: env.REVIEW_QUEUE_URL as string,
    cleanQueueUrl: env.CLEAN_QUEUE_URL as string,
    alertTopicArn: env.ALERT_TOPIC_ARN as string,
    activeDataTtlMs: ttlSeconds * 1000,
    resultRetentionDays: retentionDays,
    claimCheckBucket: env[CLAIM_CHECK_BUCKET_ENV] ?? DEFAULT_NAMES.claimCheckBucket,
    claimReferenceKey: claimReferenceKeyFromEnv(env),
    ...(env[WORKLIST_URL_ENV] ? { worklistUrl: env[WORKLIST_URL_ENV] } : {}),
  };
}
