import { describePosition, type IntakeItem } from '../formats/index.ts';
import { CLAIM_VERSION_ATTRIBUTE } from './claim-version.ts';
import { readerRejectionBody } from './reader-rejection.ts';

/** One intake-queue message for one item of a claims file: what every way of handing in a file sends. */
export interface ClaimMessage {
  body: string;
  /** Sent as the `claimId` attribute: the scrubber tracks a claim by it when the body names none. */
  claimId?: string;
  attributes?: Record<string, string>;
}

/**
 * Every item of a file travels, so every claim read reaches the review or clean queue: a mapped claim as
 * its claim event (the contract, if it breaks it, is judged by the scrubber as for any claim), a claim
 * its format reader rejected as a reader rejection the scrubber turns into CLAIM-INVALID with its
 * position and reasons.
 */
export function claimMessage(item: IntakeItem, sourceFile: string, version: string): ClaimMessage {
  const claimId = item.claimId ?? undefined;
  return {
    body: item.kind === 'claim' ? JSON.stringify(item.claim) : readerRejectionBody(item),
    ...(claimId ? { claimId } : {}),
    // As `claim-scrubber submit` sends them: the position only for X12 and FHIR, where the scrubber
    // starts a contract rejection's finding with it (a JSON claim is found by its index).
    attributes: {
      sourceFile,
      sourceIndex: String(item.index),
      [CLAIM_VERSION_ATTRIBUTE]: version,
      ...(item.position.format === 'json' ? {} : { sourcePosition: describePosition(item.position) }),
    },
  };
}
