import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CodeSet } from '../codes/code-set.ts';
import type { PayerPolicy } from '../payers/payer-policy.ts';
import { activateData, readActiveData, type ActiveData } from './active-data.ts';
import { MAX_ITEMS_PER_BATCH_WRITE, putItems } from './batch-write.ts';
import { codeDataKey, codeItem, payerItem, policyManifestKey, releaseManifestKey, type TableItem } from './code-table-keys.ts';

export interface LoadProgress {
  written: number;
  total: number;
}

export interface LoadCodeDataOptions {
  ddb: DynamoDBDocumentClient;
  table: string;
  codes: CodeSet;
  payers: PayerPolicy;
  /** Switch the scrubber to this release once loaded (default true). */
  activate?: boolean;
  /** Rewrite a release that is already fully loaded (default false: such a load only re-activates). */
  force?: boolean;
  /** Parallel BatchWriteItem requests (default 4). */
  concurrency?: number;
  onProgress?: (progress: LoadProgress) => void;
}

export interface LoadOutcome {
  release: string;
  /** The key the release's records are stored under (the release id, plus a digest when a CPT file came with it). */
  codeDataKey: string;
  payerPolicyVersion: string;
  /** Code records written; 0 when the release was already loaded. */
  codesWritten: number;
  payersWritten: number;
  alreadyLoaded: boolean;
  previous: ActiveData | undefined;
  active: ActiveData | undefined;
}

const CHUNK_BUDGET_MS = 60_000;

/**
 * Loads a release and a payer policy under their own versioned keys, writes each one's manifest last,
 * then flips the active pointer: scrubbers keep reading the old release until the flip.
 */
export async function loadCodeData(options: LoadCodeDataOptions): Promise<LoadOutcome> {
  const { ddb, table, codes, payers } = options;
  const previous = await readActiveData(ddb, table);
  const dataKey = codeDataKey(codes);
  const alreadyLoaded = !options.force && (await hasItem(ddb, table, releaseManifestKey(dataKey)));

  const codeItems = alreadyLoaded ? [] : [...codes.records()].map((record) => codeItem(dataKey, record));
  const payerItems = payers.records().map((record) => payerItem(payers.version, record));
  const total = codeItems.length + payerItems.length;
  let written = 0;
  options.onProgress?.({ written, total });
  await writeAll(ddb, table, [...codeItems, ...payerItems], options.concurrency ?? 4, (count) => {
    written += count;
    options.onProgress?.({ written, total });
  });

  const loadedAt = new Date().toISOString();
  // What the release is, beside its counts: its id, dates and CPT file stay readable from the table itself.
  const about = { codeRelease: codes.release, ...(codes.coverage ? { coverage: codes.coverage } : {}), ...(codes.cptSource ? { cptSource: codes.cptSource } : {}) };
  if (!alreadyLoaded) {
    const { procedures, modifiers } = codes.size;
    await ddb.send(new PutCommand({ TableName: table, Item: { pk: releaseManifestKey(dataKey), ...about, procedures, modifiers, loadedAt } }));
  }
  await ddb.send(new PutCommand({ TableName: table, Item: { pk: policyManifestKey(payers.version), payers: payerItems.length, loadedAt } }));

  const active =
    options.activate === false
      ? undefined
      : await activateData(ddb, table, { ...about, codeDataKey: dataKey, payerPolicyVersion: payers.version }, previous);
  return {
    release: codes.release,
    codeDataKey: dataKey,
    payerPolicyVersion: payers.version,
    codesWritten: codeItems.length,
    payersWritten: payerItems.length,
    alreadyLoaded,
    previous,
    active,
  };
}

async function writeAll(
  ddb: DynamoDBDocumentClient,
  table: string,
  items: readonly TableItem[],
  concurrency: number,
  onWritten: (count: number) => void,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const chunk = items.slice(next, next + MAX_ITEMS_PER_BATCH_WRITE);
      next += chunk.length;
      await putItems(ddb, table, chunk, Date.now() + CHUNK_BUDGET_MS);
      onWritten(chunk.length);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function hasItem(ddb: DynamoDBDocumentClient, table: string, pk: string): Promise<boolean> {
  const { Item } = await ddb.send(new GetCommand({ TableName: table, Key: { pk }, ConsistentRead: true }));
  return Item !== undefined;
}
