import * as z from 'zod';
import { CLAIM_ID_PATTERN } from '../../claim/claim-id.ts';
import { isClaimVersion } from '../../intake/claim-version.ts';
import { WorklistInvalid } from './access.ts';
import { MAX_DETAIL_LENGTH, type WorklistAction } from './actions.ts';
import type { CorrectionRequest, ListRequest } from './api.ts';

/** The largest corrected claim file taken through the API: one claim, in any format, with room to spare. */
export const MAX_CORRECTION_FILE_CHARACTERS = 1_000_000;
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');
const shortText = z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters');
const version = z.string().refine(isClaimVersion, 'must be a claim version as the claim page gave it');
const detail = z.string().max(MAX_DETAIL_LENGTH * 2, `must be at most ${MAX_DETAIL_LENGTH} characters`);

const listRequest = z.strictObject({
  filters: z
    .strictObject({
      state: z.enum(['open', 'resolved', 'overridden', 'superseded']).optional(),
      status: z.enum(['flagged', 'rejected']).optional(),
      ruleId: shortText.optional(),
      payerId: shortText.optional(),
      medicareDenialRisk: z.boolean().optional(),
      serviceFrom: date.optional(),
      serviceTo: date.optional(),
      assignee: shortText.nullable().optional(),
      claimId: z.string().regex(CLAIM_ID_PATTERN, 'is not a claim id').optional(),
    })
    .optional(),
  cursor: z.string().max(500).optional(),
  limit: z.int().min(1).max(MAX_PAGE_SIZE).optional(),
});

const action = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('resolve'), claimVersion: version, note: detail }),
  z.strictObject({ kind: z.literal('override'), claimVersion: version, reason: detail }),
  z.strictObject({ kind: z.literal('assign'), claimVersion: version, assignee: shortText.nullable() }),
  z.strictObject({ kind: z.literal('note'), claimVersion: version, note: detail }),
  z.strictObject({ kind: z.literal('reopen'), claimVersion: version, reason: detail }),
]);

const correction = z.union([
  z.strictObject({ claimVersion: version, claim: z.record(z.string(), z.unknown()) }),
  z.strictObject({
    claimVersion: version,
    file: z.strictObject({
      name: z.string().max(255),
      text: z.string().min(1, 'is empty').max(MAX_CORRECTION_FILE_CHARACTERS, `must be at most ${MAX_CORRECTION_FILE_CHARACTERS.toLocaleString('en-US')} characters`),
    }),
  }),
]);

export function parseListRequest(body: unknown): ListRequest {
  return parse(listRequest, body ?? {}, 'list request') as ListRequest;
}

export function parseAction(body: unknown): WorklistAction {
  return parse(action, body, 'action') as WorklistAction;
}

export function parseCorrection(body: unknown): CorrectionRequest {
  return parse(correction, body, 'correction') as CorrectionRequest;
}

function parse<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const where = first && first.path.length > 0 ? `${first.path.join('.')} ` : '';
  throw new WorklistInvalid(`the ${what} is not valid: ${where}${first?.message ?? 'unknown problem'}`);
}
