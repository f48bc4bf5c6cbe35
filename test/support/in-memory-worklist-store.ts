import { listOrderOf, matchesFilters } from '../../shared/application/worklist/filters.ts';
import type { ListFilters } from '../../shared/application/worklist/api.ts';
import type { ItemState } from '../../shared/application/worklist/model.ts';
import type { ClaimBody, ListedItem, ListPage, SaveOutcome, StoredItem, WorklistStore } from '../../shared/application/worklist/ports.ts';

/** The worklist store in memory, with the DynamoDB store's conditions: a save names the revision it read. */
export class InMemoryWorklistStore implements WorklistStore {
  readonly items = new Map<string, StoredItem>();
  readonly bodies = new Map<string, ClaimBody>();
  /** Runs before a save's condition is checked: a test writes the item meanwhile, as a racing writer would. */
  beforeSave: ((stored: StoredItem) => void) | undefined;

  async get(reference: string): Promise<StoredItem | undefined> {
    const stored = this.items.get(reference);
    return stored ? structuredClone(stored) : undefined;
  }

  async save(stored: StoredItem, expectedRevision: number | undefined): Promise<SaveOutcome> {
    const hook = this.beforeSave;
    this.beforeSave = undefined;
    hook?.(stored);
    const current = this.items.get(stored.item.claimReference);
    if (current?.revision !== expectedRevision) return 'conflict';
    this.items.set(stored.item.claimReference, structuredClone(stored));
    return 'saved';
  }

  async getClaimBody(reference: string, claimVersion: string): Promise<ClaimBody | undefined> {
    return this.bodies.get(`${reference}#${claimVersion}`);
  }

  async putClaimBody(reference: string, body: ClaimBody): Promise<void> {
    this.bodies.set(`${reference}#${body.claimVersion}`, body);
  }

  async list(billingNpis: readonly string[], state: ItemState, filters: ListFilters, after: string | undefined, limit: number): Promise<ListPage> {
    const rows = (await this.listAll(billingNpis, state)).filter((r) => matchesFilters(r, filters)).map((row) => ({ row, order: listOrderOf(row) }));
    const sorted = rows.filter((r) => after === undefined || r.order > after).sort((a, b) => a.order.localeCompare(b.order));
    const page = sorted.slice(0, limit);
    return { rows: page.map((r) => r.row), ...(sorted.length > limit ? { after: page.at(-1)?.order as string } : {}) };
  }

  async listAll(billingNpis: readonly string[], state: ItemState): Promise<ListedItem[]> {
    return [...this.items.values()].map((s) => s.item).filter((i) => i.state === state && i.billingNpi !== null && billingNpis.includes(i.billingNpi));
  }
}
