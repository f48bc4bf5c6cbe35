import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RecordOutcome, ResultStore } from '../application/ports.ts';
import type { StoredResult } from '../application/stored-result.ts';
import { batchGet, type TableRead } from './batch-get.ts';
import { retryUntil } from './retry.ts';
import { RESULTS_PARTITION_KEY } from './table-schemas.ts';

/**
 * The read of stored results by result key, to send alone (readResults) or alongside other keys in one
 * BatchGetItem. Strongly consistent: a redelivery right after a crash must see the row just written.
 */
export function resultsRead(resultKeys: readonly string[], projection?: readonly (keyof StoredResult)[]): TableRead {
  return { keys: [...new Set(resultKeys)].map((key) => ({ [RESULTS_PARTITION_KEY]: key })), consistentRead: true, ...(projection ? { projection } : {}) };
}

export async function readResults(
  ddb: DynamoDBDocumentClient,
  table: string,
  resultKeys: readonly string[],
  projection?: readonly (keyof StoredResult)[],
): Promise<Map<string, StoredResult>> {
  const items = (await batchGet(ddb, { [table]: resultsRead(resultKeys, projection) })).get(table) ?? [];
  return new Map(items.map((item) => [String(item[RESULTS_PARTITION_KEY]), item as unknown as StoredResult]));
}

/**
 * Writes result rows one conditional PutItem each: a row replaces the claim's row only when its
 * version is not older, so a late copy of an older version (a redrive after a correction) never
 * overwrites the newer result. BatchWriteItem would share requests but takes no conditions.
 * Transient failures are retried until the batch's deadline.
 */
export class ResultRecorder implements ResultStore {
  private readonly ddb: DynamoDBDocumentClient;
  private readonly table: string;
  private readonly deadline: number;

  constructor(ddb: DynamoDBDocumentClient, table: string, deadline: number) {
    this.ddb = ddb;
    this.table = table;
    this.deadline = deadline;
  }

  async record(row: StoredResult): Promise<RecordOutcome> {
    try {
      await retryUntil(this.deadline, () =>
        this.ddb.send(
          new PutCommand({
            TableName: this.table,
            Item: row,
            ConditionExpression: 'attribute_not_exists(#key) OR #version <= :version',
            ExpressionAttributeNames: { '#key': RESULTS_PARTITION_KEY, '#version': 'version' },
            ExpressionAttributeValues: { ':version': row.version },
          }),
        ),
      );
      return 'recorded';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'superseded';
      throw error;
    }
  }

  async markAlertSent(resultKey: string, contentHash: string): Promise<void> {
    try {
      await retryUntil(this.deadline, () =>
        this.ddb.send(
          new UpdateCommand({
            TableName: this.table,
            Key: { [RESULTS_PARTITION_KEY]: resultKey },
            UpdateExpression: 'SET #alert = :sent',
            ConditionExpression: '#hash = :hash',
            ExpressionAttributeNames: { '#alert': 'alert', '#hash': 'contentHash' },
            ExpressionAttributeValues: { ':sent': 'sent', ':hash': contentHash },
          }),
        ),
      );
    } catch (error) {
      // A newer version replaced the row meanwhile: its own alert state is what counts now.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
