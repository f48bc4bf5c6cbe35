import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import { backoffMs } from './retry.ts';

/** BatchGetItem's limit, counted over all the tables of one request. */
export const MAX_KEYS_PER_BATCH_GET = 100;
/** UnprocessedKeys means throttling; after this many backed-off rounds the caller's records fail and SQS retries them. */
const UNPROCESSED_ROUNDS = 8;

export type ItemKey = Record<string, string>;
export type Item = Record<string, unknown>;

/** The keys wanted from one table, and how to read them. */
export interface TableRead {
  keys: readonly ItemKey[];
  consistentRead: boolean;
  /** Attributes to return; names go through placeholders, since some (`status`) are reserved words. */
  projection?: readonly string[];
}

/**
 * Reads the keys of several tables in as few BatchGetItem requests as the 100-key limit allows (one
 * whenever they fit), since DynamoDB takes the keys of many tables in one request. Unprocessed keys
 * are asked for again with backoff, and only they. A key that has no item is absent from the result.
 */
export async function batchGet(ddb: DynamoDBDocumentClient, reads: Readonly<Record<string, TableRead>>): Promise<Map<string, Item[]>> {
  const wanted: Array<{ table: string; key: ItemKey }> = [];
  for (const [table, read] of Object.entries(reads)) {
    // DynamoDB rejects a request that names one key twice.
    const seen = new Set<string>();
    for (const key of read.keys) {
      const id = JSON.stringify(key);
      if (seen.has(id)) continue;
      seen.add(id);
      wanted.push({ table, key });
    }
  }
  const found = new Map<string, Item[]>(Object.keys(reads).map((table) => [table, []]));
  const chunks: Array<typeof wanted> = [];
  for (let i = 0; i < wanted.length; i += MAX_KEYS_PER_BATCH_GET) chunks.push(wanted.slice(i, i + MAX_KEYS_PER_BATCH_GET));
  await Promise.all(
    chunks.map(async (chunk) => {
      let keysByTable = groupByTable(chunk);
      for (let round = 0; keysByTable.size > 0; round++) {
        if (round > UNPROCESSED_ROUNDS) throw new Error(`DynamoDB left ${[...keysByTable.values()].flat().length} keys unprocessed`);
        if (round > 0) await sleep(backoffMs(round));
        const response = await ddb.send(
          new BatchGetCommand({
            RequestItems: Object.fromEntries([...keysByTable].map(([table, keys]) => [table, tableRequest(keys, reads[table] as TableRead)])),
          }),
        );
        for (const [table, items] of Object.entries(response.Responses ?? {})) found.get(table)?.push(...items);
        keysByTable = new Map(
          Object.entries(response.UnprocessedKeys ?? {})
            .map(([table, unprocessed]): [string, ItemKey[]] => [table, (unprocessed.Keys ?? []) as ItemKey[]])
            .filter(([, keys]) => keys.length > 0),
        );
      }
    }),
  );
  return found;
}

function groupByTable(chunk: ReadonlyArray<{ table: string; key: ItemKey }>): Map<string, ItemKey[]> {
  const byTable = new Map<string, ItemKey[]>();
  for (const { table, key } of chunk) {
    const keys = byTable.get(table);
    if (keys) keys.push(key);
    else byTable.set(table, [key]);
  }
  return byTable;
}

function tableRequest(keys: ItemKey[], read: TableRead) {
  return {
    Keys: keys,
    ConsistentRead: read.consistentRead,
    ...(read.projection
      ? {
          ProjectionExpression: read.projection.map((_, n) => `#p${n}`).join(', '),
          ExpressionAttributeNames: Object.fromEntries(read.projection.map((name, n) => [`#p${n}`, name])),
        }
      : {}),
  };
}
