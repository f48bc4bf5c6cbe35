import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Claim } from '../claim/contract.ts';
import type { CodeRecord } from '../codes/code-record.ts';
import { CodeSet } from '../codes/code-set.ts';
import { NcciSet, type MueEdit, type PtpEdit } from '../ncci/ncci-edits.ts';
import { PayerPolicy, type PayerRecord } from '../payers/payer-policy.ts';
import type { ScrubData } from '../scrub/scrub.ts';
import { activeDataFromItem, CodeDataNotLoadedError, type ActiveData } from './active-data.ts';
import { batchGet, type Item, type TableRead } from './batch-get.ts';
import {
  ACTIVE_DATA_KEY,
  codeKey,
  keyKind,
  mueEditFromItem,
  mueKey,
  payerKey,
  ptpEditsFromItem,
  ptpKey,
  ptpPartKey,
  ptpPartsOf,
  recordFromItem,
  type TableItem,
} from './code-table-keys.ts';

/** Two full releases of procedures and modifiers, with room for payers: memory stays a few MB. */
const DEFAULT_CACHE_LIMIT = 20_000;

export interface CodeDataReaderOptions {
  ddb: DynamoDBDocumentClient;
  table: string;
  activeDataTtlMs: number;
  cacheLimit?: number;
}

/** A batch's reads: the code data its claims need, and the items of the other tables read with it. */
export interface BatchReads {
  data: ScrubData;
  /** By table: the items found for the keys asked for alongside. */
  alongside: Map<string, Item[]>;
}

/**
 * Per-container cache of code and payer records, keyed by table key. Keys embed the release, and a
 * release never changes once loaded, so an entry (including "no such code") never goes stale: only the
 * active-release pointer is re-read, at most once per `activeDataTtlMs`.
 *
 * A batch's reads go out as one BatchGetItem: the caller's keys (the results table's idempotency
 * check), the codes this container lacks and, when its TTL has run out, the pointer. Only a cold
 * container and the first batch after a release switch need a second request, for the codes of a
 * release the first request did not know of.
 *
 * When the pointer names NCCI tables, each code's MUE item and PTP item (the code as column 1) are
 * keys like the codes': asked for in the same request, cached the same way, and handed to the rules
 * as an NcciSet slice that knows which tables are loaded. A PTP list split over several items needs
 * one more request for its further parts, the first time only.
 */
export class CodeDataReader {
  private readonly options: CodeDataReaderOptions;
  private readonly cache = new Map<string, TableItem | null>();
  private active: { value: ActiveData; readAt: number } | undefined;

  constructor(options: CodeDataReaderOptions) {
    this.options = options;
  }

  /** The records the rules need for these claims (every code, modifier and payer they name, and the codes' NCCI edits), plus `alongside`. */
  async read(claims: readonly Claim[], alongside: Readonly<Record<string, TableRead>> = {}): Promise<BatchReads> {
    const { ddb, table, activeDataTtlMs } = this.options;
    if (table in alongside) throw new Error(`the code table ${table} cannot be read alongside itself`);
    const now = Date.now();
    const known = this.active;
    const pointerDue = !known || now - known.readAt >= activeDataTtlMs;
    // Keys under the release this container knows. Should the pointer read with them name another
    // release, they were merely cached early: a release's items never change.
    const guessed = known ? this.uncached(this.keysFor(claims, known.value)) : [];
    const codeKeys = pointerDue ? [ACTIVE_DATA_KEY, ...guessed] : guessed;
    const reads = codeKeys.length > 0 ? { ...alongside, [table]: codeRead(codeKeys) } : alongside;
    const items = Object.keys(reads).length > 0 ? await batchGet(ddb, reads) : new Map<string, Item[]>();

    const codeItems = items.get(table) ?? [];
    items.delete(table);
    let active = known?.value;
    if (pointerDue) {
      const pointer = codeItems.find((item) => item.pk === ACTIVE_DATA_KEY);
      if (!pointer) throw new CodeDataNotLoadedError(table);
      active = activeDataFromItem(pointer);
      this.active = { value: active, readAt: now };
    }
    if (!active) throw new CodeDataNotLoadedError(table);
    this.rememberFetched(guessed, codeItems);

    const keys = this.keysFor(claims, active);
    const missing = this.uncached(keys);
    if (missing.length > 0) this.rememberFetched(missing, (await batchGet(ddb, { [table]: codeRead(missing) })).get(table) ?? []);
    // A PTP list too long for one item goes on in numbered parts, which part 1 counts: rare, and cached once read.
    const partKeys = this.ptpPartKeys(keys);
    for (const key of partKeys) keys.add(key);
    const missingParts = this.uncached(partKeys);
    if (missingParts.length > 0) this.rememberFetched(missingParts, (await batchGet(ddb, { [table]: codeRead(missingParts) })).get(table) ?? []);
    return { data: this.assemble(active, keys), alongside: items };
  }

