import type { Claim } from '../claim/contract.ts';
import type { ClaimMessage } from '../intake/claim-message.ts';
import type { ScrubData } from '../scrub/scrub.ts';
import type { Destination, StoredResult } from './stored-result.ts';

/**
 * The ports the application services are written against. Adapters implement them over AWS
 * (shared/aws) or in memory (test/support); the services never see which.
 */

/** What sending a chunk of messages did: the message id per index (undefined where it failed), and the failures. */
export interface SendOutcome {
  messageIds: ReadonlyArray<string | undefined>;
  failures: ReadonlyArray<{ index: number; error: Error }>;
}

/** The intake queue, as the ingest service sees it. */
export type ClaimOutbox = (messages: readonly ClaimMessage[]) => Promise<SendOutcome>;

/** A message for a queue or topic: its body and string attributes consumers filter on without parsing. */
export interface OutgoingMessage {
  body: string;
  attributes: Record<string, string>;
}

/** What the scrubber reads once per batch: the code data its claims need, and the body hash recorded per claim id. */
export interface BatchState {
  data: ScrubData;
  /** Claim id → hash of the intake message body whose result is recorded: a redelivery of it is not routed again. */
  delivered: ReadonlyMap<string, string>;
}

/**
 * The code data source. It reads the result store's delivery records with the code data, because in
 * DynamoDB both come from one BatchGetItem per batch (see docs/decisions).
 */
export interface CodeDataSource {
  read(claims: readonly Claim[], claimIds: readonly string[]): Promise<BatchState>;
}

/** The result store, for one batch: each record either records its row or leaves, so rows can share a write. */
export interface ResultStore {
  record(row: StoredResult): Promise<void>;
  leave(): void;
}

/** The clean and review queues. */
export interface Outbox {
  send(destination: Destination, message: OutgoingMessage): Promise<void>;
}

/** The Medicare-denial alert topic. */
export interface AlertSink {
  publish(alert: OutgoingMessage): Promise<void>;
}

/** The writes of one batch, shared by its records and bounded by the batch's deadline. */
export interface BatchPorts {
  results: ResultStore;
  outbox: Outbox;
  alerts: AlertSink;
}

/** What the scrub service is written against. */
export interface ScrubPorts {
  codeData: CodeDataSource;
  /** Opens the writes of a batch of `records` records that must be done by `deadline` (epoch ms). */
  openBatch(records: number, deadline: number): BatchPorts;
}
