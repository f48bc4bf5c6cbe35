import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ACTIVE_DATA_KEY } from './code-table-keys.ts';

/** The pointer item: which code release and payer policy version the scrubber uses now. */
export interface ActiveData {
  codeRelease: string;
  payerPolicyVersion: string;
  /** Bumped on every switch; a switch only succeeds against the generation it read. */
  generation: number;
  activatedAt: string;
}

export class CodeDataNotLoadedError extends Error {
  override readonly name = 'CodeDataNotLoadedError';

  constructor(table: string) {
    super(`the code table ${table} has no active release: run load-code-data first`);
  }
}

export class ConcurrentActivationError extends Error {
  override readonly name = 'ConcurrentActivationError';
}

export async function readActiveData(ddb: DynamoDBDocumentClient, table: string): Promise<ActiveData | undefined> {
  const { Item } = await ddb.send(new GetCommand({ TableName: table, Key: { pk: ACTIVE_DATA_KEY }, ConsistentRead: true }));
  return Item ? activeDataFromItem(Item) : undefined;
}

export function activeDataFromItem(item: Record<string, unknown>): ActiveData {
  return {
    codeRelease: String(item.codeRelease),
    payerPolicyVersion: String(item.payerPolicyVersion),
    generation: Number(item.generation),
    activatedAt: String(item.activatedAt),
  };
}

/**
 * Points the scrubber at a release with a compare-and-set on the generation it last saw, so two loaders
 * racing cannot silently overwrite each other (dynalite has no transactions; one conditional put suffices).
 */
export async function activateData(
  ddb: DynamoDBDocumentClient,
  table: string,
  next: { codeRelease: string; payerPolicyVersion: string },
  seen: ActiveData | undefined,
): Promise<ActiveData> {
  const item: ActiveData = { ...next, generation: (seen?.generation ?? 0) + 1, activatedAt: new Date().toISOString() };
  try {
    await ddb.send(
      new PutCommand({
        TableName: table,
        Item: { pk: ACTIVE_DATA_KEY, ...item },
        ...(seen
          ? { ConditionExpression: 'generation = :seen', ExpressionAttributeValues: { ':seen': seen.generation } }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      throw new ConcurrentActivationError('another load switched the active release at the same time; run the load again');
    }
    throw error;
  }
  return item;
}