  private keysFor(claims: readonly Claim[], active: ActiveData): Set<string> {
    const keys = new Set<string>();
    const { ncciKey, ncciTables } = active;
    for (const claim of claims) {
      keys.add(payerKey(active.payerPolicyVersion, claim.payer.id));
      for (const line of claim.lines) {
        keys.add(codeKey(active.codeDataKey, 'procedure', line.procedureCode));
        for (const modifier of line.modifiers ?? []) keys.add(codeKey(active.codeDataKey, 'modifier', modifier));
        // Every code's MUE and its PTP list as column 1, in every table loaded: the rules pick the program by payer.
        if (ncciKey && ncciTables) {
          for (const program of ncciTables.mue) keys.add(mueKey(ncciKey, program, line.procedureCode));
          for (const program of ncciTables.ptp) keys.add(ptpKey(ncciKey, program, line.procedureCode));
        }
      }
    }
    return keys;
  }

  /** The further parts of the PTP lists among `keys` that were split over several items. */
  private ptpPartKeys(keys: Set<string>): Set<string> {
    const parts = new Set<string>();
    for (const key of keys) {
      const item = keyKind(key) === 'ptp' ? this.cache.get(key) : undefined;
      if (!item || item.part !== 1) continue;
      for (let part = 2; part <= ptpPartsOf(item); part++) parts.add(ptpPartKey(key, part));
    }
    return parts;
  }

  private uncached(keys: Set<string>): string[] {
    return [...keys].filter((key) => !this.cache.has(key));
  }

  private assemble(active: ActiveData, keys: Set<string>): ScrubData {
    const codes: CodeRecord[] = [];
    const payers: PayerRecord[] = [];
    const mue: MueEdit[] = [];
    const ptp: PtpEdit[] = [];
    for (const key of keys) {
      const item = this.cache.get(key);
      if (!item) continue;
      const kind = keyKind(key);
      if (kind === 'payer') payers.push(recordFromItem<PayerRecord>(item));
      else if (kind === 'mue') mue.push(mueEditFromItem(item));
      else if (kind === 'ptp') ptp.push(...ptpEditsFromItem(item));
      else codes.push(recordFromItem<CodeRecord>(item));
    }
    const { ncciKey, ncciTables } = active;
    return {
      codes: new CodeSet(active.codeRelease, codes, { coverage: active.coverage, cptSource: active.cptSource }),
      payers: new PayerPolicy({ version: active.payerPolicyVersion, payers }),
      // A slice of the loaded tables: it knows which tables exist even when the claims' codes have no edits.
      ...(ncciKey && ncciTables ? { ncci: new NcciSet(active.ncciRelease ?? ncciKey, { mue, ptp }, ncciTables) } : {}),
    };
  }

  /** Caches what came back, and remembers every key asked for that did not: it is not in that release. */
  private rememberFetched(asked: readonly string[], items: readonly Item[]): void {
    for (const item of items) if (item.pk !== ACTIVE_DATA_KEY) this.remember(String(item.pk), item);
    for (const pk of asked) if (!this.cache.has(pk)) this.remember(pk, null);
  }

  private remember(key: string, item: TableItem | null): void {
    if (this.cache.size >= (this.options.cacheLimit ?? DEFAULT_CACHE_LIMIT)) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(key, item);
  }
}

/**
 * Strongly consistent, for the pointer and the codes alike: a key is asked for once and its absence
 * is cached for good, so an eventually consistent read racing a load's writes must not answer it.
 */
function codeRead(keys: readonly string[]): TableRead {
  return { keys: keys.map((pk) => ({ pk })), consistentRead: true };
}
