import { Duration } from 'aws-cdk-lib';
import { DEFAULT_METRICS_NAMESPACE } from '../functions/scrub-claims/metric-names.ts';
import { DEFAULT_RESULT_RETENTION_DAYS, MAX_RESULT_RETENTION_DAYS } from '../shared/aws/config.ts';
import { DEFAULT_INBOX_RETENTION_DAYS } from '../shared/aws/intake-files-config.ts';
import { SCRUB_EVENT_SOURCE_DEFAULTS } from '../shared/aws/scrub-event-source.ts';
import { backupTagProblems, DEFAULT_BACKUP_TAG, type BackupTag } from './backup-tag.ts';
import type { ClaimScrubberProps } from './claim-scrubber-props.ts';

/** The props every part of the construct reads, with their defaults applied and checked. */
export interface Settings {
  maxReceiveCount: number;
  functionTimeout: Duration;
  batchSize: number;
  maxBatchingWindow: Duration;
  maxConcurrency: number;
  intakeVisibilityTimeout: Duration;
  inboxRetentionDays: number;
  intakeFilesTimeout: Duration;
  activeDataTtl: Duration;
  resultRetentionDays: number;
  metricsNamespace: string;
  messageRetention: Duration;
  deadLetterRetention: Duration;
  maxIntakeAge: Duration;
  maxOutputQueueAge: Duration;
  maxDeadLetterAge: Duration;
  failedRecordsAlarmThreshold: number;
  claimCheckRetentionDays: number;
  backupTag: BackupTag;
  denialRiskAlarmThreshold: number;
  denialRiskAlarmPeriod: Duration;
}

/** SQS's bounds on a queue's message retention. */
const MIN_RETENTION = Duration.minutes(1);
const MAX_RETENTION = Duration.days(14);

/** Defaults, plus the checks CloudFormation would only make at deploy time (or never). */
export function resolveSettings(props: ClaimScrubberProps): Settings {
  const settings = {
    maxReceiveCount: props.maxReceiveCount ?? 5,
    functionTimeout: props.functionTimeout ?? Duration.seconds(60),
    batchSize: props.batchSize ?? SCRUB_EVENT_SOURCE_DEFAULTS.batchSize,
    maxBatchingWindow: props.maxBatchingWindow ?? Duration.seconds(SCRUB_EVENT_SOURCE_DEFAULTS.maxBatchingWindowSeconds),
    maxConcurrency: props.maxConcurrency ?? 10,
    activeDataTtl: props.activeDataTtl ?? Duration.seconds(60),
    resultRetentionDays: props.resultRetentionDays ?? DEFAULT_RESULT_RETENTION_DAYS,
    inboxRetentionDays: props.inboxRetentionDays ?? DEFAULT_INBOX_RETENTION_DAYS,
    intakeFilesTimeout: props.intakeFilesTimeout ?? Duration.minutes(5),
    metricsNamespace: props.metricsNamespace ?? DEFAULT_METRICS_NAMESPACE,
    messageRetention: props.messageRetention ?? Duration.days(4),
    deadLetterRetention: props.deadLetterRetention ?? MAX_RETENTION,
    maxIntakeAge: props.maxIntakeAge ?? Duration.minutes(15),
    maxOutputQueueAge: props.maxOutputQueueAge ?? Duration.days(1),
    maxDeadLetterAge: props.maxDeadLetterAge ?? Duration.days(5),
    failedRecordsAlarmThreshold: props.failedRecordsAlarmThreshold ?? 5,
    claimCheckRetentionDays: props.claimCheckRetentionDays ?? 30,
    backupTag: props.backupTag ?? DEFAULT_BACKUP_TAG,
    denialRiskAlarmThreshold: props.denialRiskAlarmThreshold ?? 5,
    denialRiskAlarmPeriod: props.denialRiskAlarmPeriod ?? Duration.hours(1),
  };
  const problems: string[] = [];
  if (!Number.isInteger(settings.maxReceiveCount) || settings.maxReceiveCount < 1 || settings.maxReceiveCount > 1000) {
    problems.push('maxReceiveCount must be an integer from 1 to 1000');
  }
  if (!Number.isInteger(settings.batchSize) || settings.batchSize < 1 || settings.batchSize > 10_000) problems.push('batchSize must be an integer from 1 to 10000');
  if (settings.batchSize > 10 && settings.maxBatchingWindow.toSeconds() < 1) problems.push('a batchSize above 10 needs a maxBatchingWindow of at least 1 second');
  if (!Number.isInteger(settings.maxConcurrency) || settings.maxConcurrency < 2 || settings.maxConcurrency > 1000) {
    problems.push('maxConcurrency must be an integer from 2 to 1000 (the SQS event source limits)');
  }
  if (props.reservedConcurrency !== undefined && props.reservedConcurrency < settings.maxConcurrency) {
    problems.push(`reservedConcurrency (${props.reservedConcurrency}) must be at least maxConcurrency (${settings.maxConcurrency}), or the poller is throttled and healthy claims reach the DLQ`);
  }
  if (settings.functionTimeout.toSeconds() > 900) problems.push('functionTimeout cannot exceed 15 minutes');
  // The same bounds the function checks at start-up (shared/aws/config.ts), caught before a deploy.
  if (!Number.isInteger(settings.resultRetentionDays) || settings.resultRetentionDays < 1 || settings.resultRetentionDays > MAX_RESULT_RETENTION_DAYS) {
    problems.push(`resultRetentionDays must be a whole number of days from 1 to ${MAX_RESULT_RETENTION_DAYS}`);
  }
  if (!Number.isInteger(settings.inboxRetentionDays) || settings.inboxRetentionDays < 1 || settings.inboxRetentionDays > MAX_RESULT_RETENTION_DAYS) {
    problems.push(`inboxRetentionDays must be a whole number of days from 1 to ${MAX_RESULT_RETENTION_DAYS}`);
  }
  if (settings.intakeFilesTimeout.toSeconds() > 900) problems.push('intakeFilesTimeout cannot exceed 15 minutes');
  problems.push(...retentionProblems(settings), ...backupTagProblems(settings.backupTag));
  // A pointer to a claim-check object may sit in a DLQ until deadLetterRetention; the object must outlive it.
  if (!Number.isInteger(settings.claimCheckRetentionDays) || settings.claimCheckRetentionDays <= settings.deadLetterRetention.toDays({ integral: false })) {
    problems.push(`claimCheckRetentionDays must be a whole number of days longer than deadLetterRetention (${settings.deadLetterRetention.toHumanString()}), or a message could outlive the body it points to`);
  }
  if (!Number.isInteger(settings.failedRecordsAlarmThreshold) || settings.failedRecordsAlarmThreshold < 1) problems.push('failedRecordsAlarmThreshold must be a whole number ≥ 1');
  // AWS: at least six times the function timeout, plus the batching window the poller may wait.
  const intakeVisibilityTimeout = Duration.seconds(6 * settings.functionTimeout.toSeconds() + settings.maxBatchingWindow.toSeconds());
  if (intakeVisibilityTimeout.toSeconds() > 43_200) problems.push('functionTimeout is too long: six times it must fit in the 12-hour visibility timeout limit');
  if (problems.length > 0) throw new Error(`ClaimScrubber: ${problems.join('; ')}`);
  return { ...settings, intakeVisibilityTimeout };
}

