import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StoredResult } from '../application/stored-result.ts';
import { batchGet, type TableRead } from './batch-get.ts';
import { MAX_ITEMS_PER_BATCH_WRITE, putItems } from './batch-write.ts';
import { GroupBatcher } from './micro-batcher.ts';
import { RESULTS_PARTITION_KEY } from './table-schemas.ts';

/**
 * The read of stored results by claim id, to send alone (readResults) or alongside other keys in one
 * BatchGetItem. Strongly consistent: a redelivery right after a crash must see the row just written.
 */
export function resultsRead(claimIds: readonly string[], projection?: readonly (keyof StoredResult)[]): TableRead {
  return { keys: [...new Set(claimIds)].map((claimId) => ({ [RESULTS_PARTITION_KEY]: claimId })), consistentRead: true, ...(projection ? { projection } : {}) };
}

export async function readResults(
  ddb: DynamoDBDocumentClient,
  table: string,
  claimIds: readonly string[],
  projection?: readonly (keyof StoredResult)[],
): Promise<Map<string, StoredResult>> {
  const items = (await batchGet(ddb, { [table]: resultsRead(claimIds, projection) })).get(table) ?? [];
  return new Map(items.map((item) => [String(item[RESULTS_PARTITION_KEY]), item as unknown as StoredResult]));
}

/**
 * Records results, sharing one BatchWriteItem among the records of a batch (up to 25 rows). Each of
 * the batch's `records` must either `record` its row or `leave`.
 */
export class ResultRecorder {
  private readonly batcher: GroupBatcher<StoredResult>;

  constructor(ddb: DynamoDBDocumentClient, table: string, deadline: number, records: number) {
    this.batcher = new GroupBatcher(records, MAX_ITEMS_PER_BATCH_WRITE, async (results) => {
      // One request may not hold one key twice; a claim resubmitted within a batch goes in a later write.
      for (const round of roundsOfUniqueKeys(results)) await putItems(ddb, table, round, deadline);
      return results.map(() => undefined);
    });
  }

  record(result: StoredResult): Promise<void> {
    return this.batcher.add(result);
  }

  /** The record will write no row: a duplicate, or it failed before its outputs were sent. */
  leave(): void {
    this.batcher.leave();
  }
}

function roundsOfUniqueKeys(results: readonly StoredResult[]): StoredResult[][] {
  const rounds: StoredResult[][] = [];
  for (const result of results) {
    let round = rounds.find((r) => !r.some((other) => other.claimId === result.claimId));
    if (!round) rounds.push((round = []));
    round.push(result);
  }
  return rounds;
}
