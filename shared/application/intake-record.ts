import { createHash } from 'node:crypto';
import { claimIdOf, isClaimId } from '../claim/claim-id.ts';
import { validateClaim, type ValidationOutcome } from '../claim/validate.ts';
import { readerRejectionIn, type ReaderRejection } from '../intake/reader-rejection.ts';

/** One delivery of an intake-queue message, whatever queue delivered it (SQS through Lambda, or a test). */
export interface IntakeDelivery {
  messageId: string;
  body: string;
  /** 1 on the first delivery. */
  receiveCount: number;
  /** The sender's `claimId` and `sourcePosition` message attributes, when set. */
  attributes: { claimId?: string | undefined; sourcePosition?: string | undefined };
}

/** An intake message, read: what the scrubber knows about it before touching any store. */
export interface IntakeRecord {
  messageId: string;
  receiveCount: number;
  /**
   * The key the claim is tracked by in outputs and the results table: the body's claimId, else the
   * sender's `claimId` message attribute (a line that is not JSON), else the message id.
   */
  trackingId: string;
  /** The claimId the body carries, as the scrub result reports it; null when it has none usable. */
  claimId: string | null;
  bodyHash: string;
  /** The parsed body; undefined when the body is not JSON. */
  input: unknown;
  parsed: boolean;
  validation: ValidationOutcome | undefined;
  /** A claim a file's format reader rejected, sent on by the file intake so it is reviewed like any broken claim. */
  readerRejection: ReaderRejection | undefined;
  /** Where an X12 or FHIR claim sat in its file (the sender's `sourcePosition` attribute), for its rejection's finding. */
  sourcePosition: string | undefined;
}

/** describePosition's longest text is well under this; anything longer is not one. */
const MAX_POSITION_LENGTH = 500;
/** Prefix of the tracking id of a message that names no claim; the SQS message id after it keeps it unique. */
export const MESSAGE_TRACKING_PREFIX = 'message-';

export function readIntakeRecord(delivery: IntakeDelivery): IntakeRecord {
  let input: unknown;
  let parsed = true;
  try {
    input = JSON.parse(delivery.body);
  } catch {
    parsed = false;
  }
  const validation = parsed ? validateClaim(input) : undefined;
  const claimId = validation?.ok ? validation.claim.claimId : claimIdOf(input);
  const attributeId = delivery.attributes.claimId;
  const position = delivery.attributes.sourcePosition;
  return {
    messageId: delivery.messageId,
    receiveCount: delivery.receiveCount,
    trackingId: claimId ?? (isClaimId(attributeId) ? attributeId : `${MESSAGE_TRACKING_PREFIX}${delivery.messageId}`),
    claimId,
    bodyHash: createHash('sha256').update(delivery.body).digest('hex'),
    input,
    parsed,
    validation,
    readerRejection: parsed && !validation?.ok ? readerRejectionIn(input) : undefined,
    sourcePosition: position && position.length <= MAX_POSITION_LENGTH ? position : undefined,
  };
}