/**
 * A message moved to a DLQ keeps its original enqueue time, and SQS expires it by that time: a DLQ that
 * keeps messages no longer than its source queue could drop a message the moment it arrives. Each age
 * alarm must fire while the message it warns about can still be read.
 */
function retentionProblems(s: Pick<Settings, 'messageRetention' | 'deadLetterRetention' | 'maxIntakeAge' | 'maxOutputQueueAge' | 'maxDeadLetterAge'>): string[] {
  const problems: string[] = [];
  const seconds = (d: Duration) => d.toSeconds();
  for (const [name, retention] of [['messageRetention', s.messageRetention], ['deadLetterRetention', s.deadLetterRetention]] as const) {
    if (seconds(retention) < seconds(MIN_RETENTION) || seconds(retention) > seconds(MAX_RETENTION)) problems.push(`${name} must be from 1 minute to 14 days (the SQS limits)`);
  }
  if (seconds(s.deadLetterRetention) <= seconds(s.messageRetention)) {
    problems.push(
      `deadLetterRetention (${s.deadLetterRetention.toHumanString()}) must be longer than messageRetention (${s.messageRetention.toHumanString()}): a message keeps its first enqueue time in the DLQ and would expire there at once`,
    );
  }
  for (const [name, age] of [['maxIntakeAge', s.maxIntakeAge], ['maxOutputQueueAge', s.maxOutputQueueAge]] as const) {
    if (seconds(age) >= seconds(s.messageRetention)) problems.push(`${name} must be shorter than messageRetention, or the alarm fires after the message has expired`);
  }
  // A message may spend up to messageRetention in its source queue before it reaches the DLQ.
  if (seconds(s.maxDeadLetterAge) >= seconds(s.deadLetterRetention) - seconds(s.messageRetention)) {
    problems.push('maxDeadLetterAge must be shorter than deadLetterRetention minus messageRetention, or a dead letter may expire before its age alarm fires');
  }
  return problems;
}
