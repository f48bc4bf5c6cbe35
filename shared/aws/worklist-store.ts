import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ListFilters } from '../application/worklist/api.ts';
import { listOrderOf, matchesFilters } from '../application/worklist/filters.ts';
import type { ItemState, WorklistItem } from '../application/worklist/model.ts';
import type { ClaimBody, ListedItem, ListPage, SaveOutcome, StoredItem, WorklistStore } from '../application/worklist/ports.ts';
import { DEFAULT_RESULT_RETENTION_DAYS } from './config.ts';
import { WORKLIST_LIST_INDEX, WORKLIST_TTL_ATTRIBUTE, WORKLIST_LIST_ORDER, WORKLIST_LIST_PARTITION, WORKLIST_PARTITION_KEY, WORKLIST_SORT_KEY } from './table-schemas.ts';

const ITEM_SORT_KEY = 'item';
const CLAIM_SORT_PREFIX = 'claim#';
/** Rows read per query while filling a page: a page of 50 with a selective filter takes a few of these. */
const QUERY_PAGE = 200;

/**
 * The worklist in DynamoDB (table schema in table-schemas.ts). Per claim, under `item#<reference>`: the
 * item row, which carries the item, its scrub history and its audit trail, so one conditional PutItem
 * changes the item and appends its audit entry together (DynamoDB transactions would do the same for
 * two rows, but the local emulator has none); and a row per claim version routed with the claim and its
 * result. The item row also holds the list index's keys: `<npi>#<state>` and the list order.
 */
export class DynamoWorklistStore implements WorklistStore {
  private readonly ddb: DynamoDBDocumentClient;
  private readonly table: string;
  private readonly retentionSeconds: number;

  constructor(ddb: DynamoDBDocumentClient, table: string, retentionDays: number = DEFAULT_RESULT_RETENTION_DAYS) {
    this.ddb = ddb;
    this.table = table;
    this.retentionSeconds = retentionDays * 86_400;
  }

  async get(reference: string): Promise<StoredItem | undefined> {
    const { Item } = await this.ddb.send(new GetCommand({ TableName: this.table, Key: keyOf(reference, ITEM_SORT_KEY), ConsistentRead: true }));
    return Item ? storedItemOf(Item) : undefined;
  }

  async save(stored: StoredItem, expectedRevision: number | undefined): Promise<SaveOutcome> {
    try {
      await this.ddb.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...itemRow(stored), ...(stored.item.state === 'open' ? {} : { [WORKLIST_TTL_ATTRIBUTE]: this.expiresAfter(Date.parse(stored.item.updatedAt)) }) },
          ...(expectedRevision === undefined
            ? { ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': WORKLIST_PARTITION_KEY } }
            : { ConditionExpression: '#revision = :revision', ExpressionAttributeNames: { '#revision': 'revision' }, ExpressionAttributeValues: { ':revision': expectedRevision } }),
        }),
      );
      return 'saved';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'conflict';
      throw error;
    }
  }

  async getClaimBody(reference: string, claimVersion: string): Promise<ClaimBody | undefined> {
    const { Item } = await this.ddb.send(new GetCommand({ TableName: this.table, Key: keyOf(reference, CLAIM_SORT_PREFIX + claimVersion) }));
    return Item ? (JSON.parse(String(Item.body)) as ClaimBody) : undefined;
  }

  async putClaimBody(reference: string, body: ClaimBody): Promise<void> {
    await this.ddb.send(
      new PutCommand({ TableName: this.table, Item: { ...keyOf(reference, CLAIM_SORT_PREFIX + body.claimVersion), body: JSON.stringify(body), [WORKLIST_TTL_ATTRIBUTE]: this.expiresAfter(Date.now()) } }),
    );
  }

  /** Epoch seconds, the retention after `at` (epoch ms). */
  private expiresAfter(at: number): number {
    return Math.floor(at / 1000) + this.retentionSeconds;
  }

  /**
   * Queries each NPI's partition of the index from `after` on, filters the rows as they come, and merges
   * the NPIs' rows in list order: a page of the first 10,000 open items reads about a page's worth.
   */
  async list(billingNpis: readonly string[], state: ItemState, filters: ListFilters, after: string | undefined, limit: number): Promise<ListPage> {
    const perNpi = await Promise.all(billingNpis.map((npi) => this.firstMatching(listKeyOf(npi, state), filters, after, limit + 1)));
    const rows = perNpi.flat().sort((a, b) => a.order.localeCompare(b.order));
    const page = rows.slice(0, limit);
    const more = rows.length > limit;
    return { rows: page.map((r) => r.row), ...(more && page.length > 0 ? { after: page.at(-1)?.order as string } : {}) };
  }

  async listAll(billingNpis: readonly string[], state: ItemState): Promise<ListedItem[]> {
    const perNpi = await Promise.all(billingNpis.map((npi) => this.firstMatching(listKeyOf(npi, state), {}, undefined, Number.POSITIVE_INFINITY, 1_000)));
    return perNpi.flat().map((r) => r.row);
  }

  private async firstMatching(listKey: string, filters: ListFilters, after: string | undefined, wanted: number, queryPage = QUERY_PAGE): Promise<Array<{ order: string; row: ListedItem }>> {
    const found: Array<{ order: string; row: ListedItem }> = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.ddb.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: WORKLIST_LIST_INDEX,
          KeyConditionExpression: after === undefined ? '#list = :list' : '#list = :list AND #order > :after',
          ExpressionAttributeNames: { '#list': WORKLIST_LIST_PARTITION, ...(after === undefined ? {} : { '#order': WORKLIST_LIST_ORDER }) },
          ExpressionAttributeValues: { ':list': listKey, ...(after === undefined ? {} : { ':after': after }) },
          Limit: queryPage,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const raw of page.Items ?? []) {
        const row = listedItemOf(raw);
        if (matchesFilters(row, filters)) found.push({ order: String(raw[WORKLIST_LIST_ORDER]), row });
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey && found.length < wanted);
    return found;
  }
}

