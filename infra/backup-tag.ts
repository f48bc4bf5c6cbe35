import { Tags } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export interface BackupTag {
  readonly key: string;
  readonly value: string;
}

/** What an AWS Backup plan selects the construct's tables, buckets, queues, key and secret by, unless told otherwise. */
export const DEFAULT_BACKUP_TAG: BackupTag = { key: 'backup', value: 'claim-scrubber' };

/** Tags every resource under each construct given; resources that take no tags are left alone. */
export function tagForBackup(stateful: readonly IConstruct[], tag: BackupTag): void {
  for (const construct of stateful) Tags.of(construct).add(tag.key, tag.value);
}

/** AWS's limits on a tag, checked at synth rather than at deploy. */
export function backupTagProblems(tag: BackupTag): string[] {
  const problems: string[] = [];
  if (tag.key.length < 1 || tag.key.length > 128) problems.push('backupTag.key must be 1 to 128 characters');
  if (tag.value.length > 256) problems.push('backupTag.value must be at most 256 characters');
  if (tag.key.toLowerCase().startsWith('aws:')) problems.push("backupTag.key cannot start with 'aws:' (reserved by AWS)");
  return problems;
}
