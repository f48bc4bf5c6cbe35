import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Finding, ScrubResult, ScrubStatus } from '../claim/result.ts';
import { MAX_ITEMS_PER_BATCH_WRITE, putItems } from './batch-write.ts';
import { MicroBatcher } from './micro-batcher.ts';
import { backoffMs } from './retry.ts';
import { setTimeout as sleep } from 'node:timers/promises';

const UNPROCESSED_ROUNDS = 8;

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
}

export function storedResult(claimId: string, result: ScrubResult, delivery: { destination: Destination; bodyHash: string; messageId: string }): StoredResult {
  return {
    claimId,
    status: result.status,
    medicareDenialRisk: result.medicareDenialRisk,
    ruleIds: [...new Set(result.findings.map((f) => f.ruleId))],
    findings: result.findings,
    codeRelease: result.codeRelease,
    rulesetVersion: result.rulesetVersion,
    ...delivery,
    scrubbedAt: new Date().toISOString(),
  };
}

/** Reads stored results by claim id (strongly consistent: a redelivery right after a crash must see them). */
export async function readResults(
  ddb: DynamoDBDocumentClient,
  table: string,
  claimIds: readonly string[],
  projection?: readonly (keyof StoredResult)[],
): Promise<Map<string, StoredResult>> {
  const found = new Map<string, StoredResult>();
  const unique = [...new Set(claimIds)];
  for (let i = 0; i < unique.length; i += 100) {
    let keys = unique.slice(i, i + 100).map((claimId) => ({ claimId }));
    for (let round = 0; keys.length > 0; round++) {
      // UnprocessedKeys means throttling: back off rather than ask again at once.
      if (round > 0) await sleep(backoffMs(round));
      if (round > UNPROCESSED_ROUNDS) throw new Error(`DynamoDB left ${keys.length} result keys unprocessed`);
      const response = await ddb.send(
        new BatchGetCommand({
          RequestItems: {
            [table]: {
              Keys: keys,
              ConsistentRead: true,
              // Names go through placeholders: `status` is a DynamoDB reserved word.
              ...(projection
                ? {
                    ProjectionExpression: projection.map((_, n) => `#p${n}`).join(', '),
                    ExpressionAttributeNames: Object.fromEntries(projection.map((name, n) => [`#p${n}`, name])),
                  }
                : {}),
            },
          },
        }),
      );
      for (const item of response.Responses?.[table] ?? []) found.set(String(item.claimId), item as StoredResult);
      keys = (response.UnprocessedKeys?.[table]?.Keys ?? []) as typeof keys;
    }
  }
  return found;
}

/** Records results, sharing one BatchWriteItem among the records of a batch. */
export class ResultRecorder {
  private readonly batcher: MicroBatcher<StoredResult>;

  constructor(ddb: DynamoDBDocumentClient, table: string, deadline: number) {
    this.batcher = new MicroBatcher(MAX_ITEMS_PER_BATCH_WRITE, async (results) => {
      // One request may not hold one key twice; a claim resubmitted within a batch goes in a later write.
      for (const round of roundsOfUniqueKeys(results)) await putItems(ddb, table, round, deadline);
      return results.map(() => undefined);
    });
  }

  record(result: StoredResult): Promise<void> {
    return this.batcher.add(result);
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
