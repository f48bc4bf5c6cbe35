import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ReleaseCoverage } from '../codes/code-record.ts';
import { ACTIVE_DATA_KEY } from './code-table-keys.ts';

/** The pointer item: which code release and payer policy version the scrubber uses now. */
export interface ActiveData {
  /** The release id the rules and every scrub result name. */
  codeRelease: string;
  /** The key its records are stored under (code-table-keys codeDataKey); the release id when no CPT file came with it. */
  codeDataKey: string;
  /** The service dates the release covers, when known: on the pointer so a scrubber has them without another read. */
  coverage?: ReleaseCoverage;
  /** The user's CPT file loaded with the release, if any. */
  cptSource?: string;
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
  const codeRelease = String(item.codeRelease);
  const coverage = coverageFromItem(item.coverage);
  return {
    codeRelease,
    // A pointer written before data keys existed names a release stored under its own id.
    codeDataKey: typeof item.codeDataKey === 'string' ? item.codeDataKey : codeRelease,
    ...(coverage ? { coverage } : {}),
    ...(typeof item.cptSource === 'string' ? { cptSource: item.cptSource } : {}),
    payerPolicyVersion: String(item.payerPolicyVersion),
    generation: Number(item.generation),
    activatedAt: String(item.activatedAt),
  };
}

/** Coverage as stored (a map of two dates); anything else reads as unknown rather than as a wrong date. */
export function coverageFromItem(value: unknown): ReleaseCoverage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { from, through } = value as Record<string, unknown>;
  return typeof from === 'string' && typeof through === 'string' ? { from, through } : undefined;
}

/**
 * Points the scrubber at a release with a compare-and-set on the generation it last saw, so two loaders
 * racing cannot silently overwrite each other (dynalite has no transactions; one conditional put suffices).
 */
export async function activateData(
  ddb: DynamoDBDocumentClient,
  table: string,
  next: Omit<ActiveData, 'generation' | 'activatedAt'>,
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
