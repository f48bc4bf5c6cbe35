import type { CodeableConcept, Coding, Extension, Identifier, Reference } from '@medplum/fhirtypes';
import type { z } from 'zod';
import type { ClaimInput, PayerType, Performer } from '../../claim/contract.ts';
import { fieldErrors, type FieldError } from '../../claim/validate.ts';
import { dottedIcd10 } from '../icd10.ts';
import type { NoteCounter } from '../notes.ts';
import { performerForTaxonomy } from '../provider-taxonomy.ts';
import { isPayerType, payerTypeForTypology } from './payer-type.ts';
import type { Found, ResourceIndex } from './resource-index.ts';
import { claimShape, coverageShape, organizationShape, patientShape, practitionerShape, type ClaimView, type CoverageView, type PatientView } from './schema.ts';
import { PAYER_TYPE_EXTENSION, sameSystem, SYSTEMS } from './systems.ts';
import { CLAIM_ID_CHARACTERS, CLAIM_ID_MAX_LENGTH, isClaimId } from '../../claim/claim-id.ts';

type ClaimLineInput = ClaimInput['lines'][number];
type Item = NonNullable<ClaimView['item']>[number];
type Insurance = NonNullable<ClaimView['insurance']>[number];
type CareTeam = NonNullable<ClaimView['careTeam']>;

export type MappedFhirClaim = { ok: true; claim: ClaimInput } | { ok: false; claimId: string | null; errors: FieldError[] };

/** A resource found by reference, checked against its shape; `undefined` when not in the document. */
interface Checked<T> {
  value: T;
  path: string;
}

/**
 * Maps one FHIR R4 Claim to claim event contract input. Each element the contract needs must be
 * there (an identifier, the provider's NPI, the payer and its type, the member id, and for each
 * item a HCPCS/CPT code, a quantity and a date); every missing or malformed one is listed by its
 * element path, e.g. `Claim.item[0].productOrService.coding`.
 */
export function mapFhirClaim(resource: Record<string, unknown>, index: ResourceIndex, notes: NoteCounter): MappedFhirClaim {
  const parsed = claimShape.safeParse(resource);
  if (!parsed.success) return { ok: false, claimId: usableId(idOf(resource)), errors: prefixed(parsed.error, 'Claim') };
  const claim = parsed.data;
  const errors: FieldError[] = [];
  const find = (reference: Reference | undefined, claimPath: string) => index.find(reference?.reference, resource.contained, claimPath);

  const claimId = claimIdOf(claim, errors);
  if (!claim.patient) errors.push({ path: 'Claim.patient', message: 'is required' });
  const patient = check(find(claim.patient, 'Claim'), patientShape, 'Patient', errors);

  const insurance = focalInsurance(claim.insurance);
  if (!insurance) errors.push({ path: 'Claim.insurance', message: 'is required: at least one insurance, which names the coverage and so the payer' });
  const insurancePath = insurance ? `Claim.insurance[${insurance.index}]` : 'Claim.insurance';
  const coverage = insurance ? check(find(insurance.entry.coverage, 'Claim'), coverageShape, 'Coverage', errors) : undefined;
  const payerType = insurance ? payerTypeOf(insurance.entry, insurancePath, coverage, errors) : undefined;
  const memberId = insurance ? memberIdOf(insurance.entry, insurancePath, coverage, patient, errors) : undefined;
  const payer = payerOf(claim, coverage, find, errors);

  const billing = providerOf(claim.provider, find, errors);
  if (!claim.provider) errors.push({ path: 'Claim.provider', message: 'is required' });
  else if (!billing.npi) errors.push({ path: 'Claim.provider', message: `needs an NPI: an identifier with system ${SYSTEMS.npi}, on the reference or on the Practitioner or Organization it points to` });

  const careTeam = claim.careTeam ?? [];
  const items = claim.item ?? [];
  if (items.length === 0) errors.push({ path: 'Claim.item', message: 'is required: at least one item (service line)' });
  const places = new Map<string, number>();
  const lines = items.map((item, i) => mapItem(item, `Claim.item[${i}]`, careTeam, places, errors));
  if (places.size > 1) {
    errors.push({ path: 'Claim.item.locationCodeableConcept', message: `the items name different places of service (${[...places.keys()].join(', ')}); a claim event has one, so send them as separate claims` });
  }
  const diagnosisCodes = diagnosesOf(claim, notes);
  if (errors.length > 0) return { ok: false, claimId: usableId(claimId), errors };

  const rendering = renderingNpi(careTeam, find);
  const name = patient?.value.name?.[0];
  const placeOfService = [...places.keys()][0];
  return {
    ok: true,
    claim: {
      claimId: claimId ?? '',
      payer: { id: payer.id ?? '', ...(payer.name ? { name: payer.name } : {}), type: payerType ?? 'other' },
      patient: {
        memberId: memberId ?? '',
        ...(name?.given?.[0] ? { firstName: name.given[0] } : {}),
        ...(name?.family ? { lastName: name.family } : {}),
        ...(patient?.value.birthDate ? { birthDate: patient.value.birthDate } : {}),
      },
      billingProvider: { npi: billing.npi ?? '', ...(billing.name ? { name: billing.name } : {}) },
      ...(rendering ? { renderingProvider: { npi: rendering } } : {}),
      ...(placeOfService ? { placeOfService } : {}),
      ...(diagnosisCodes.length > 0 ? { diagnosisCodes } : {}),
      lines: lines.filter((line): line is ClaimLineInput => line !== undefined),
    },
  };
}

