import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CodeSet } from '../codes/code-set.ts';
import type { NcciProgram, NcciSet } from '../ncci/ncci-edits.ts';
import type { PayerPolicy } from '../payers/payer-policy.ts';
import { activateData, activeNcciOf, CodeDataNotLoadedError, readActiveData, type ActiveData, type ActiveNcci } from './active-data.ts';
import { MAX_ITEMS_PER_BATCH_WRITE, putItems } from './batch-write.ts';
import {
  codeDataKey,
  codeItem,
  ncciDataKey,
  ncciItem,
  ncciManifestKey,
  ncciRecords,
  payerItem,
  policyManifestKey,
  releaseManifestKey,
  sortedTables,
  type TableItem,
} from './code-table-keys.ts';

export interface LoadProgress {
  written: number;
  total: number;
}

export interface LoadCodeDataOptions {
  ddb: DynamoDBDocumentClient;
  table: string;
  codes: CodeSet;
  payers: PayerPolicy;
  /**
   * NCCI edits to load with the release and activate with it. Without them the pointer keeps the NCCI
   * tables it names today (a reload of HCPCS data does not drop an operator's NCCI tables), unless
   * `removeNcci` is set.
   */
  ncci?: NcciSet | undefined;
  /** Activate the release without NCCI tables (their items stay in the table, unused). */
  removeNcci?: boolean;
  /** Switch the scrubber to this release once loaded (default true). */
  activate?: boolean;
  /** Rewrite a release (and NCCI tables) already fully loaded (default false: such a load only re-activates). */
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
  /** The NCCI tables loaded by this call, if it was given any. */
  ncci?: NcciLoadOutcome;
  previous: ActiveData | undefined;
  active: ActiveData | undefined;
}

export interface NcciLoadOutcome {
  ncciKey: string;
  release: string;
  tables: { mue: NcciProgram[]; ptp: NcciProgram[] };
  mueEdits: number;
  ptpEdits: number;
  /** MUE and PTP items written; 0 when these tables were already loaded. */
  itemsWritten: number;
  alreadyLoaded: boolean;
}

const CHUNK_BUDGET_MS = 60_000;

/**
 * Loads a release, a payer policy and optionally NCCI tables under their own versioned keys, writes
 * each one's manifest last, then flips the active pointer: scrubbers keep reading the old release
 * until the flip.
 */
