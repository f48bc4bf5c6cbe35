import { claimIdOf, isClaimId } from '../claim/claim-id.ts';
import { validateClaim, type ValidationOutcome } from '../claim/validate.ts';
import { claimVersion, isClaimVersion } from '../intake/claim-version.ts';
import { readerRejectionIn, type ReaderRejection } from '../intake/reader-rejection.ts';
import { claimReferenceOf, contentHashOf, deduplicationIdOf, resultKeyOf, submitterNpiOf } from './claim-identity.ts';

/** One delivery of an intake-queue message, whatever queue delivered it (SQS through Lambda, or a test). */
export interface IntakeDelivery {
  messageId: string;
  body: string;
  /** 1 on the first delivery. */
  receiveCount: number;
  /** When the queue received the message (epoch ms): the claim's version when the sender set none. */
  sentTimestamp?: number | undefined;
  /** The sender's `claimId`, `sourcePosition` and `claimVersion` message attributes, when set. */
  attributes: { claimId?: string | undefined; sourcePosition?: string | undefined; claimVersion?: string | undefined };
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
  /** The billing provider's NPI the body names; null when it names no well-formed one. */
  submitterNpi: string | null;
  /** The results table's key of the claim: its submitter and tracking id (claim-identity.ts). */
  resultKey: string;
  /** Hash of the claim's canonical content: equal for the same claim however it was serialised. */
  contentHash: string;
  /** Which copy of the claim is newer (claim-version.ts): the sender's attribute, else the queue's receipt time. */
  version: string;
  /** Carried by every output of this claim version, so a consumer can drop a copy it has seen. */
  deduplicationId: string;
  /** The claim's name in logs, metrics and alerts: a keyed hash of its result key, never its id. */
  claimReference: string;
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

/** `referenceKey` is the deployment's secret for claim references (claim-identity.ts). */
export function readIntakeRecord(delivery: IntakeDelivery, referenceKey: string): IntakeRecord {
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
  const trackingId = claimId ?? (isClaimId(attributeId) ? attributeId : `${MESSAGE_TRACKING_PREFIX}${delivery.messageId}`);
  const submitterNpi = validation?.ok ? validation.claim.billingProvider.npi : submitterNpiOf(input);
  const resultKey = resultKeyOf(submitterNpi, trackingId);
  const contentHash = contentHashOf(parsed, input, delivery.body);
  return {
    messageId: delivery.messageId,
    receiveCount: delivery.receiveCount,
    trackingId,
    claimId,
    submitterNpi,
    resultKey,
    contentHash,
    version: versionOf(delivery),
    deduplicationId: deduplicationIdOf(resultKey, contentHash),
    claimReference: claimReferenceOf(referenceKey, resultKey),
    input,
    parsed,
    validation,
    readerRejection: parsed && !validation?.ok ? readerRejectionIn(input) : undefined,
    sourcePosition: position && position.length <= MAX_POSITION_LENGTH ? position : undefined,
  };
}

/** A message without a version of its own (sent by hand) is as new as its arrival on the queue. */
function versionOf(delivery: IntakeDelivery): string {
  if (isClaimVersion(delivery.attributes.claimVersion)) return delivery.attributes.claimVersion;
  return claimVersion(delivery.sentTimestamp ?? 0);
}