function claimIdOf(claim: ClaimView, errors: FieldError[]): string | undefined {
  const i = claim.identifier?.findIndex((id) => id.value) ?? -1;
  const [value, path] = i >= 0 ? [claim.identifier?.[i]?.value, `Claim.identifier[${i}].value`] : [claim.id, 'Claim.id'];
  if (!value) {
    errors.push({ path: 'Claim.identifier', message: 'a claim identifier is required (identifier[].value, else id)' });
  } else if (!usableId(value)) {
    errors.push({ path, message: `"${value}" holds characters outside ${CLAIM_ID_CHARACTERS} (or is longer than ${CLAIM_ID_MAX_LENGTH}) that a claim event id cannot carry` });
  }
  return value;
}

function focalInsurance(insurance: ClaimView['insurance']): { entry: Insurance; index: number } | undefined {
  if (!insurance || insurance.length === 0) return undefined;
  const focal = insurance.findIndex((i) => i.focal);
  const index = focal >= 0 ? focal : insurance.reduce((best, entry, i) => (entry.sequence < (insurance[best]?.sequence ?? Infinity) ? i : best), 0);
  const entry = insurance[index];
  return entry ? { entry, index } : undefined;
}

/** The payer type: the scrubber's extension (on the insurance, then the Coverage), else Coverage.type's payment typology. */
function payerTypeOf(insurance: Insurance, insurancePath: string, coverage: Checked<CoverageView> | undefined, errors: FieldError[]): PayerType | undefined {
  for (const [extensions, path] of [[insurance.extension, `${insurancePath}.extension`], [coverage?.value.extension, `${coverage?.path}.extension`]] as const) {
    const value = extensionCode(extensions);
    if (value === undefined) continue;
    if (isPayerType(value)) return value;
    errors.push({ path, message: `${PAYER_TYPE_EXTENSION} "${value}" is not a payer type (medicare, medicare_advantage, medicaid, commercial, other)` });
    return undefined;
  }
  const codings = coverage?.value.type?.coding ?? [];
  const i = codings.findIndex((c) => sameSystem(c.system, SYSTEMS.paymentTypology));
  const code = codings[i]?.code ?? '';
  if (i >= 0) {
    const type = payerTypeForTypology(code);
    if (!type) errors.push({ path: `${coverage?.path}.type.coding[${i}].code`, message: `"${code}" is not a Source of Payment Typology code` });
    return type;
  }
  errors.push({
    path: coverage ? `${coverage.path}.type` : `${insurancePath}.coverage`,
    message: `the payer type is required: give the Coverage a type coding from ${SYSTEMS.paymentTypology} (Source of Payment Typology) or set the extension ${PAYER_TYPE_EXTENSION}${coverage ? '' : ' (the Coverage is not in this document)'}`,
  });
  return undefined;
}

