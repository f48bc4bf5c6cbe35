import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Claim } from '../claim/contract.ts';
import type { CodeRecord } from '../codes/code-record.ts';
import { CodeSet } from '../codes/code-set.ts';
import { PayerPolicy, type PayerRecord } from '../payers/payer-policy.ts';
import type { ScrubData } from '../scrub/scrub.ts';
import { CodeDataNotLoadedError, readActiveData, type ActiveData } from './active-data.ts';
import { codeKey, payerKey, recordFromItem, type TableItem } from './code-table-keys.ts';
import { retryUntil } from './retry.ts';

/** BatchGetItem's limit. */
const MAX_KEYS_PER_REQUEST = 100;
/** Two full releases of procedures and modifiers, with room for payers: memory stays a few MB. */
const DEFAULT_CACHE_LIMIT = 20_000;
const UNPROCESSED_KEYS_BUDGET_MS = 5_000;

export interface CodeDataReaderOptions {
  ddb: DynamoDBDocumentClient;
  table: string;
  activeDataTtlMs: number;
  cacheLimit?: number;
}

/**
 * Per-container cache of code and payer records, keyed by table key. Keys embed the release, and a
 * release never changes once loaded, so an entry (including "no such code") never goes stale: only the
 * active-release pointer is re-read, at most once per `activeDataTtlMs`.
 */
export class CodeDataReader {
  private readonly options: CodeDataReaderOptions;
  private readonly cache = new Map<string, TableItem | null>();
  private active: { value: ActiveData; readAt: number } | undefined;

  constructor(options: CodeDataReaderOptions) {
    this.options = options;
  }

  /** The records the rules need for these claims (every code, modifier and payer they name), as lookups. */
  async dataFor(claims: readonly Claim[]): Promise<ScrubData> {
    const active = await this.activeData();
    const keys = new Set<string>();
    for (const claim of claims) {
      keys.add(payerKey(active.payerPolicyVersion, claim.payer.id));
      for (const line of claim.lines) {
        keys.add(codeKey(active.codeRelease, 'procedure', line.procedureCode));
        for (const modifier of line.modifiers ?? []) keys.add(codeKey(active.codeRelease, 'modifier', modifier));
      }
    }
    await this.fetchMissing([...keys].filter((key) => !this.cache.has(key)));

    const codes: CodeRecord[] = [];
    const payers: PayerRecord[] = [];
    for (const key of keys) {
      const item = this.cache.get(key);
      if (!item) continue;
      if (key.startsWith('PAYER#')) payers.push(recordFromItem<PayerRecord>(item));
      else codes.push(recordFromItem<CodeRecord>(item));
    }
    return {
      codes: new CodeSet(active.codeRelease, codes),
      payers: new PayerPolicy({ version: active.payerPolicyVersion, payers }),
    };
  }

  async activeData(): Promise<ActiveData> {
    const now = Date.now();
    if (this.active && now - this.active.readAt < this.options.activeDataTtlMs) return this.active.value;
    const value = await readActiveData(this.options.ddb, this.options.table);
    if (!value) throw new CodeDataNotLoadedError(this.options.table);
    this.active = { value, readAt: now };
    return value;
  }

  private async fetchMissing(keys: string[]): Promise<void> {
    const chunks: string[][] = [];
    for (let i = 0; i < keys.length; i += MAX_KEYS_PER_REQUEST) chunks.push(keys.slice(i, i + MAX_KEYS_PER_REQUEST));
    await Promise.all(chunks.map((chunk) => this.fetchChunk(chunk)));
  }

  private async fetchChunk(keys: string[]): Promise<void> {
    const { ddb, table } = this.options;
    let remaining = keys.map((pk) => ({ pk }));
    const deadline = Date.now() + UNPROCESSED_KEYS_BUDGET_MS;
    await retryUntil(deadline, async () => {
      const response = await ddb.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: remaining } } }));
      for (const item of response.Responses?.[table] ?? []) this.remember(String(item.pk), item);
      remaining = (response.UnprocessedKeys?.[table]?.Keys ?? []) as Array<{ pk: string }>;
      if (remaining.length > 0) throw new Error(`DynamoDB left ${remaining.length} keys unprocessed`);
    });
    // Whatever was asked for and not returned does not exist in this release: remember that too.
    for (const pk of keys) if (!this.cache.has(pk)) this.remember(pk, null);
  }

  private remember(key: string, item: TableItem | null): void {
    if (this.cache.size >= (this.options.cacheLimit ?? DEFAULT_CACHE_LIMIT)) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(key, item);
  }
}
