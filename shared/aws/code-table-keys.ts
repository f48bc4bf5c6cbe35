import type { CodeKind, CodeRecord } from '../codes/code-record.ts';
import type { PayerRecord } from '../payers/payer-policy.ts';
import type { CODES_PARTITION_KEY } from './table-schemas.ts';

/**
 * The code table has one string partition key, `pk`, and no sort key. Every record's key names its
 * release (or payer policy version), so loading a new release writes new items only and never
 * touches the ones claims are being scrubbed with; and keys spread over many partitions.
 */
export const ACTIVE_DATA_KEY = 'ACTIVE';

// Items below name the key `pk` as a plain property; this fails to compile if the table's schema names another.
const KEY_NAME_MATCHES_SCHEMA: typeof CODES_PARTITION_KEY = 'pk';
void KEY_NAME_MATCHES_SCHEMA;

export function codeKey(release: string, kind: CodeKind, code: string): string {
  return `CODE#${release}#${kind === 'procedure' ? 'P' : 'M'}#${code.toUpperCase()}`;
}

export function payerKey(policyVersion: string, payerId: string): string {
  return `PAYER#${policyVersion}#${payerId}`;
}

/** Written last by a load: a release without its manifest is incomplete and is never activated. */
export function releaseManifestKey(release: string): string {
  return `RELEASE#${release}`;
}

export function policyManifestKey(version: string): string {
  return `POLICY#${version}`;
}

export type TableItem = Record<string, unknown>;

export function codeItem(release: string, record: CodeRecord): TableItem {
  return { pk: codeKey(release, record.kind, record.code), ...record };
}

export function payerItem(policyVersion: string, record: PayerRecord): TableItem {
  return { pk: payerKey(policyVersion, record.id), ...record };
}

/** The table is written only by load-code-data from validated records, so the shape is trusted. */
export function recordFromItem<T>(item: TableItem): T {
  const { pk: _pk, ...record } = item;
  return record as T;
}
