import { createHash } from 'node:crypto';
import type { SQSRecord } from 'aws-lambda';
import { validateClaim, type ValidationOutcome } from '../../shared/claim/validate.ts';
import { readerRejectionIn, type ReaderRejection } from '../../shared/intake/reader-rejection.ts';
import { claimIdOf, isClaimId } from '../../shared/claim/claim-id.ts';

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

export function readIntakeRecord(record: SQSRecord): IntakeRecord {
  let input: unknown;
  let parsed = true;
  try {
    input = JSON.parse(record.body);
  } catch {
    parsed = false;
  }
  const validation = parsed ? validateClaim(input) : undefined;
  const claimId = validation?.ok ? validation.claim.claimId : claimIdOf(input);
  const attributeId = record.messageAttributes?.claimId?.stringValue;
  const position = record.messageAttributes?.sourcePosition?.stringValue;
  return {
    messageId: record.messageId,
    receiveCount: Number(record.attributes?.ApproximateReceiveCount ?? '1'),
    trackingId: claimId ?? (isClaimId(attributeId) ? attributeId : `${MESSAGE_TRACKING_PREFIX}${record.messageId}`),
    claimId,
    bodyHash: createHash('sha256').update(record.body).digest('hex'),
    input,
    parsed,
    validation,
    readerRejection: parsed && !validation?.ok ? readerRejectionIn(input) : undefined,
    sourcePosition: position && position.length <= MAX_POSITION_LENGTH ? position : undefined,
  };
}