function memberIdOf(insurance: Insurance, insurancePath: string, coverage: Checked<CoverageView> | undefined, patient: Checked<PatientView> | undefined, errors: FieldError[]): string | undefined {
  const memberId =
    coverage?.value.subscriberId ||
    coverage?.value.identifier?.find((id) => id.value)?.value ||
    patient?.value.identifier?.find((id) => hasCode(id.type, SYSTEMS.identifierType, 'MB'))?.value ||
    insurance.coverage.identifier?.value;
  if (!memberId) {
    errors.push({ path: coverage ? `${coverage.path}.subscriberId` : `${insurancePath}.coverage`, message: "the member id is required: Coverage.subscriberId, a Coverage identifier, or the Patient's member-number (MB) identifier" });
  }
  return memberId;
}

function payerOf(claim: ClaimView, coverage: Checked<CoverageView> | undefined, find: (r: Reference | undefined, p: string) => Found | undefined, errors: FieldError[]): { id?: string; name?: string } {
  const candidates: Reference[] = [...(claim.insurer ? [claim.insurer] : []), ...(coverage?.value.payor ?? [])];
  for (const reference of candidates) {
    const organization = check(find(reference, 'Claim'), organizationShape, 'Organization', errors);
    const id = reference.identifier?.value || organization?.value.identifier?.find((i) => i.value)?.value;
    if (id) return { id, ...(reference.display || organization?.value.name ? { name: reference.display || organization?.value.name } : {}) };
  }
  errors.push({ path: 'Claim.insurer', message: "the payer id is required: an identifier on Claim.insurer (or the Coverage's payor), or on the Organization it points to" });
  return {};
}

function providerOf(reference: Reference | undefined, find: (r: Reference | undefined, p: string) => Found | undefined, errors: FieldError[]): { npi?: string; name?: string } {
  if (!reference) return {};
  const fromReference = npiIn(reference.identifier ? [reference.identifier] : []);
  const found = find(reference, 'Claim');
  const resource = found?.resource.resourceType === 'Practitioner' ? check(found, practitionerShape, 'Practitioner', errors) : check(found, organizationShape, 'Organization', errors);
  const npi = fromReference ?? npiIn(resource?.value.identifier ?? []);
  const value = resource?.value;
  const resourceName = value && 'name' in value ? (typeof value.name === 'string' ? value.name : [value.name?.[0]?.given?.[0], value.name?.[0]?.family].filter(Boolean).join(' ')) : undefined;
  const name = reference.display || resourceName;
  return { ...(npi ? { npi } : {}), ...(name ? { name } : {}) };
}

function renderingNpi(careTeam: CareTeam, find: (r: Reference | undefined, p: string) => Found | undefined): string | undefined {
  const primary = careTeam.find((member) => hasCode(member.role, SYSTEMS.careTeamRole, 'primary'));
  if (!primary) return undefined;
  return providerOf(primary.provider, find, []).npi;
}

function mapItem(item: Item, path: string, careTeam: CareTeam, places: Map<string, number>, errors: FieldError[]): ClaimLineInput | undefined {
  const before = errors.length;
  const coding = item.productOrService.coding?.find((c) => sameSystem(c.system, SYSTEMS.hcpcs) || sameSystem(c.system, SYSTEMS.cpt));
  if (!coding?.code) errors.push({ path: `${path}.productOrService.coding`, message: `needs a HCPCS (${SYSTEMS.hcpcs}) or CPT (${SYSTEMS.cpt}) coding with a code` });

  const modifiers: string[] = [];
  item.modifier?.forEach((modifier, j) => {
    const code = modifier.coding?.find((c) => c.code)?.code;
    if (code) modifiers.push(code);
    else errors.push({ path: `${path}.modifier[${j}].coding`, message: 'needs a coding with a code' });
  });

  const quantity = item.quantity?.value;
  let units = quantity;
  let infusionMinutes: number | undefined;
  if (quantity === undefined) errors.push({ path: `${path}.quantity.value`, message: 'is required: the number of units (or minutes, with UCUM code min)' });
  else if (isMinutes(item.quantity)) {
    // Minutes give the length of one visit: one unit of the code, and the minutes feed the time rules.
    if (!Number.isInteger(quantity)) errors.push({ path: `${path}.quantity.value`, message: `minutes must be whole, got ${quantity}` });
    infusionMinutes = quantity;
    units = 1;
  }

  const date = item.servicedDate ?? item.servicedPeriod?.start;
  if (!date) errors.push({ path: `${path}.serviced[x]`, message: 'servicedDate or servicedPeriod.start is required' });

  const location = item.locationCodeableConcept;
  if (location) {
    const place = location.coding?.find((c) => sameSystem(c.system, SYSTEMS.placeOfService))?.code;
    if (place) places.set(place, (places.get(place) ?? 0) + 1);
    else errors.push({ path: `${path}.locationCodeableConcept.coding`, message: `needs a CMS place-of-service coding (${SYSTEMS.placeOfService})` });
  }
  if (errors.length > before) return undefined;

  const member = careTeam.find((m) => m.sequence === item.careTeamSequence?.[0]);
  const taxonomy = member?.qualification?.coding?.find((c) => sameSystem(c.system, SYSTEMS.taxonomy))?.code;
  const performedBy: Performer | undefined = taxonomy ? performerForTaxonomy(taxonomy) : undefined;
  const charge = item.net?.value ?? (item.unitPrice?.value !== undefined && units !== undefined ? item.unitPrice.value * units : undefined);
  return {
    lineNumber: item.sequence,
    procedureCode: coding?.code ?? '',
    ...(modifiers.length > 0 ? { modifiers } : {}),
    units: units ?? 0,
    // A dateTime period start is dated by its calendar day.
    serviceDate: (date ?? '').slice(0, 10),
    ...(charge !== undefined ? { chargeAmount: charge } : {}),
    ...(infusionMinutes !== undefined ? { infusionMinutes } : {}),
    ...(performedBy ? { performedBy } : {}),
  };
}

