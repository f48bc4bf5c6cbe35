import type { Claim } from '../claim/contract.ts';
import type { ClaimMessage } from '../intake/claim-message.ts';
import type { ScrubData } from '../scrub/scrub.ts';
import type { Destination, RecordedVersion, StoredResult } from './stored-result.ts';

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

/** What the scrubber reads once per batch: the code data its claims need, and what is recorded per result key. */
export interface BatchState {
  data: ScrubData;
  /** Result key → the claim version recorded for it: a copy of it is not routed again, an older one not at all. */
  recorded: ReadonlyMap<string, RecordedVersion>;
}

/**
 * The code data source. It reads the result store's delivery records with the code data, because in
 * DynamoDB both come from one BatchGetItem per batch (see docs/decisions).
 */
export interface CodeDataSource {
  read(claims: readonly Claim[], resultKeys: readonly string[]): Promise<BatchState>;
}

/** What recording a row did: written, or refused because a newer version of the claim is recorded. */
export type RecordOutcome = 'recorded' | 'superseded';

/** The result store. */
export interface ResultStore {
  /** Writes the row unless a newer version of its claim is recorded (a conditional write). */
  record(row: StoredResult): Promise<RecordOutcome>;
  /** Marks the row's alert sent, if the row still holds that content. */
  markAlertSent(resultKey: string, contentHash: string): Promise<void>;
}

/** The clean and review queues. */
export interface Outbox {
  send(destination: Destination, message: OutgoingMessage): Promise<void>;
  /** Whether the queue takes the message as it is; one that does not goes by claim check. */
  fits(message: OutgoingMessage): boolean;
}

/** Where a body too large for a queue message is kept, for the message to point at. */
export interface ClaimCheckLocation {
  bucket: string;
  key: string;
}

/** The store of message bodies too large for a queue (the claim-check pattern). */
export interface ClaimCheckStore {
  put(name: string, body: string): Promise<ClaimCheckLocation>;
}

/** The Medicare-denial alert topic. */
export interface AlertSink {
  publish(alert: OutgoingMessage): Promise<void>;
}

/** The writes of one batch, shared by its records and bounded by the batch's deadline. */
export interface BatchPorts {
  results: ResultStore;
  outbox: Outbox;
  claimChecks: ClaimCheckStore;
  alerts: AlertSink;
}

/** What the scrub service is written against. */
export interface ScrubPorts {
  codeData: CodeDataSource;
  /** Opens the writes of a batch of `records` records that must be done by `deadline` (epoch ms). */
  openBatch(records: number, deadline: number): BatchPorts;
}
