import * as z from 'zod';
import { isValidNpi } from './npi.ts';
import { CLAIM_ID_CHARACTERS, CLAIM_ID_MAX_LENGTH, CLAIM_ID_PATTERN } from './claim-id.ts';
import { groupDigits } from './group-digits.ts';

/** The patterns of the contract's coded fields, shared with the fast path (fast-validate.ts). */
export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const PLACE_OF_SERVICE_PATTERN = /^\d{2}$/;
export const NPI_PATTERN = /^\d{10}$/;
export const PROCEDURE_CODE_PATTERN = /^[A-Za-z0-9]{5}$/;
export const MODIFIER_PATTERN = /^[A-Za-z0-9]{2}$/;
export const REPORT_TYPE_PATTERN = /^[A-Z0-9]{2}$/;
export const TRANSMISSION_PATTERN = /^[A-Z]{2}$/;
export const DIAGNOSIS_CODE_PATTERN = /^[A-TV-Z][0-9][0-9A-Z](\.?[0-9A-Z]{1,4})?$/;

const isoDate = z
  .string()
  .regex(ISO_DATE_PATTERN, 'must be a date as YYYY-MM-DD')
  .refine(isRealCalendarDate, 'must be a real calendar date');

export const isoDateTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time, e.g. 2026-03-02T09:30:00Z' });

/**
 * The claim event contract's version: 1.1 adds optional fields to 1.0 and widens the claim id; 1.2
 * adds optional line fields only (serviceDateEnd, the last day of a dated range; drug, the NDC a
 * drug line was dispensed as; description, the line note of a not-otherwise-classified code), so
 * every 1.0 and 1.1 claim is a 1.2 claim.
 */
export const CLAIM_CONTRACT_VERSION = '1.2';

/** FHIR Claim.use: only a claim is scrubbed; a (pre)authorization request asks a different question. */
export const CLAIM_USES = ['claim', 'preauthorization', 'predetermination'] as const;
const placeOfService = z.string().regex(PLACE_OF_SERVICE_PATTERN, 'must be 2 digits');

export const PAYER_TYPES = ['medicare', 'medicare_advantage', 'medicaid', 'commercial', 'other'] as const;
export const PERFORMERS = ['RN', 'LPN', 'pharmacist', 'physician', 'other'] as const;

/**
 * Bounds on what can grow, so one claim cannot swell a message, a result row or a review page:
 * generous beside what an 837P can carry (NM1 names 60 characters, 12 diagnoses, 4 modifier slots).
 */
export const CLAIM_BOUNDS = {
  text: 200,
  /** Payer ids, member ids, attachment control numbers and line descriptions (837P allows 80 in NM109, PWK06, SV101-7). */
  idText: 80,
  /** A patient's first or last name (837P NM103/NM104 allow 60). */
  personName: 60,
  credential: 20,
  ndc: 20,
  /** An NDC unit of measure is a 2-character code (837P CTP05-1). */
  drugUnit: 2,
  list: 50,
  /** Lines on one claim: 837P allows 50 service lines per claim. */
  lines: 50,
  /** One day has 1,440 minutes; a visit or infusion beyond it is a typing error, not a long infusion. */
  minutes: 1_440,
  modifiers: 10,
  diagnoses: 25,
  attachments: 10,
  units: 99_999,
  charge: 9_999_999,
  /**
   * The whole claim as JSON, fields the contract does not know included: about twice the largest claim
   * the other bounds allow, and small enough that its review message fits a queue message with room
   * for its findings.
   */
  jsonCharacters: 200_000,
} as const;

const wholeMinutes = z
  .int('must be a whole number of minutes')
  .min(0, 'must not be negative')
  .max(CLAIM_BOUNDS.minutes, `must be at most ${groupDigits(CLAIM_BOUNDS.minutes)} (one day)`);
const text = (max: number = CLAIM_BOUNDS.text) => z.string().max(max, `must be at most ${max} characters`);
const textList = () => z.array(text()).max(CLAIM_BOUNDS.list, `may hold at most ${CLAIM_BOUNDS.list} entries`);

const npi = z
  .string()
  .regex(NPI_PATTERN, 'must be 10 digits')
  .refine(isValidNpi, 'fails the NPI check digit');