function diagnosesOf(claim: ClaimView, notes: NoteCounter): string[] {
  const sorted = [...(claim.diagnosis ?? [])].sort((a, b) => a.sequence - b.sequence);
  const codes: string[] = [];
  for (const diagnosis of sorted) {
    const codings = diagnosis.diagnosisCodeableConcept?.coding ?? [];
    const icd10 = codings.find((c) => sameSystem(c.system, SYSTEMS.icd10cm))?.code;
    if (icd10) codes.push(dottedIcd10(icd10));
    else if (diagnosis.diagnosisReference) notes.add('diagnosisReference (a Condition) not followed: give diagnosisCodeableConcept with an ICD-10-CM coding');
    else if (codings.some((c) => sameSystem(c.system, SYSTEMS.icd9cm))) notes.add('ICD-9-CM diagnosis left out: the claim event holds ICD-10-CM codes only');
    else notes.add('diagnosis without an ICD-10-CM coding left out');
  }
  return codes;
}

function isMinutes(quantity: Item['quantity']): boolean {
  return quantity?.code === 'min' && (quantity.system === undefined || sameSystem(quantity.system, SYSTEMS.ucum));
}

function extensionCode(extensions: readonly Extension[] | undefined): string | undefined {
  const extension = extensions?.find((e) => e.url === PAYER_TYPE_EXTENSION);
  return extension ? (extension.valueCode ?? extension.valueString ?? extension.valueCoding?.code ?? '') : undefined;
}

function npiIn(identifiers: readonly Identifier[]): string | undefined {
  return identifiers.find((i) => sameSystem(i.system, SYSTEMS.npi) && i.value)?.value;
}

function hasCode(concept: CodeableConcept | undefined, system: string, code: string): boolean {
  return (concept?.coding ?? []).some((c: Coding) => c.code === code && (c.system === undefined || sameSystem(c.system, system)));
}

/** A referenced resource checked against its shape; shape errors go to `errors` under the resource's path. */
function check<T>(found: Found | undefined, shape: z.ZodType<T>, type: string, errors: FieldError[]): Checked<T> | undefined {
  if (!found || found.resource.resourceType !== type) return undefined;
  const parsed = shape.safeParse(found.resource);
  if (parsed.success) return { value: parsed.data, path: found.path };
  errors.push(...prefixed(parsed.error, found.path));
  return undefined;
}

function prefixed(error: z.ZodError, root: string): FieldError[] {
  return fieldErrors(error).map((e) => ({ path: e.path === '' ? root : e.path.startsWith('[') ? `${root}${e.path}` : `${root}.${e.path}`, message: e.message }));
}

function idOf(resource: Record<string, unknown>): string | undefined {
  const identifiers = resource.identifier;
  if (Array.isArray(identifiers)) {
    for (const identifier of identifiers) {
      const value = (identifier as { value?: unknown } | null)?.value;
      if (typeof value === 'string' && value) return value;
    }
  }
  return typeof resource.id === 'string' ? resource.id : undefined;
}

function usableId(id: string | undefined): string | null {
  return isClaimId(id) ? id : null;
}
