/**
 * The claim id's one definition: a patient control number as X12 allows it (CLM01: 1–38 characters
 * of its character set, spaces and `#` included) or a FHIR Claim identifier, up to 64 printable ASCII
 * characters that neither start nor end with a space. It becomes a DynamoDB key and an SQS message
 * attribute, both of which take any such string; it never becomes a file name. The file intake's
 * marker keys (`file#` and 64 hex digits, 69 characters) are longer than any claim id, so the two
 * never meet in the results table.
 */
export const CLAIM_ID_MAX_LENGTH = 64;
export const CLAIM_ID_PATTERN = /^[\x21-\x7E](?:[\x20-\x7E]{0,62}[\x21-\x7E])?$/;
/** What the pattern allows, in words, for messages. */
export const CLAIM_ID_CHARACTERS = 'printable ASCII characters (letters, digits, spaces and punctuation), not starting or ending with a space';

export function isClaimId(value: unknown): value is string {
  return typeof value === 'string' && CLAIM_ID_PATTERN.test(value);
}

/** The claim id of untrusted input, when it carries a usable one; otherwise null. */
export function claimIdOf(input: unknown): string | null {
  if (typeof input !== 'object' || input === null || !('claimId' in input)) return null;
  return isClaimId(input.claimId) ? input.claimId : null;
}
