import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StoredResult } from '../shared/application/stored-result.ts';
import { readResults } from '../shared/aws/results-table.ts';
import { RESULTS_PARTITION_KEY } from '../shared/aws/table-schemas.ts';
import type { ScrubStatus } from '../shared/claim/result.ts';
import { PollingLoop } from './polling-loop.ts';

const STATUSES: readonly ScrubStatus[] = ['clean', 'flagged', 'rejected'];
/** The field a claim's result row holds per claim, and nothing of the claim itself (no PHI). */
const FIELDS = ['resultKey', 'claimId', 'status', 'ruleIds', 'destination', 'medicareDenialRisk', 'scrubbedAt'] as const;

export type RoutedClaim = Pick<StoredResult, (typeof FIELDS)[number]>;

export interface RoutingTotals {
  routed: number;
  clean: number;
  flagged: number;
  rejected: number;
  medicareDenialRisk: number;
}

export interface RoutingFeedOptions {
  ddb: DynamoDBDocumentClient;
  table: string;
  /** The results table's status index (status, then scrubbedAt). */
  index?: string;
  /** Only claims routed from this time on (ISO 8601); default: now. */
  since?: string;
  pollMs?: number;
  onClaims?: (claims: RoutedClaim[], totals: RoutingTotals) => void;
}

/**
 * Claims as the scrub function routes them, read back from the results table's status index: a new
 * row (or a rewritten one, for a corrected claim) means a claim was just routed. A redelivery the
 * scrubber skipped writes no row, so it is not listed twice. Reads only ids, statuses and rule ids.
 */
export class RoutingFeed {
  readonly totals: RoutingTotals = { routed: 0, clean: 0, flagged: 0, rejected: 0, medicareDenialRisk: 0 };
  private readonly options: RoutingFeedOptions & { index: string; pollMs: number };
  /** Per status: the newest scrubbedAt seen, and the rows seen at exactly that time (the next query repeats it). */
  private readonly cursor = new Map<ScrubStatus, { at: string; ids: Set<string> }>();
  private readonly polling = new PollingLoop();

  constructor(options: RoutingFeedOptions) {
    this.options = { index: 'byStatus', pollMs: 500, ...options };
    const since = options.since ?? new Date().toISOString();
    for (const status of STATUSES) this.cursor.set(status, { at: since, ids: new Set() });
  }

  start(): void {
    this.polling.start(() => this.poll(), this.options.pollMs);
  }

  async stop(): Promise<void> {
    await this.polling.stop();
  }

  /** The claims routed since the last poll, oldest first. */
  async poll(): Promise<RoutedClaim[]> {
    const keys: Array<{ resultKey: string; status: ScrubStatus; scrubbedAt: string }> = [];
    for (const status of STATUSES) keys.push(...(await this.newKeys(status)));
    if (keys.length === 0) return [];
    const rows = await readResults(this.options.ddb, this.options.table, keys.map((k) => k.resultKey), FIELDS);
    const claims = keys
      .map((k) => rows.get(k.resultKey))
      // A row rewritten between the query and the read is listed by the next poll under its new time.
      .filter((row, i): row is StoredResult => row !== undefined && row.scrubbedAt === keys[i]?.scrubbedAt)
      .sort((a, b) => a.scrubbedAt.localeCompare(b.scrubbedAt));
    for (const claim of claims) {
      this.totals.routed++;
      this.totals[claim.status]++;
      if (claim.medicareDenialRisk) this.totals.medicareDenialRisk++;
    }
    if (claims.length > 0) this.options.onClaims?.(claims, { ...this.totals });
    return claims;
  }

  private async newKeys(status: ScrubStatus): Promise<Array<{ resultKey: string; status: ScrubStatus; scrubbedAt: string }>> {
    const cursor = this.cursor.get(status) as { at: string; ids: Set<string> };
    const found: Array<{ resultKey: string; status: ScrubStatus; scrubbedAt: string }> = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.options.ddb.send(
        new QueryCommand({
          TableName: this.options.table,
          IndexName: this.options.index,
          KeyConditionExpression: '#s = :s AND scrubbedAt >= :at',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':s': status, ':at': cursor.at },
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      for (const item of page.Items ?? []) {
        const resultKey = String(item[RESULTS_PARTITION_KEY]);
        const scrubbedAt = String(item.scrubbedAt);
        if (scrubbedAt === cursor.at && cursor.ids.has(resultKey)) continue;
        found.push({ resultKey, status, scrubbedAt });
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    for (const key of found) {
      if (key.scrubbedAt > cursor.at) {
        cursor.at = key.scrubbedAt;
        cursor.ids = new Set();
      }
      if (key.scrubbedAt === cursor.at) cursor.ids.add(key.resultKey);
    }
    return found;
  }
}
