import type { ClaimMessage } from '../../intake/claim-message.ts';
import type { ClaimCheckLocation, OutgoingMessage } from '../ports.ts';
import type { RoutedResult } from '../routing.ts';
import type { ListFilters } from './api.ts';
import type { AuditEntry, HistoryEntry, ItemState, WorklistItem } from './model.ts';

/**
 * The worklist's ports: where items live, where corrections and releases go, and where a claim check is
 * read. Adapters implement them over DynamoDB, SQS and S3 (shared/aws/worklist-*.ts) or in memory (tests).
 */

/** An item with its trail, as stored: the revision makes every write conditional on what was read. */
export interface StoredItem {
  item: WorklistItem;
  /** 1 for the first write, one more per write; a write names the revision it read. */
  revision: number;
  history: HistoryEntry[];
  /** Append-only: entries are added, never changed or removed. */
  audit: AuditEntry[];
}

/** What a claim version held when it was routed: the claim (or the raw body of one that is not JSON) and its result. */
export interface ClaimBody {
  claimVersion: string;
  claim: unknown;
  rawBody: string | null;
  result: RoutedResult;
}

/** A list row, as the list's index holds it. */
export type ListedItem = Pick<
  WorklistItem,
  'claimReference' | 'claimId' | 'claimVersion' | 'state' | 'scrubStatus' | 'medicareDenialRisk' | 'ruleIds' | 'payerId' | 'serviceDates' | 'assignee' | 'openedAt' | 'updatedAt'
>;

export interface ListPage {
  rows: ListedItem[];
  /** Where the next page starts, when there is one (the list order of the last row). */
  after?: string;
}

export type SaveOutcome = 'saved' | 'conflict';

export interface WorklistStore {
  get(reference: string): Promise<StoredItem | undefined>;
  /** Writes the item when its stored revision is still `expectedRevision` (undefined: when there is none yet). */
  save(stored: StoredItem, expectedRevision: number | undefined): Promise<SaveOutcome>;
  getClaimBody(reference: string, claimVersion: string): Promise<ClaimBody | undefined>;
  /** Keeps a version's claim; the same version written twice holds the same content. */
  putClaimBody(reference: string, body: ClaimBody): Promise<void>;
  /** A page of the items of these NPIs in this state, in the list's order, after `after`. */
  list(billingNpis: readonly string[], state: ItemState, filters: ListFilters, after: string | undefined, limit: number): Promise<ListPage>;
  /** Every item of these NPIs in this state, with what the counts need. */
  listAll(billingNpis: readonly string[], state: ItemState): Promise<ListedItem[]>;
}

/** Where the worklist's own messages go. */
export interface WorklistOutbox {
  /** A corrected claim, to the intake queue: the pipeline scrubs it as a new version. */
  sendCorrection(message: ClaimMessage): Promise<void>;
  /** A flagged claim released by a supervisor, to the clean queue. */
  release(message: OutgoingMessage): Promise<void>;
}

export interface ClaimCheckReader {
  get(location: ClaimCheckLocation): Promise<string>;
}
