import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ReleaseCoverage } from '../codes/code-record.ts';
import { NCCI_PROGRAMS, type NcciProgram } from '../ncci/ncci-edits.ts';
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
  /** The NCCI tables the scrubber uses, if any: the key their items are stored under (code-table-keys ncciDataKey). */
  ncciKey?: string;
  /** Their release as the NCCI set names it, reported with the findings' sources. */
  ncciRelease?: string;
  /** Which tables were loaded, by program: on the pointer so a scrubber knows them without another read. */
  ncciTables?: NcciTables;
  /** Bumped on every switch; a switch only succeeds against the generation it read. */
  generation: number;
  activatedAt: string;
}

export interface NcciTables {
  mue: NcciProgram[];
  ptp: NcciProgram[];
}

/** The pointer's NCCI fields, to carry over to the next pointer (or none). */
export type ActiveNcci = Pick<ActiveData, 'ncciKey' | 'ncciRelease' | 'ncciTables'>;

export function activeNcciOf(active: ActiveData | undefined): ActiveNcci {
  if (!active?.ncciKey || !active.ncciTables) return {};
  return { ncciKey: active.ncciKey, ncciRelease: active.ncciRelease ?? active.ncciKey, ncciTables: active.ncciTables };
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
    ...ncciFromItem(item),
    generation: Number(item.generation),
    activatedAt: String(item.activatedAt),
  };
}

/** NCCI fields as stored; tables naming an unknown program are left out rather than guessed at. */
function ncciFromItem(item: Record<string, unknown>): ActiveNcci {
  if (typeof item.ncciKey !== 'string') return {};
  const tables = (typeof item.ncciTables === 'object' && item.ncciTables !== null ? item.ncciTables : {}) as Record<string, unknown>;
  const programs = (value: unknown): NcciProgram[] => (Array.isArray(value) ? NCCI_PROGRAMS.filter((program) => value.includes(program)) : []);
  return {
    ncciKey: item.ncciKey,
    ncciRelease: typeof item.ncciRelease === 'string' ? item.ncciRelease : item.ncciKey,
    ncciTables: { mue: programs(tables.mue), ptp: programs(tables.ptp) },
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
