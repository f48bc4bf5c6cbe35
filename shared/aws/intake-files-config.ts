import { awsConnectionFromEnv, ConfigError, DEFAULT_NAMES, type AwsConnection, type Env } from './config.ts';

export interface IntakeFilesConfig extends AwsConnection {
  intakeQueueUrl: string;
  /** Where the per-file idempotency markers live: the results table (see file-marker.ts). */
  markerTable: string;
  /** Days a file marker lives; it only has to outlive redeliveries of the file's event. */
  markerRetentionDays: number;
  /** A claims file larger than this is not read: its report says so, and to split it. */
  maxFileBytes: number;
}

/** Inbox files are kept this long by default (the bucket's lifecycle), and their markers with them. */
export const DEFAULT_INBOX_RETENTION_DAYS = 30;

/** The environment variables of the intake-files function, beside the AWS connection ones. */
export const INTAKE_FILES_ENV = {
  queueUrl: 'INTAKE_QUEUE_URL',
  markerRetentionDays: 'FILE_MARKER_RETENTION_DAYS',
  maxFileMb: 'MAX_CLAIMS_FILE_MB',
} as const;

/**
 * The largest claims file read, in MiB. On the local stack the function reads and sends 0.4 MiB of
 * X12 (1,100 claims) to 0.8 MiB of NDJSON (1,600 claims) a second, on a busy 2-core machine: 100 MiB
 * fits in the 5-minute timeout less its 30 s checkpoint margin. A file the timeout cuts short all the
 * same is finished by the retried invocation (the checkpoint).
 */
export const DEFAULT_MAX_FILE_MB = 100;

const MIB = 1_048_576;

export function intakeFilesConfigFromEnv(env: Env): IntakeFilesConfig {
  const queueUrl = env[INTAKE_FILES_ENV.queueUrl];
  if (!queueUrl) throw new ConfigError(`intake-files needs the environment variable ${INTAKE_FILES_ENV.queueUrl}`);
  const days = Number(env[INTAKE_FILES_ENV.markerRetentionDays] ?? DEFAULT_INBOX_RETENTION_DAYS);
  if (!Number.isInteger(days) || days < 1) throw new ConfigError(`${INTAKE_FILES_ENV.markerRetentionDays} must be a whole number of days ≥ 1`);
  const maxMb = Number(env[INTAKE_FILES_ENV.maxFileMb] ?? DEFAULT_MAX_FILE_MB);
  if (!Number.isFinite(maxMb) || maxMb <= 0) throw new ConfigError(`${INTAKE_FILES_ENV.maxFileMb} must be a number of MiB greater than 0`);
  return {
    ...awsConnectionFromEnv(env),
    intakeQueueUrl: queueUrl,
    markerTable: env.RESULTS_TABLE_NAME ?? DEFAULT_NAMES.resultsTable,
    markerRetentionDays: days,
    maxFileBytes: Math.floor(maxMb * MIB),
  };
}