export const payerSchema = z.object({
  id: text(CLAIM_BOUNDS.idText).min(1, 'is required'),
  name: text().optional(),
  type: z.enum(PAYER_TYPES),
});

export const patientSchema = z.object({
  memberId: text(CLAIM_BOUNDS.idText).min(1, 'is required'),
  firstName: text(CLAIM_BOUNDS.personName).optional(),
  lastName: text(CLAIM_BOUNDS.personName).optional(),
  birthDate: isoDate.optional(),
});

/**
 * The drug a line bills, as the NDC it was dispensed under (837P 2410 LIN/CTP, FHIR an NDC coding).
 * Only its size is checked here: whether an NDC is well formed (11 digits, 5-4-2) and its quantity
 * sensible is for the rules to judge, so a malformed NDC is a finding, not a rejected claim.
 */
export const drugSchema = z.object({
  /** The 11-digit NDC as sent (5-4-2 without hyphens): 837P LIN03 after N4, FHIR an `http://hl7.org/fhir/sid/ndc` coding. */
  ndc: text(CLAIM_BOUNDS.ndc).min(1, 'is required'),
  /** How much of the drug the line dispensed, in `unit` (837P CTP04). */
  quantity: z.number().min(0, 'must not be negative').max(CLAIM_BOUNDS.units, `must be at most ${groupDigits(CLAIM_BOUNDS.units)}`).optional(),
  /** The NDC unit of measure (837P CTP05-1): F2 international unit, GR gram, ME milligram, ML millilitre, UN unit. */
  unit: text(CLAIM_BOUNDS.drugUnit).optional(),
});

export const lineSchema = z.object({
  lineNumber: z.int('must be a whole number').min(1, 'must be 1 or more'),
  procedureCode: z.string().regex(PROCEDURE_CODE_PATTERN, 'must be 5 letters or digits'),
  modifiers: z
    .array(z.string().regex(MODIFIER_PATTERN, 'must be 2 letters or digits'))
    .max(CLAIM_BOUNDS.modifiers, `may hold at most ${CLAIM_BOUNDS.modifiers} modifiers`)
    .optional(),
  units: z.number().positive('must be greater than 0').max(CLAIM_BOUNDS.units, `must be at most ${groupDigits(CLAIM_BOUNDS.units)}`),
  serviceDate: isoDate,
  /** The last day of a line dated by a range (837P DTP*472*RD8, FHIR item.servicedPeriod.end): on or after serviceDate. */
  serviceDateEnd: isoDate.optional(),
  chargeAmount: z.number().min(0, 'must not be negative').max(CLAIM_BOUNDS.charge, `must be at most ${groupDigits(CLAIM_BOUNDS.charge)}`).optional(),
  infusionMinutes: wholeMinutes.optional(),
  performedBy: z.enum(PERFORMERS).optional(),
  /** Where this line was served, when it differs from the claim's (837P SV105, FHIR item.location[x]); rules prefer it. */
  placeOfService: placeOfService.optional(),
  /** The drug the line dispensed, by NDC (837P 2410 LIN/CTP, FHIR an NDC coding on the item or its detail). */
  drug: drugSchema.optional(),
  /** The line's description, what a not-otherwise-classified code (J3490, say) bills (837P SV101-7). */
  description: text(CLAIM_BOUNDS.idText).optional(),
});

export const attachmentSchema = z.object({
  /** X12 PWK01 report type code, e.g. CT (certification), 03 (report justifying treatment), OZ (support data). */
  reportType: z.string().regex(REPORT_TYPE_PATTERN, 'must be a 2-character report type code'),
  /** X12 PWK02 transmission code: BM by mail, EL/EM electronically or by e-mail, FX by fax, FT file transfer, AA available on request. */
  transmission: z.string().regex(TRANSMISSION_PATTERN, 'must be a 2-letter transmission code'),
  /** PWK06, the attachment control number that ties the documents to the claim. */
  controlNumber: text(CLAIM_BOUNDS.idText).optional(),
});