function keyOf(reference: string, sortKey: string): Record<string, string> {
  return { [WORKLIST_PARTITION_KEY]: `item#${reference}`, [WORKLIST_SORT_KEY]: sortKey };
}

function listKeyOf(npi: string, state: ItemState): string {
  return `${npi}#${state}`;
}

/** The item row: the item's fields flat (the index copies the list's), its trail, and the index keys when it has an NPI. */
function itemRow({ item, revision, history, audit }: StoredItem): Record<string, unknown> {
  const { serviceDates, claimReference, ...rest } = item;
  return {
    ...keyOf(claimReference, ITEM_SORT_KEY),
    ...rest,
    reference: claimReference,
    ...(serviceDates ? { serviceFrom: serviceDates.from, serviceTo: serviceDates.to } : {}),
    ruleIds: [...item.ruleIds],
    revision,
    history,
    audit,
    ...(item.billingNpi ? { [WORKLIST_LIST_PARTITION]: listKeyOf(item.billingNpi, item.state), [WORKLIST_LIST_ORDER]: listOrderOf(item) } : {}),
  };
}

function storedItemOf(row: Record<string, unknown>): StoredItem {
  const listed = listedItemOf(row);
  const item: WorklistItem = {
    ...listed,
    resultKey: String(row.resultKey),
    billingNpi: typeof row.billingNpi === 'string' ? row.billingNpi : null,
    deduplicationId: String(row.deduplicationId),
  };
  return { item, revision: Number(row.revision), history: (row.history ?? []) as StoredItem['history'], audit: (row.audit ?? []) as StoredItem['audit'] };
}

function listedItemOf(row: Record<string, unknown>): ListedItem {
  const from = row.serviceFrom;
  const to = row.serviceTo;
  return {
    claimReference: String(row.reference),
    claimId: String(row.claimId),
    claimVersion: String(row.claimVersion),
    state: row.state as ItemState,
    scrubStatus: row.scrubStatus as ListedItem['scrubStatus'],
    medicareDenialRisk: row.medicareDenialRisk === true,
    ruleIds: Array.isArray(row.ruleIds) ? (row.ruleIds as string[]) : [],
    payerId: typeof row.payerId === 'string' ? row.payerId : undefined,
    serviceDates: typeof from === 'string' && typeof to === 'string' ? { from, to } : undefined,
    assignee: typeof row.assignee === 'string' ? row.assignee : undefined,
    openedAt: String(row.openedAt),
    updatedAt: String(row.updatedAt),
  };
}

