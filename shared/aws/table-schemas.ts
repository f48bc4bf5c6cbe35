/**
 * The DynamoDB tables' keys, indexes and TTL attribute, in one place: the CDK construct
 * (infra/tables.ts) and the local stack (local/resources.ts) both build their tables from these, so a
 * query that works against one works against the other. Plain data, no AWS SDK or CDK import, so the
 * functions, the construct and the local stack can all read it.
 */

/** DynamoDB's scalar attribute types, spelled as the API spells them. */
export type KeyAttributeType = 'S' | 'N' | 'B';

export interface KeyAttribute {
  readonly name: string;
  readonly type: KeyAttributeType;
}

/** Which attributes an index copies from the table: only these can be read from a query on it. */
export type IndexProjection =
  | { readonly type: 'ALL' }
  | { readonly type: 'KEYS_ONLY' }
  | { readonly type: 'INCLUDE'; readonly nonKeyAttributes: readonly string[] };

export interface GlobalIndexSchema {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly projection: IndexProjection;
}

export interface TableSchema {
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly globalIndexes: readonly GlobalIndexSchema[];
  /** Epoch-seconds attribute DynamoDB deletes a row after; a row without it is kept. */
  readonly timeToLiveAttribute?: string;
}

/** The code table's key (shared/aws/code-table-keys.ts). */
export const CODES_PARTITION_KEY = 'pk';
/**
 * The results table's key (shared/aws/results-table.ts): `claim#<billing NPI>#<claim id>` for a claim's
 * result (shared/application/claim-identity.ts), `file#…` for a file marker.
 */
export const RESULTS_PARTITION_KEY = 'resultKey';
/**
 * What each kind of results-table row's key starts with. The intake-files function may write only
 * keys with the file-marker prefix (an IAM leading-keys condition), never a claim's result.
 */
export const RESULT_KEY_PREFIXES = { fileMarker: 'file#' } as const;
/** The reviewer's index: results by status, newest first by scrubbedAt (ISO 8601, so it sorts as a string). */
export const RESULTS_STATUS_INDEX = 'byStatus';
export const RESULTS_STATUS_ATTRIBUTE = 'status';
export const RESULTS_DATE_ATTRIBUTE = 'scrubbedAt';
/** What a review list shows besides the keys; the findings themselves are one GetItem away. */
export const RESULTS_STATUS_INDEX_ATTRIBUTES = ['claimId', 'billingNpi', 'medicareDenialRisk', 'ruleIds', 'destination', 'codeRelease'] as const;
/**
 * The results table's rows are also the scrubber's idempotency records (content hash and version per
 * result key). The
 * scrub function writes this attribute (epoch seconds, `resultRetentionDays` after scrubbing) on every
 * row, and DynamoDB deletes the row after that time; a row without it is kept.
 */
export const RESULTS_TTL_ATTRIBUTE = 'expiresAt';

/** One string partition key, no sort key: every record's key names its release (code-table-keys.ts). */
export const CODES_TABLE_SCHEMA: TableSchema = {
  partitionKey: { name: CODES_PARTITION_KEY, type: 'S' },
  globalIndexes: [],
};

export const RESULTS_TABLE_SCHEMA: TableSchema = {
  partitionKey: { name: RESULTS_PARTITION_KEY, type: 'S' },
  globalIndexes: [
    {
      indexName: RESULTS_STATUS_INDEX,
      partitionKey: { name: RESULTS_STATUS_ATTRIBUTE, type: 'S' },
      sortKey: { name: RESULTS_DATE_ATTRIBUTE, type: 'S' },
      projection: { type: 'INCLUDE', nonKeyAttributes: RESULTS_STATUS_INDEX_ATTRIBUTES },
    },
  ],
  timeToLiveAttribute: RESULTS_TTL_ATTRIBUTE,
};

/**
 * The review worklist's table (shared/aws/worklist-store.ts): per claim, an item row and its append-only
 * audit and history rows under one partition, `item#<claim reference>`; the claim reference is an opaque
 * keyed hash, so a key says nothing of the claim.
 */
export const WORKLIST_PARTITION_KEY = 'pk';
export const WORKLIST_SORT_KEY = 'sk';
/**
 * The list's index: a partition per billing NPI and item state (`<npi>#open`), sorted by the list's
 * order (Medicare-denial risk first, then the oldest; worklist/ordering.ts), so the first page of 10,000
 * open items is one short query per NPI. Only item rows carry its keys.
 */
export const WORKLIST_LIST_INDEX = 'byList';
export const WORKLIST_LIST_PARTITION = 'listKey';
export const WORKLIST_LIST_ORDER = 'listOrder';
/** What a list row shows and filters on, copied into the index so a page needs no further read. */
export const WORKLIST_LIST_ATTRIBUTES = [
  'reference',
  'claimId',
  'claimVersion',
  'state',
  'scrubStatus',
  'medicareDenialRisk',
  'ruleIds',
  'payerId',
  'serviceFrom',
  'serviceTo',
  'assignee',
  'openedAt',
  'updatedAt',
] as const;

/**
 * Closed items (resolved, overridden, superseded) and every claim version's row expire `resultRetentionDays`
 * after their last write, as result rows do; an open item is kept until it is closed.
 */
export const WORKLIST_TTL_ATTRIBUTE = 'expiresAt';

export const WORKLIST_TABLE_SCHEMA: TableSchema = {
  partitionKey: { name: WORKLIST_PARTITION_KEY, type: 'S' },
  sortKey: { name: WORKLIST_SORT_KEY, type: 'S' },
  globalIndexes: [
    {
      indexName: WORKLIST_LIST_INDEX,
      partitionKey: { name: WORKLIST_LIST_PARTITION, type: 'S' },
      sortKey: { name: WORKLIST_LIST_ORDER, type: 'S' },
      projection: { type: 'INCLUDE', nonKeyAttributes: WORKLIST_LIST_ATTRIBUTES },
    },
  ],
  timeToLiveAttribute: WORKLIST_TTL_ATTRIBUTE,
};

/** Every table, under the keys DEFAULT_NAMES (shared/aws/config.ts) names them by. */
export const TABLE_SCHEMAS = { codesTable: CODES_TABLE_SCHEMA, resultsTable: RESULTS_TABLE_SCHEMA, worklistTable: WORKLIST_TABLE_SCHEMA } as const;

/** Every attribute a key of the table or of one of its indexes uses, each once, table keys first. */
export function keyAttributes(schema: TableSchema): KeyAttribute[] {
  const all = [schema.partitionKey, schema.sortKey, ...schema.globalIndexes.flatMap((index) => [index.partitionKey, index.sortKey])];
  const byName = new Map<string, KeyAttribute>();
  for (const attribute of all) if (attribute && !byName.has(attribute.name)) byName.set(attribute.name, attribute);
  return [...byName.values()];
}