export const documentationSchema = z.object({
  medicalNecessity: z.boolean().optional(),
  suiteRationale: z.boolean().optional(),
  therapyType: text().optional(),
  infusionMinutes: wholeMinutes.optional(),
  medications: textList().optional(),
  supplies: textList().optional(),
  suiteTimeIn: isoDateTime.optional(),
  suiteTimeOut: isoDateTime.optional(),
  /** Documents that travel apart from the claim (837P PWK, FHIR supportingInfo attachments). */
  attachments: z.array(attachmentSchema).max(CLAIM_BOUNDS.attachments, `may hold at most ${CLAIM_BOUNDS.attachments} attachments`).optional(),
});

export const claimSchema = z
  .object({
    claimId: z.string().regex(CLAIM_ID_PATTERN, `must be 1-${CLAIM_ID_MAX_LENGTH} ${CLAIM_ID_CHARACTERS}`),
    /** Default `claim`. Anything else is rejected: it is a request about a claim, not a claim. */
    // Checked on the field, so a request's other errors are listed with it in one rejection.
    use: z
      .enum(CLAIM_USES)
      .superRefine((use, ctx) => {
        if (use !== 'claim') ctx.addIssue({ code: 'custom', message: `is "${use}": a ${use} request asks the payer before the service and is not scrubbed as a claim` });
      })
      .optional(),
    submittedAt: isoDateTime.optional(),
    payer: payerSchema,
    patient: patientSchema,
    billingProvider: z.object({ npi, name: text().optional() }),
    renderingProvider: z.object({ npi: npi.optional(), credential: text(CLAIM_BOUNDS.credential).optional() }).optional(),
    placeOfService: placeOfService.optional(),
    diagnosisCodes: z
      .array(z.string().regex(DIAGNOSIS_CODE_PATTERN, 'must be an ICD-10-CM code, e.g. A41.9'))
      .max(CLAIM_BOUNDS.diagnoses, `may hold at most ${CLAIM_BOUNDS.diagnoses} diagnosis codes`)
      .optional(),
    lines: z.array(lineSchema).min(1, 'must hold at least 1 line').max(CLAIM_BOUNDS.lines, `may hold at most ${CLAIM_BOUNDS.lines} lines`),
    documentation: documentationSchema.optional(),
  })
  .superRefine((claim, ctx) => {
    const seen = new Set<number>();
    claim.lines.forEach((line, i) => {
      if (seen.has(line.lineNumber)) {
        ctx.addIssue({ code: 'custom', path: ['lines', i, 'lineNumber'], message: `duplicates line number ${line.lineNumber}` });
      }
      seen.add(line.lineNumber);
      // Two YYYY-MM-DD dates: text order is date order. A malformed date has its own error already.
      if (line.serviceDateEnd !== undefined && isIsoDate(line.serviceDate) && isIsoDate(line.serviceDateEnd) && line.serviceDateEnd < line.serviceDate) {
        ctx.addIssue({ code: 'custom', path: ['lines', i, 'serviceDateEnd'], message: `is before the service date ${line.serviceDate}` });
      }
    });
  })
  .transform((claim) => ({
    ...claim,
    // Codes are case-insensitive on the wire; rules compare upper case.
    lines: claim.lines.map((line) => ({
      ...line,
      procedureCode: line.procedureCode.toUpperCase(),
      ...(line.modifiers ? { modifiers: line.modifiers.map((m) => m.toUpperCase()) } : {}),
    })),
  }));

export type ClaimInput = z.input<typeof claimSchema>;
export type Claim = z.output<typeof claimSchema>;
export type ClaimLine = Claim['lines'][number];
export type PayerType = (typeof PAYER_TYPES)[number];
export type Performer = (typeof PERFORMERS)[number];
export type Documentation = NonNullable<Claim['documentation']>;
export type Attachment = NonNullable<Documentation['attachments']>[number];
export type Drug = NonNullable<ClaimLine['drug']>;

/** Where a line was served: its own place of service, else the claim's. */
export function placeOfServiceOf(claim: Pick<Claim, 'placeOfService'>, line: Pick<ClaimLine, 'placeOfService'>): string | undefined {
  return line.placeOfService ?? claim.placeOfService;
}

function isIsoDate(value: string): boolean {
  return ISO_DATE_PATTERN.test(value) && isRealCalendarDate(value);
}

export function isRealCalendarDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
