import { createHash, createHmac } from 'node:crypto';

/**
 * How the scrubber tells claims apart, and copies of one claim from each other.
 *
 * - A claim is identified by its submitter (the billing provider's NPI) and its claim id: a patient
 *   control number is unique only per submitter, so two providers' claim 1001 are two claims.
 * - Two deliveries are the same claim version when their content is the same, whatever its bytes:
 *   the content hash is taken over a canonical form (keys sorted, no insignificant space), so the
 *   claim as a billing system wrote it and as `submit` re-serialised it hash alike.
 * - Every output of one claim version (its review or clean message, its alert) carries one
 *   deduplication id, so a consumer that keeps what it has seen processes each claim version once.
 * - Logs and metrics name a claim only by its reference: a keyed hash of its key, which cannot be
 *   turned back into the claim id without the deployment's key.
 */

/** Result keys of claims start with this; file markers share the table under their own prefix. */
export const CLAIM_KEY_PREFIX = 'claim#';
/** Stands in for the submitter of a message that names no valid billing NPI. */
export const UNKNOWN_SUBMITTER = '-';
const NPI = /^\d{10}$/;

export function resultKeyOf(submitterNpi: string | null, trackingId: string): string {
  return `${CLAIM_KEY_PREFIX}${submitterNpi ?? UNKNOWN_SUBMITTER}#${trackingId}`;
}

/** The billing provider's NPI an untrusted claim names, when it names a well-formed one. */
export function submitterNpiOf(input: unknown): string | null {
  if (!isJsonObject(input) || !isJsonObject(input.billingProvider)) return null;
  const npi = input.billingProvider.npi;
  return typeof npi === 'string' && NPI.test(npi) ? npi : null;
}

/** SHA-256 of the canonical form of parsed JSON, or of the raw text when it is not JSON. */
export function contentHashOf(parsed: boolean, input: unknown, rawBody: string): string {
  return sha256(parsed ? canonicalJson(input) : `raw:${rawBody}`);
}

export function deduplicationIdOf(resultKey: string, contentHash: string): string {
  return sha256(`${resultKey}\n${contentHash}`);
}

/** Length of a claim reference's hash part: 80 bits, ample for one deployment's claims. */
const REFERENCE_HEX_DIGITS = 20;

/** A claim's reference for logs, metrics and alerts: `cr-` and a keyed hash of its result key. */
export function claimReferenceOf(key: string, resultKey: string): string {
  return `cr-${createHmac('sha256', key).update(resultKey).digest('hex').slice(0, REFERENCE_HEX_DIGITS)}`;
}

/** JSON with every object's keys sorted, so equal values serialise alike. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (isJsonObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v));
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A JSON object (not an array, not null), for reading untrusted input field by field. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