export async function loadCodeData(options: LoadCodeDataOptions): Promise<LoadOutcome> {
  const { ddb, table, codes, payers, ncci } = options;
  if (ncci && options.removeNcci) throw new Error('NCCI tables cannot be loaded and removed at once');
  const previous = await readActiveData(ddb, table);
  const dataKey = codeDataKey(codes);
  const alreadyLoaded = !options.force && (await hasItem(ddb, table, releaseManifestKey(dataKey)));
  const ncciPlan = ncci ? await planNcci(ddb, table, ncci, options.force === true) : undefined;

  const codeItems = alreadyLoaded ? [] : [...codes.records()].map((record) => codeItem(dataKey, record));
  const payerItems = payers.records().map((record) => payerItem(payers.version, record));
  const ncciItems = ncciPlan && !ncciPlan.alreadyLoaded ? ncciPlan.items() : [];
  const ncciItemCount = ncciPlan && !ncciPlan.alreadyLoaded ? ncciPlan.itemCount : 0;
  const total = codeItems.length + payerItems.length + ncciItemCount;
  let written = 0;
  options.onProgress?.({ written, total });
  await writeAll(ddb, table, chain(codeItems, payerItems, ncciItems), options.concurrency ?? 4, (count) => {
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
  if (ncciPlan && !ncciPlan.alreadyLoaded) await putNcciManifest(ddb, table, ncciPlan, loadedAt);

  const activeNcci: ActiveNcci = ncciPlan
    ? { ncciKey: ncciPlan.ncciKey, ncciRelease: ncciPlan.release, ncciTables: ncciPlan.tables }
    : options.removeNcci
      ? {}
      : activeNcciOf(previous);
  const active =
    options.activate === false
      ? undefined
      : await activateData(ddb, table, { ...about, codeDataKey: dataKey, payerPolicyVersion: payers.version, ...activeNcci }, previous);
  return {
    release: codes.release,
    codeDataKey: dataKey,
    payerPolicyVersion: payers.version,
    codesWritten: codeItems.length,
    payersWritten: payerItems.length,
    alreadyLoaded,
    ...(ncciPlan ? { ncci: ncciOutcome(ncciPlan) } : {}),
    previous,
    active,
  };
}

export interface LoadNcciDataOptions {
  ddb: DynamoDBDocumentClient;
  table: string;
  ncci: NcciSet;
  activate?: boolean;
  force?: boolean;
  concurrency?: number;
  onProgress?: (progress: LoadProgress) => void;
}

/**
 * Loads NCCI tables alone and switches the active pointer to them, keeping the code release and payer
 * policy it names: adding this quarter's edits does not touch the release claims are scrubbed with.
 * Throws CodeDataNotLoadedError when no release is active (load one with the tables instead).
 */
export async function loadNcciData(options: LoadNcciDataOptions): Promise<NcciLoadOutcome & { previous: ActiveData; active: ActiveData | undefined }> {
  const { ddb, table, ncci } = options;
  const previous = await readActiveData(ddb, table);
  if (!previous) throw new CodeDataNotLoadedError(table);
  const plan = await planNcci(ddb, table, ncci, options.force === true);
  const total = plan.alreadyLoaded ? 0 : plan.itemCount;
  let written = 0;
  options.onProgress?.({ written, total });
  if (!plan.alreadyLoaded) {
    await writeAll(ddb, table, plan.items(), options.concurrency ?? 4, (count) => {
      written += count;
      options.onProgress?.({ written, total });
    });
    await putNcciManifest(ddb, table, plan, new Date().toISOString());
  }
  const { generation: _generation, activatedAt: _activatedAt, ...kept } = previous;
  const active =
    options.activate === false
      ? undefined
      : await activateData(ddb, table, { ...kept, ncciKey: plan.ncciKey, ncciRelease: plan.release, ncciTables: plan.tables }, previous);
  return { ...ncciOutcome(plan), previous, active };
}

/** Switches the active pointer to no NCCI tables, keeping its release and payer policy; their items stay, unused. */
export async function removeNcciData(options: { ddb: DynamoDBDocumentClient; table: string }): Promise<{ previous: ActiveData; active: ActiveData }> {
  const { ddb, table } = options;
  const previous = await readActiveData(ddb, table);
  if (!previous) throw new CodeDataNotLoadedError(table);
  const { generation: _generation, activatedAt: _activatedAt, ncciKey: _key, ncciRelease: _release, ncciTables: _tables, ...kept } = previous;
  return { previous, active: await activateData(ddb, table, kept, previous) };
}

function ncciOutcome(plan: NcciPlan): NcciLoadOutcome {
  return {
    ncciKey: plan.ncciKey,
    release: plan.release,
    tables: plan.tables,
    mueEdits: plan.mueEdits,
    ptpEdits: plan.ptpEdits,
    itemsWritten: plan.alreadyLoaded ? 0 : plan.itemCount,
    alreadyLoaded: plan.alreadyLoaded,
  };
}

async function putNcciManifest(ddb: DynamoDBDocumentClient, table: string, plan: NcciPlan, loadedAt: string): Promise<void> {
  const { ncciKey, release, tables, mueEdits, ptpEdits, itemCount } = plan;
  await ddb.send(new PutCommand({ TableName: table, Item: { pk: ncciManifestKey(ncciKey), ncciRelease: release, ncciTables: tables, mueEdits, ptpEdits, items: itemCount, loadedAt } }));
}

interface NcciPlan {
  ncciKey: string;
  release: string;
  tables: { mue: NcciProgram[]; ptp: NcciProgram[] };
  mueEdits: number;
  ptpEdits: number;
  itemCount: number;
  alreadyLoaded: boolean;
  /** The items, made as they are written: a million PTP edits are never all encoded at once. */
  items: () => Iterable<TableItem>;
}

/**
 * The NCCI set's key, counts and whether it is loaded already: one pass over the edits for the digest
 * and, unless the manifest of a load of the same tables gives them, one for the counts.
 */
async function planNcci(ddb: DynamoDBDocumentClient, table: string, ncci: NcciSet, force: boolean): Promise<NcciPlan> {
  const ncciKey = ncciDataKey(ncci);
  const { Item: manifest } = await ddb.send(new GetCommand({ TableName: table, Key: { pk: ncciManifestKey(ncciKey) }, ConsistentRead: true }));
  const plan = {
    ncciKey,
    release: ncci.release,
    tables: sortedTables(ncci.tables),
    items: function* () {
      for (const record of ncciRecords(ncci)) yield ncciItem(ncciKey, record);
    },
  };
  const counted = [manifest?.mueEdits, manifest?.ptpEdits, manifest?.items];
  if (!force && counted.every((n) => typeof n === 'number')) {
    const [mueEdits = 0, ptpEdits = 0, itemCount = 0] = counted as number[];
    return { ...plan, mueEdits, ptpEdits, itemCount, alreadyLoaded: true };
  }
  let mueEdits = 0;
  let ptpEdits = 0;
  let itemCount = 0;
  for (const record of ncciRecords(ncci)) {
    itemCount++;
    if (record.kind === 'mue') mueEdits++;
    else ptpEdits += record.edits.length;
  }
  return { ...plan, mueEdits, ptpEdits, itemCount, alreadyLoaded: !force && manifest !== undefined };
}

function* chain<T>(...parts: Array<Iterable<T>>): Generator<T> {
  for (const part of parts) yield* part;
}

/**
 * Writes items with `concurrency` BatchWriteItem requests in flight, taking them from the iterable as
 * each request goes out: memory holds the requests in flight, not the whole load.
 */
async function writeAll(
  ddb: DynamoDBDocumentClient,
  table: string,
  items: Iterable<TableItem>,
  concurrency: number,
  onWritten: (count: number) => void,
): Promise<void> {
  const source = items[Symbol.iterator]();
  let done = false;
  const take = (): TableItem[] => {
    const chunk: TableItem[] = [];
    while (!done && chunk.length < MAX_ITEMS_PER_BATCH_WRITE) {
      const next = source.next();
      if (next.done) done = true;
      else chunk.push(next.value);
    }
    return chunk;
  };
  const worker = async () => {
    for (let chunk = take(); chunk.length > 0; chunk = take()) {
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
