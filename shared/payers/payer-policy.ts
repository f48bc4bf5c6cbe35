import * as z from 'zod';
import { PAYER_TYPES } from '../claim/contract.ts';
import { fieldErrors } from '../claim/validate.ts';

export const BENEFITS = ['home_care', 'medical', 'pharmacy', 'other'] as const;

export const payerRecordSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  type: z.enum(PAYER_TYPES),
  acceptsSS: z.boolean(),
  /** The benefit the payer pays infusion-suite (SS) services under. */
  benefit: z.enum(BENEFITS).optional(),
  /** The member's cost share for that benefit, as the contract states it, e.g. "$0" or "20% after deductible". */
  copay: z.string().min(1).optional(),
  /**
   * The payer wants the suite documentation with the claim itself (the JSON block, FHIR supportingInfo or
   * an 837P PWK attachment sent). Absent means false: the record stays with the provider for an audit.
   */
  documentationOnClaim: z.boolean().optional(),
  /** Where the policy comes from, so a biller can check it. */
  source: z.string().optional(),
});

export const payerPolicySchema = z
  .object({
    version: z.string().min(1),
    payers: z.array(payerRecordSchema),
  })
  .superRefine((policy, ctx) => {
    const seen = new Set<string>();
    policy.payers.forEach((payer, i) => {
      if (seen.has(payer.id)) ctx.addIssue({ code: 'custom', path: ['payers', i, 'id'], message: `duplicates payer id ${payer.id}` });
      seen.add(payer.id);
    });
  });

export type PayerRecord = z.output<typeof payerRecordSchema>;
export type PayerPolicyDocument = z.output<typeof payerPolicySchema>;

/** Read access to payer policy: the bundled file, a user's file, or a slice fetched from a table. */
export interface PayerLookup {
  readonly version: string;
  payer(id: string): PayerRecord | undefined;
}

export class PayerPolicy implements PayerLookup {
  readonly version: string;
  private readonly byId: Map<string, PayerRecord>;

  constructor(document: PayerPolicyDocument) {
    this.version = document.version;
    this.byId = new Map(document.payers.map((p) => [p.id, p]));
  }

  payer(id: string): PayerRecord | undefined {
    return this.byId.get(id);
  }

  records(): PayerRecord[] {
    return [...this.byId.values()];
  }
}

export class PayerPolicyError extends Error {
  override readonly name = 'PayerPolicyError';
}

/** Parses a payer policy document, naming every bad field; throws PayerPolicyError. */
export function parsePayerPolicy(input: unknown, origin = 'payer policy'): PayerPolicy {
  const parsed = payerPolicySchema.safeParse(input);
  if (!parsed.success) {
    const problems = fieldErrors(parsed.error).map((e) => `  ${e.path || '(document)'}: ${e.message}`);
    throw new PayerPolicyError(`${origin} is not a valid payer policy:\n${problems.join('\n')}`);
  }
  return new PayerPolicy(parsed.data);
}
