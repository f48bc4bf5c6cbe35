import type { Claim, Coverage, Organization, Patient, Practitioner } from '@medplum/fhirtypes';
import * as z from 'zod';

/*
 * Shapes of the FHIR R4 elements the mapping reads, with R4's own cardinalities for them (a
 * Claim.item needs sequence and productOrService, a careTeam member needs sequence and provider, …).
 * Each schema is typed against the Medplum R4 definitions, so the compiler checks that it agrees
 * with FHIR. Elements the mapping does not read are let through unchecked.
 */

const coding = z.looseObject({ system: z.string().optional(), code: z.string().optional(), display: z.string().optional() });
const codeableConcept = z.looseObject({ coding: z.array(coding).optional(), text: z.string().optional() });
const identifier = z.looseObject({ system: z.string().optional(), value: z.string().optional(), type: codeableConcept.optional() });
const reference = z.looseObject({ reference: z.string().optional(), identifier: identifier.optional(), display: z.string().optional() });
const extension = z.looseObject({ url: z.string(), valueCode: z.string().optional(), valueString: z.string().optional(), valueCoding: coding.optional() });
const quantity = z.looseObject({ value: z.number().optional(), unit: z.string().optional(), system: z.string().optional(), code: z.string().optional() });
const money = z.looseObject({ value: z.number().optional() });
const period = z.looseObject({ start: z.string().optional(), end: z.string().optional() });
const humanName = z.looseObject({ family: z.string().optional(), given: z.array(z.string()).optional() });
const attachment = z.looseObject({ contentType: z.string().optional(), url: z.string().optional(), title: z.string().optional() });

type Read<T, K extends keyof T> = Pick<T, K & ('resourceType' | 'id')> & Partial<Pick<T, Exclude<K, 'resourceType' | 'id'>>> & Partial<Pick<T, K & 'id'>>;

export type ClaimView = Read<
  Claim,
  'resourceType' | 'id' | 'identifier' | 'use' | 'billablePeriod' | 'patient' | 'insurer' | 'provider' | 'insurance' | 'careTeam' | 'supportingInfo' | 'diagnosis' | 'item' | 'extension'
>;
export type CoverageView = Read<Coverage, 'resourceType' | 'id' | 'identifier' | 'type' | 'subscriberId' | 'payor' | 'extension'>;
export type PatientView = Read<Patient, 'resourceType' | 'id' | 'identifier' | 'name' | 'birthDate'>;
export type OrganizationView = Read<Organization, 'resourceType' | 'id' | 'identifier' | 'name'>;
export type PractitionerView = Read<Practitioner, 'resourceType' | 'id' | 'identifier' | 'name'>;

/*
 * The Claim's elements one by one: `readClaim` checks each on its own, so one malformed item or
 * insurance is reported and left out while the rest of the Claim is still read and its other
 * problems listed too.
 */
const insuranceShape = z.looseObject({ sequence: z.int(), focal: z.boolean(), coverage: reference, extension: z.array(extension).optional() });
const careTeamShape = z.looseObject({ sequence: z.int(), provider: reference, role: codeableConcept.optional(), qualification: codeableConcept.optional() });
const supportingInfoShape = z.looseObject({
  sequence: z.int(),
  category: codeableConcept,
  code: codeableConcept.optional(),
  timingDate: z.string().optional(),
  timingPeriod: period.optional(),
  valueBoolean: z.boolean().optional(),
  valueString: z.string().optional(),
  valueQuantity: quantity.optional(),
  valueAttachment: attachment.optional(),
  valueReference: reference.optional(),
  reason: codeableConcept.optional(),
});
const diagnosisShape = z.looseObject({ sequence: z.int(), diagnosisCodeableConcept: codeableConcept.optional(), diagnosisReference: reference.optional() });
/** An item's detail, with R4's cardinalities: the mapping reads an NDC coding and its quantity there. */
const itemDetailShape = z.looseObject({ sequence: z.int(), productOrService: codeableConcept, quantity: quantity.optional() });
const itemShape = z.looseObject({
  sequence: z.int(),
  productOrService: codeableConcept,
  modifier: z.array(codeableConcept).optional(),
  quantity: quantity.optional(),
  servicedDate: z.string().optional(),
  servicedPeriod: period.optional(),
  locationCodeableConcept: codeableConcept.optional(),
  net: money.optional(),
  unitPrice: money.optional(),
  careTeamSequence: z.array(z.int()).optional(),
  detail: z.array(itemDetailShape).optional(),
});

