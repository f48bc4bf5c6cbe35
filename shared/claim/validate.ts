import type * as z from 'zod';
import { claimSchema, type Claim } from './contract.ts';

export interface FieldError {
  /** Dotted path into the claim, e.g. `lines[1].serviceDate`; empty for the claim itself. */
  path: string;
  message: string;
}

export type ValidationOutcome = { ok: true; claim: Claim } | { ok: false; errors: FieldError[] };

/** Validates untrusted input against claim contract v1, listing every field error with its path. */
export function validateClaim(input: unknown): ValidationOutcome {
  const parsed = claimSchema.safeParse(input);
  if (parsed.success) return { ok: true, claim: parsed.data };
  return { ok: false, errors: fieldErrors(parsed.error) };
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
