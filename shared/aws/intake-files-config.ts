import { awsConnectionFromEnv, ConfigError, DEFAULT_NAMES, type AwsConnection, type Env } from './config.ts';

export interface IntakeFilesConfig extends AwsConnection {
  intakeQueueUrl: string;
  /** Where the per-file idempotency markers live: the results table (see file-marker.ts). */
  markerTable: string;
  /** Days a file marker lives; it only has to outlive redeliveries of the file's event. */
  markerRetentionDays: number;
}

/** Inbox files are kept this long by default (the bucket's lifecycle), and their markers with them. */
export const DEFAULT_INBOX_RETENTION_DAYS = 30;

export function intakeFilesConfigFromEnv(env: Env): IntakeFilesConfig {
  if (!env.INTAKE_QUEUE_URL) throw new ConfigError('intake-files needs the environment variable INTAKE_QUEUE_URL');
  const days = Number(env.FILE_MARKER_RETENTION_DAYS ?? DEFAULT_INBOX_RETENTION_DAYS);
  if (!Number.isInteger(days) || days < 1) throw new ConfigError('FILE_MARKER_RETENTION_DAYS must be a whole number of days ≥ 1');
  return {
    ...awsConnectionFromEnv(env),
    intakeQueueUrl: env.INTAKE_QUEUE_URL,
    markerTable: env.RESULTS_TABLE_NAME ?? DEFAULT_NAMES.resultsTable,
    markerRetentionDays: days,
  };
}
