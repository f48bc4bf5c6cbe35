import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Finding, ScrubResult, ScrubStatus } from '../claim/result.ts';
import { batchGet, type TableRead } from './batch-get.ts';
import { MAX_ITEMS_PER_BATCH_WRITE, putItems } from './batch-write.ts';
import { GroupBatcher } from './micro-batcher.ts';

const SECONDS_PER_DAY = 86_400;

export type Destination = 'review' | 'clean';

/** One row of the results table, keyed by claim id. Holds no PHI: only ids, codes and findings. */
export interface StoredResult {
  claimId: string;
  status: ScrubStatus;
  medicareDenialRisk: boolean;
  ruleIds: string[];
  findings: Finding[];
  codeRelease: string;
  rulesetVersion: string;
  destination: Destination;
  /** SHA-256 of the intake message body: a redelivery matches it, a corrected resubmission does not. */
  bodyHash: string;
  /** The intake message that produced this result. */
  messageId: string;
  scrubbedAt: string;
  /** Epoch seconds: the table's TTL attribute, so DynamoDB deletes the row after the retention period. */
  expiresAt: number;
}

export function storedResult(
  claimId: string,
  result: ScrubResult,
  delivery: { destination: Destination; bodyHash: string; messageId: string },
  retentionDays: number,
  now = Date.now(),
): StoredResult {
  return {
    claimId,
    status: result.status,
    medicareDenialRisk: result.medicareDenialRisk,
    ruleIds: [...new Set(result.findings.map((f) => f.ruleId))],
    findings: result.findings,
    codeRelease: result.codeRelease,
    rulesetVersion: result.rulesetVersion,
    ...delivery,
    scrubbedAt: new Date(now).toISOString(),
    expiresAt: Math.floor(now / 1000) + retentionDays * SECONDS_PER_DAY,
  };
}

/**
 * The read of stored results by claim id, to send alone (readResults) or alongside other keys in one
 * BatchGetItem. Strongly consistent: a redelivery right after a crash must see the row just written.
 */
export function resultsRead(claimIds: readonly string[], projection?: readonly (keyof StoredResult)[]): TableRead {
  return { keys: [...new Set(claimIds)].map((claimId) => ({ claimId })), consistentRead: true, ...(projection ? { projection } : {}) };
}

export async function readResults(
  ddb: DynamoDBDocumentClient,
  table: string,
  claimIds: readonly string[],
  projection?: readonly (keyof StoredResult)[],
): Promise<Map<string, StoredResult>> {
  const items = (await batchGet(ddb, { [table]: resultsRead(claimIds, projection) })).get(table) ?? [];
  return new Map(items.map((item) => [String(item.claimId), item as unknown as StoredResult]));
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
