/**
 * The claim id's one definition. It becomes a DynamoDB key, an SQS message attribute and part of
 * file names, so it is held to characters that are safe in all of them.
 */
export const CLAIM_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
/** What the pattern allows, in words, for messages. */
export const CLAIM_ID_CHARACTERS = 'A-Z a-z 0-9 . _ -';
export const CLAIM_ID_MAX_LENGTH = 64;

export function isClaimId(value: unknown): value is string {
  return typeof value === 'string' && CLAIM_ID_PATTERN.test(value);
}

/** The claim id of untrusted input, when it carries a usable one; otherwise null. */
export function claimIdOf(input: unknown): string | null {
  if (typeof input !== 'object' || input === null || !('claimId' in input)) return null;
  return isClaimId(input.claimId) ? input.claimId : null;
}
