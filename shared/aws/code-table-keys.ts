import { createHash } from 'node:crypto';
import type { CodeKind, CodeRecord } from '../codes/code-record.ts';
import type { CodeSet } from '../codes/code-set.ts';
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

/**
 * The key a release's records are stored under: the release id, and with a user's CPT file the id plus a
 * digest of the records. Loaded items never change (scrubbers cache them, and their absence, for good),
 * so the same CMS release with and without a CPT file, or with another CPT file, is stored apart; the
 * same data loaded again gets the same key and is only re-activated.
 */
export function codeDataKey(codes: CodeSet): string {
  if (codes.cptSource === undefined) return codes.release;
  const digest = createHash('sha256');
  for (const record of codes.records()) digest.update(JSON.stringify(record)).update('\n');
  return `${codes.release}+CPT-${digest.digest('hex').slice(0, 12)}`;
}

export function codeKey(dataKey: string, kind: CodeKind, code: string): string {
  return `CODE#${dataKey}#${kind === 'procedure' ? 'P' : 'M'}#${code.toUpperCase()}`;
}

export function payerKey(policyVersion: string, payerId: string): string {
  return `PAYER#${policyVersion}#${payerId}`;
}

/** Written last by a load: a release without its manifest is incomplete and is never activated. */
export function releaseManifestKey(dataKey: string): string {
  return `RELEASE#${dataKey}`;
}

export function policyManifestKey(version: string): string {
  return `POLICY#${version}`;
}

export type TableItem = Record<string, unknown>;

export function codeItem(dataKey: string, record: CodeRecord): TableItem {
  return { pk: codeKey(dataKey, record.kind, record.code), ...record };
}

export function payerItem(policyVersion: string, record: PayerRecord): TableItem {
  return { pk: payerKey(policyVersion, record.id), ...record };
}

/** The table is written only by load-code-data from validated records, so the shape is trusted. */
export function recordFromItem<T>(item: TableItem): T {
  const { pk: _pk, ...record } = item;
  return record as T;
}
