import * as z from 'zod';
import type { FieldError } from '../claim/validate.ts';
import type { RejectedItem, SourcePosition } from '../formats/index.ts';

/**
 * A claim its format reader could not map, as it travels through the intake queue: the reader's
 * reasons and the claim's position, so the scrubber reports the same CLAIM-INVALID finding
 * `claim-scrubber scrub` prints for it, not contract errors about fields the reader never filled.
 */
export interface ReaderRejection {
  index: number;
  position: SourcePosition;
  errors: FieldError[];
}

/** The body's top-level key. A claim event never has it (the contract ignores unknown keys, so it cannot be meant as one). */
export const READER_REJECTION_KEY = 'readerRejection';

const positionSchema = z.discriminatedUnion('format', [
  z.object({ format: z.literal('json'), index: z.number().int().min(0), line: z.number().int().optional() }),
  z.object({
    format: z.literal('x12'),
    interchange: z.string(),
    group: z.string(),
    transaction: z.string(),
    claimId: z.string().optional(),
    segment: z.number().int(),
    fileSegment: z.number().int(),
  }),
  z.object({ format: z.literal('fhir'), path: z.string(), line: z.number().int().optional(), reference: z.string().optional() }),
]);

const rejectionSchema = z.object({
  [READER_REJECTION_KEY]: z.object({
    index: z.number().int().min(0),
    position: positionSchema,
    errors: z.array(z.object({ path: z.string(), message: z.string() })).min(1),
  }),
});

export function readerRejectionBody(item: RejectedItem): string {
  const rejection: ReaderRejection = { index: item.index, position: item.position, errors: safeErrors(item) };
  return JSON.stringify({ ...(item.claimId ? { claimId: item.claimId } : {}), [READER_REJECTION_KEY]: rejection });
}

/** The reader rejection a message body carries, or undefined for any other body. */
export function readerRejectionIn(input: unknown): ReaderRejection | undefined {
  const parsed = rejectionSchema.safeParse(input);
  return parsed.success ? (parsed.data[READER_REJECTION_KEY] as ReaderRejection) : undefined;
}

/**
 * The reader's errors, minus what could hold member data: JSON.parse's message may quote the line it
 * failed on (JSON and FHIR NDJSON), so a line that is not JSON is named by its number only.
 */
export function safeErrors(item: RejectedItem): FieldError[] {
  return item.errors.map((error) => ({ ...error, message: error.message.replace(/( is not valid JSON):[\s\S]*$/, '$1') }));
}
