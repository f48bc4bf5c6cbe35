import type { ClaimMessage } from '../intake/claim-message.ts';

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
