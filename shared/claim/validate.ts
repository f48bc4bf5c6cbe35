import type * as z from 'zod';
import { CLAIM_BOUNDS, claimSchema, type Claim } from './contract.ts';
import { fastClaim, fastClaimView, type FastClaim } from './fast-validate.ts';

export interface FieldError {
  /** Dotted path into the claim, e.g. `lines[1].serviceDate`; empty for the claim itself. */
  path: string;
  message: string;
}

export type ValidationOutcome = { ok: true; claim: Claim } | { ok: false; errors: FieldError[] };

/**
 * Validates untrusted input against claim contract v1, listing every field error with its path.
 *
 * A valid claim takes the fast path (fast-validate.ts), which builds the claim zod would return, and is
 * measured as JSON only when its cheap size bound comes near the limit or it carries unknown fields.
 * Everything else takes zod's path below, so every error, and its wording, is zod's.
 */
export function validateClaim(input: unknown): ValidationOutcome {
  const fast = fastClaim(input);
  if (withinSize(fast, input)) return { ok: true, claim: fast.claim };
  return validateClaimWithZod(input);
}

/**
 * The valid claim as the rules' one-shape view (fast-validate.ts's fastClaimView), when the fast path
 * accepts the input; undefined when it does not, and validateClaim must answer. The scrub's own path:
 * the rules read the view, so the claim is not built twice.
 */
export function validClaimView(input: unknown): Claim | undefined {
  const fast = fastClaimView(input);
  return withinSize(fast, input) ? fast.claim : undefined;
}

function withinSize(fast: FastClaim | undefined, input: unknown): fast is FastClaim {
  return fast !== undefined && (fast.jsonBound <= CLAIM_BOUNDS.jsonCharacters || jsonLength(input) <= CLAIM_BOUNDS.jsonCharacters);
}

/** The contract checked by zod alone, as before the fast path: the reference the fast path is tested against. */
export function validateClaimWithZod(input: unknown): ValidationOutcome {
  const size = jsonLength(input);
  if (size > CLAIM_BOUNDS.jsonCharacters) {
    const limit = CLAIM_BOUNDS.jsonCharacters.toLocaleString('en-US');
    return { ok: false, errors: [{ path: '', message: `is ${size.toLocaleString('en-US')} characters as JSON: a claim may be at most ${limit}` }] };
  }
  const parsed = claimSchema.safeParse(input);
  if (parsed.success) return { ok: true, claim: parsed.data };
  return { ok: false, errors: fieldErrors(parsed.error) };
}

/** The input's length as JSON, unknown fields included (0 for what JSON cannot hold). */
function jsonLength(input: unknown): number {
  if (typeof input !== 'object' || input === null) return 0;
  try {
    return JSON.stringify(input).length;
  } catch {
    return 0;
  }
}

/** Every issue of a zod error as a path and a plain message. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map(toFieldError);
}

function toFieldError(issue: z.core.$ZodIssue): FieldError {
  return { path: formatPath(issue.path), message: describeIssue(issue) };
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  // zod's default wording for a missing key is "expected string, received undefined".
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return 'is required';
  return issue.message;
}