const claimFields = {
  resourceType: z.literal('Claim'),
  id: z.string().optional(),
  identifier: z.array(identifier).optional(),
  use: z.enum(['claim', 'preauthorization', 'predetermination']).optional(),
  billablePeriod: period.optional(),
  patient: reference.optional(),
  insurer: reference.optional(),
  provider: reference.optional(),
  extension: z.array(extension).optional(),
  insurance: z.array(insuranceShape).optional(),
  careTeam: z.array(careTeamShape).optional(),
  supportingInfo: z.array(supportingInfoShape).optional(),
  diagnosis: z.array(diagnosisShape).optional(),
  item: z.array(itemShape).optional(),
};

/** The whole Claim's shape, typed against R4 so the compiler checks the element shapes agree with FHIR. */
export const claimShape: z.ZodType<ClaimView> = z.looseObject(claimFields);

/** Elements read one entry at a time: a bad entry is reported and dropped, its siblings keep their index. */
const LISTS = { insurance: insuranceShape, careTeam: careTeamShape, supportingInfo: supportingInfoShape, diagnosis: diagnosisShape, item: itemShape } as const;

/** An entry of a Claim list with the index it had in the resource, for element paths. */
export type Indexed<T> = T & { readonly at: number };

export type ClaimRead = Omit<ClaimView, keyof typeof LISTS> & {
  [K in keyof typeof LISTS]: Indexed<NonNullable<ClaimView[K]>[number]>[];
};

/**
 * Reads a Claim element by element: every shape problem is listed (as zod issues under their element
 * path), and what is well formed is kept, so the mapping can go on and report the rest.
 */
export function readClaim(resource: Record<string, unknown>): { claim: ClaimRead; issues: { path: PropertyKey[]; error: z.ZodError }[] } {
  const issues: { path: PropertyKey[]; error: z.ZodError }[] = [];
  const scalar = <T>(key: string, shape: z.ZodType<T>): T | undefined => {
    if (resource[key] === undefined) return undefined;
    const parsed = shape.safeParse(resource[key]);
    if (parsed.success) return parsed.data;
    issues.push({ path: [key], error: parsed.error });
    return undefined;
  };
  const list = <T>(key: keyof typeof LISTS, shape: z.ZodType<T>): Indexed<T>[] => {
    const value = resource[key];
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      // Not a list at all: the list's own schema says so in zod's words.
      const parsed = z.array(shape).safeParse(value);
      if (!parsed.success) issues.push({ path: [key], error: parsed.error });
      return [];
    }
    const entries: Indexed<T>[] = [];
    value.forEach((entry: unknown, at) => {
      const parsed = shape.safeParse(entry);
      if (parsed.success) entries.push({ ...parsed.data, at });
      else issues.push({ path: [key, at], error: parsed.error });
    });
    return entries;
  };
  const claim: ClaimRead = {
    resourceType: 'Claim',
    id: scalar('id', claimFields.id),
    identifier: scalar('identifier', claimFields.identifier),
    use: scalar('use', claimFields.use),
    billablePeriod: scalar('billablePeriod', claimFields.billablePeriod),
    patient: scalar('patient', claimFields.patient),
    insurer: scalar('insurer', claimFields.insurer),
    provider: scalar('provider', claimFields.provider),
    extension: scalar('extension', claimFields.extension),
    insurance: list('insurance', LISTS.insurance),
    careTeam: list('careTeam', LISTS.careTeam),
    supportingInfo: list('supportingInfo', LISTS.supportingInfo),
    diagnosis: list('diagnosis', LISTS.diagnosis),
    item: list('item', LISTS.item),
  };
  return { claim, issues };
}

export const coverageShape: z.ZodType<CoverageView> = z.looseObject({
  resourceType: z.literal('Coverage'),
  id: z.string().optional(),
  identifier: z.array(identifier).optional(),
  type: codeableConcept.optional(),
  subscriberId: z.string().optional(),
  payor: z.array(reference).optional(),
  extension: z.array(extension).optional(),
});

export const patientShape: z.ZodType<PatientView> = z.looseObject({
  resourceType: z.literal('Patient'),
  id: z.string().optional(),
  identifier: z.array(identifier).optional(),
  name: z.array(humanName).optional(),
  birthDate: z.string().optional(),
});

export const organizationShape: z.ZodType<OrganizationView> = z.looseObject({
  resourceType: z.literal('Organization'),
  id: z.string().optional(),
  identifier: z.array(identifier).optional(),
  name: z.string().optional(),
});

export const practitionerShape: z.ZodType<PractitionerView> = z.looseObject({
  resourceType: z.literal('Practitioner'),
  id: z.string().optional(),
  identifier: z.array(identifier).optional(),
  name: z.array(humanName).optional(),
});
