import * as z from 'zod';
import { PAYER_TYPES, type PayerType } from '../claim/contract.ts';
import { fieldErrors } from '../claim/validate.ts';

export const BENEFITS = ['home_care', 'medical', 'pharmacy', 'other'] as const;

/**
 * How per-diem units count the days of a line's span: `calendar_days`, every day from the first to the
 * last (each day the patient has access to the therapy); `therapy_days`, only the days the therapy is given.
 */
export const PER_DIEM_DAY_BASES = ['calendar_days', 'therapy_days'] as const;
/** Whether a per-diem line may cover several days (`span_allowed`) or the payer wants one line per day. */
export const PER_DIEM_LINE_SPANS = ['one_line_per_day', 'span_allowed'] as const;

export type PerDiemDayBasis = (typeof PER_DIEM_DAY_BASES)[number];
export type PerDiemLineSpan = (typeof PER_DIEM_LINE_SPANS)[number];

const modifierSetting = z.string().regex(/^[A-Z0-9]{2}$/, 'must be a modifier of 2 uppercase letters or digits, e.g. "SH"');
const posSetting = z.string().regex(/^\d{2}$/, 'must be a place-of-service code of 2 digits, e.g. "49"');

function withoutDuplicates(list: readonly string[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  list.forEach((value, i) => {
    if (seen.has(value)) ctx.addIssue({ code: 'custom', path: [i], message: `repeats ${value}` });
    seen.add(value);
  });
}

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

  // Billing settings. Each is optional in the file; read them through payerSettings(), which applies the defaults.
  /** How per-diem units count the days of a line's span. */
  perDiemDayBasis: z.enum(PER_DIEM_DAY_BASES).optional(),
  /** Whether a per-diem line may span several days. */
  perDiemLineSpan: z.enum(PER_DIEM_LINE_SPANS).optional(),
  /**
   * The modifiers of a concurrent therapy's per diem: the first on the second therapy of a day, the second on
   * the third and later ones, and any further ones on every concurrent therapy too (e.g. 59).
   */
  concurrentModifiers: z
    .array(modifierSetting)
    .min(2, 'must name at least 2 modifiers: the second therapy\'s (e.g. "SH") and the third and later therapies\' (e.g. "SJ")')
    .superRefine(withoutDuplicates)
    .optional(),
  /** The place-of-service codes the payer treats as the infusion suite. */
  suitePos: z.array(posSetting).min(1, 'must name at least 1 place-of-service code, e.g. ["49"]').superRefine(withoutDuplicates).optional(),
  /** Drug lines need an NDC (with its quantity and unit). */
  ndcRequired: z.boolean().optional(),
  /** A licensed practical nurse may perform the home-infusion nursing visit (99601/99602). */
  lpnNursingAllowed: z.boolean().optional(),
  /** The payer applies the CMS NCCI edits (procedure-to-procedure pairs and MUEs). */
  followsNcci: z.boolean().optional(),
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

/** A payer's billing settings, every one resolved: what the rules read. */
export interface PayerSettings {
  readonly perDiemDayBasis: PerDiemDayBasis;
  readonly perDiemLineSpan: PerDiemLineSpan;
  readonly concurrentModifiers: readonly string[];
  readonly suitePos: readonly string[];
  readonly ndcRequired: boolean;
  readonly lpnNursingAllowed: boolean;
  readonly followsNcci: boolean;
}

export type PayerSettingName = keyof PayerSettings;

/**
 * The defaults of the billing settings a payer record leaves out (docs/contracts.md gives the reasons).
 * `ndcRequired` and `followsNcci` depend on the payer's type: true for the types listed, false for the others.
 */
export const PAYER_SETTING_DEFAULTS = {
  perDiemDayBasis: 'calendar_days',
  perDiemLineSpan: 'span_allowed',
  concurrentModifiers: ['SH', 'SJ'],
  suitePos: ['49'],
  lpnNursingAllowed: true,
  ndcRequiredFor: ['medicaid'],
  followsNcciFor: ['medicare', 'medicaid'],
} as const satisfies Omit<PayerSettings, 'ndcRequired' | 'followsNcci'> & {
  ndcRequiredFor: readonly PayerType[];
  followsNcciFor: readonly PayerType[];
};

/**
 * A payer's settings with the defaults applied. Pass the payer's record, or, for a payer with no record
 * (e.g. Original Medicare), the claim's payer: the defaults for its type.
 */
export function payerSettings(payer: Pick<PayerRecord, 'type'> & Partial<Pick<PayerRecord, PayerSettingName>>): PayerSettings {
  const defaults = PAYER_SETTING_DEFAULTS;
  return {
    perDiemDayBasis: payer.perDiemDayBasis ?? defaults.perDiemDayBasis,
    perDiemLineSpan: payer.perDiemLineSpan ?? defaults.perDiemLineSpan,
    concurrentModifiers: payer.concurrentModifiers ?? defaults.concurrentModifiers,
    suitePos: payer.suitePos ?? defaults.suitePos,
    ndcRequired: payer.ndcRequired ?? (defaults.ndcRequiredFor as readonly PayerType[]).includes(payer.type),
    lpnNursingAllowed: payer.lpnNursingAllowed ?? defaults.lpnNursingAllowed,
    followsNcci: payer.followsNcci ?? (defaults.followsNcciFor as readonly PayerType[]).includes(payer.type),
  };
}

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
