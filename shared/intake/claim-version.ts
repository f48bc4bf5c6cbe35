/**
 * A claim's version: which of two copies of one claim was handed in later. The intake stamps it on
 * every message as the `claimVersion` attribute: the time the file was handed in (ISO 8601, UTC,
 * milliseconds) and the claim's place in that file, so a later file wins over an earlier one and,
 * within a file, a later copy of a claim id wins over an earlier one. The string sorts as the versions
 * do, in code and in a DynamoDB condition alike.
 */
export const CLAIM_VERSION_ATTRIBUTE = 'claimVersion';

const INDEX_DIGITS = 9;
const PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#\d{9}$/;

export function claimVersion(handedInAt: Date | number, indexInFile = 0): string {
  const at = new Date(handedInAt).toISOString();
  return `${at}#${String(Math.max(0, Math.trunc(indexInFile))).padStart(INDEX_DIGITS, '0')}`;
}

export function isClaimVersion(value: unknown): value is string {
  return typeof value === 'string' && PATTERN.test(value) && !Number.isNaN(Date.parse(value.slice(0, 24)));
}
