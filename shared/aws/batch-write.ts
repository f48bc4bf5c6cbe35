import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { retryUntil } from './retry.ts';

/** BatchWriteItem's limit. */
export const MAX_ITEMS_PER_BATCH_WRITE = 25;

/**
 * Puts up to 25 items, resending UnprocessedItems (DynamoDB's answer to throttling) and transient
 * failures until `deadline`; throws if items are still unwritten then.
 */
export async function putItems(ddb: DynamoDBDocumentClient, table: string, items: readonly object[], deadline: number): Promise<void> {
  let remaining = items.map((item) => ({ PutRequest: { Item: item as Record<string, unknown> } }));
  await retryUntil(deadline, async () => {
    const response = await ddb.send(new BatchWriteCommand({ RequestItems: { [table]: remaining } }));
    remaining = (response.UnprocessedItems?.[table] ?? []) as typeof remaining;
    if (remaining.length > 0) throw new Error(`DynamoDB left ${remaining.length} items unprocessed`);
  });
}
