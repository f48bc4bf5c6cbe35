import type { Claim, Coverage, Organization, Patient, Practitioner } from '@medplum/fhirtypes';
import { z } from 'zod';

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

type Read<T, K extends keyof T> = Pick<T, K & ('resourceType' | 'id')> & Partial<Pick<T, Exclude<K, 'resourceType' | 'id'>>> & Partial<Pick<T, K & 'id'>>;

export type ClaimView = Read<Claim, 'resourceType' | 'id' | 'identifier' | 'patient' | 'insurer' | 'provider' | 'insurance' | 'careTeam' | 'diagnosis' | 'item' | 'extension'>;
export type CoverageView = Read<Coverage, 'resourceType' | 'id' | 'identifier' | 'type' | 'subscriberId' | 'payor' | 'extension'>;
export type PatientView = Read<Patient, 'resourceType' | 'id' | 'identifier' | 'name' | 'birthDate'>;
export type OrganizationView = Read<Organization, 'resourceType' | 'id' | 'identifier' | 'name'>;
export type PractitionerView = Read<Practitioner, 'resourceType' | 'id' | 'identifier' | 'name'>;

export const claimShape: z.ZodType<ClaimView> = z.looseObject({
  resourceType: z.literal('Claim'),
  id: z.string().optional(),
  identifier: z.array(identifier).optional(),
  patient: reference.optional(),
  insurer: reference.optional(),
  provider: reference.optional(),
  extension: z.array(extension).optional(),
  insurance: z
    .array(z.looseObject({ sequence: z.int(), focal: z.boolean(), coverage: reference, extension: z.array(extension).optional() }))
    .optional(),
  careTeam: z
    .array(z.looseObject({ sequence: z.int(), provider: reference, role: codeableConcept.optional(), qualification: codeableConcept.optional() }))
    .optional(),
  diagnosis: z
    .array(z.looseObject({ sequence: z.int(), diagnosisCodeableConcept: codeableConcept.optional(), diagnosisReference: reference.optional() }))
    .optional(),
  item: z
    .array(
      z.looseObject({
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
      }),
    )
    .optional(),
});

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
