import type { CodeableConcept, Coding, Extension, Identifier, Reference } from '@medplum/fhirtypes';
import type * as z from 'zod';
import { CLAIM_ID_CHARACTERS, CLAIM_ID_MAX_LENGTH, isClaimId } from '../../claim/claim-id.ts';
import type { ClaimInput, PayerType, Performer } from '../../claim/contract.ts';
import { fieldErrors, formatPath, validateClaim, type FieldError } from '../../claim/validate.ts';
import { isVisitCode } from '../../codes/visit-codes.ts';
import { dottedIcd10 } from '../icd10.ts';
import type { NoteCounter } from '../notes.ts';
import { performerForTaxonomy } from '../provider-taxonomy.ts';
import { ContractPaths, mergeErrors } from './contract-paths.ts';
import { isPayerType, payerTypeForTypology } from './payer-type.ts';
import type { Found, ResourceIndex } from './resource-index.ts';
import { coverageShape, organizationShape, patientShape, practitionerShape, readClaim, type ClaimRead, type CoverageView, type PatientView } from './schema.ts';
import { documentationOf } from './supporting-info.ts';
import { describeCodeSystem, isPlaceOfServiceSystem, isProcedureCodeSystem, PAYER_TYPE_EXTENSION, sameSystem, SYSTEMS } from './systems.ts';
import { quoteInput } from '../../claim/safe-text.ts';

type ClaimLineInput = ClaimInput['lines'][number];
type Item = ClaimRead['item'][number];
type Insurance = ClaimRead['insurance'][number];
type CareTeam = ClaimRead['careTeam'];
type Finder = (reference: Reference | undefined, claimPath: string) => Found | undefined;

/** What the mapping found, with every contract field optional: complete when the reader found no problem. */
interface DraftClaim extends Partial<Omit<ClaimInput, 'payer' | 'patient' | 'billingProvider' | 'lines'>> {
  payer: Partial<ClaimInput['payer']>;
  patient: Partial<ClaimInput['patient']>;
  billingProvider: Partial<ClaimInput['billingProvider']>;
  lines: Partial<ClaimLineInput>[];
}

export type MappedFhirClaim = { ok: true; claim: ClaimInput } | { ok: false; claimId: string | null; errors: FieldError[] };

/** A resource found by reference, checked against its shape. */
interface Checked<T> {
  value: T;
  path: string;
}

/**
 * Maps one FHIR R4 Claim to claim event contract input. Each element the contract needs must be
 * there (an identifier, the provider's NPI, the payer and its type, the member id, and for each
 * item a HCPCS/CPT code and a date); when one is missing or malformed the Claim is rejected with
 * every problem at once: the reader's, by element path (`Claim.item[0].productOrService: …`), and
 * the contract's on what could be mapped, told at the element it came from and not repeated.
 */
export function mapFhirClaim(resource: Record<string, unknown>, index: ResourceIndex, notes: NoteCounter): MappedFhirClaim {
  const { claim, issues } = readClaim(resource);
  const errors: FieldError[] = issues.flatMap(({ path, error }) => prefixed(error, `Claim.${formatPath(path)}`));
  const paths = new ContractPaths();
  const find: Finder = (reference, claimPath) => index.find(reference?.reference, resource.contained, claimPath);

  const claimId = claimIdOf(claim, errors, paths);
  // Claim.use is carried as sent: the contract rejects a (pre)authorization request with its own reason.
  if (claim.use) paths.set('use', 'Claim.use');

  if (!claim.patient) errors.push({ path: 'Claim.patient', message: 'is required' });
  const patient = check(find(claim.patient, 'Claim'), patientShape, 'Patient', errors);
  if (patient) paths.set('patient.birthDate', `${patient.path}.birthDate`);

  const insurance = focalInsurance(claim.insurance);
  if (!insurance) errors.push({ path: 'Claim.insurance', message: 'is required: at least one insurance, which names the coverage and so the payer' });
  const insurancePath = insurance ? `Claim.insurance[${insurance.at}]` : 'Claim.insurance';
  const coverage = insurance ? check(find(insurance.coverage, 'Claim'), coverageShape, 'Coverage', errors) : undefined;
  const payerType = insurance ? payerTypeOf(insurance, insurancePath, coverage, errors, paths) : undefined;
  const memberId = insurance ? memberIdOf(insurance, insurancePath, coverage, patient, errors, paths) : undefined;
  const payer = payerOf(claim, coverage, find, errors, paths);

  const billing = billingProviderOf(claim.provider, find, errors, paths);
  const rendering = renderingNpi(claim.careTeam, find, paths);

  paths.set('lines', 'Claim.item');
  if (claim.item.length === 0 && !issues.some((issue) => issue.path[0] === 'item')) {
    errors.push({ path: 'Claim.item', message: 'is required: at least one item (service line)' });
  }
  const dating = { billablePeriod: claim.billablePeriod, usedBillablePeriod: false };
  const mapped = claim.item.map((item, n) => mapItem(item, n, claim.careTeam, dating, errors, paths, notes));
  if (dating.usedBillablePeriod && spansDays(claim.billablePeriod)) {
    notes.add('items without serviced[x] dated by Claim.billablePeriod, which spans several days: each such line covers the whole period and is not split into days');
  }
  const placeOfService = claimPlaceOfService(mapped, paths);
  const lines = mapped.map(({ line, place }) => (place !== undefined && place !== placeOfService ? { ...line, placeOfService: place } : line));

  const diagnosisCodes = diagnosesOf(claim, notes, paths);
  const documentation = documentationOf(claim.supportingInfo, paths, errors, notes);

  const draft: DraftClaim = {
    ...(claimId !== undefined ? { claimId } : {}),
    ...(claim.use ? { use: claim.use } : {}),
    payer: { ...(payer.id ? { id: payer.id } : {}), ...(payer.name ? { name: payer.name } : {}), ...(payerType ? { type: payerType } : {}) },
    patient: {
      ...(memberId ? { memberId } : {}),
      ...namesOf(patient?.value),
    },
    billingProvider: { ...(billing.npi ? { npi: billing.npi } : {}), ...(billing.name ? { name: billing.name } : {}) },
    ...(rendering ? { renderingProvider: { npi: rendering } } : {}),
    ...(placeOfService ? { placeOfService } : {}),
    ...(diagnosisCodes.length > 0 ? { diagnosisCodes } : {}),
    lines,
    ...(documentation ? { documentation } : {}),
  };
  if (errors.length === 0) return { ok: true, claim: completed(draft) };

  // The contract's view of what was mapped adds what the reader does not check (an NPI check digit, a code's shape, a request that is not a claim).
  const readerErrors = [...requestErrors(claim.use), ...errors];
  const contract = validateClaim(draft);
  return { ok: false, claimId: usableId(claimId), errors: contract.ok ? readerErrors : mergeErrors(readerErrors, contract.errors.map((error) => paths.toElement(error))) };
}

/**
 * A (pre)authorization request, said first because it is the reason that matters most. A mapped
 * request is left to the contract, which rejects it in these words; but the contract checks `use`
 * only once every field is valid, so on a Claim the reader rejects anyway the reader says it.
 */
function requestErrors(use: ClaimRead['use']): FieldError[] {
  if (use === undefined || use === 'claim') return [];
  return [{ path: 'Claim.use', message: `is ${quoteInput(use)}: a ${use} request asks the payer before the service and is not scrubbed as a claim` }];
}

/** The draft once the reader found every required element: each field is there, the defaults only satisfy the compiler. */
function completed(draft: DraftClaim): ClaimInput {
  return {
    ...draft,
    claimId: draft.claimId ?? '',
    payer: { ...draft.payer, id: draft.payer.id ?? '', type: draft.payer.type ?? 'other' },
    patient: { ...draft.patient, memberId: draft.patient.memberId ?? '' },
    billingProvider: { ...draft.billingProvider, npi: draft.billingProvider.npi ?? '' },
    lines: draft.lines.map((line) => ({ ...line, lineNumber: line.lineNumber ?? 0, procedureCode: line.procedureCode ?? '', units: line.units ?? 1, serviceDate: line.serviceDate ?? '' })),
  };
}

function claimIdOf(claim: ClaimRead, errors: FieldError[], paths: ContractPaths): string | undefined {
  const i = claim.identifier?.findIndex((id) => id.value) ?? -1;
  const [value, path] = i >= 0 ? [claim.identifier?.[i]?.value, `Claim.identifier[${i}].value`] : [claim.id, 'Claim.id'];
  if (!value) {
    errors.push({ path: 'Claim.identifier', message: 'a claim identifier is required (identifier[].value, else id)' });
    paths.set('claimId', 'Claim.identifier');
    return undefined;
  }
  paths.set('claimId', path);
  // The id is not repeated: a sender's identifier may hold anything, member data included.
  if (!isClaimId(value)) errors.push({ path, message: `is not an id a claim event can carry: 1-${CLAIM_ID_MAX_LENGTH} ${CLAIM_ID_CHARACTERS}` });
  return value;
}

function focalInsurance(insurance: readonly Insurance[]): Insurance | undefined {
  return insurance.find((i) => i.focal) ?? [...insurance].sort((a, b) => a.sequence - b.sequence)[0];
}

/** The payer type: the scrubber's extension (on the insurance, then the Coverage), else Coverage.type's payment typology. */
function payerTypeOf(insurance: Insurance, insurancePath: string, coverage: Checked<CoverageView> | undefined, errors: FieldError[], paths: ContractPaths): PayerType | undefined {
  for (const [extensions, path] of [[insurance.extension, `${insurancePath}.extension`], [coverage?.value.extension, `${coverage?.path}.extension`]] as const) {
    const value = extensionCode(extensions);
    if (value === undefined) continue;
    paths.set('payer.type', path);
    if (isPayerType(value)) return value;
    errors.push({ path, message: `${PAYER_TYPE_EXTENSION} ${quoteInput(value)} is not a payer type (medicare, medicare_advantage, medicaid, commercial, other)` });
    return undefined;
  }
  const codings = coverage?.value.type?.coding ?? [];
  const i = codings.findIndex((c) => sameSystem(c.system, SYSTEMS.paymentTypology));
  if (i >= 0) {
    const code = codings[i]?.code ?? '';
    const path = `${coverage?.path}.type.coding[${i}].code`;
    paths.set('payer.type', path);
    const type = payerTypeForTypology(code);
    if (!type) errors.push({ path, message: `${quoteInput(code)} is not a Source of Payment Typology code` });
    return type;
  }
  const path = coverage ? `${coverage.path}.type` : `${insurancePath}.coverage`;
  paths.set('payer.type', path);
  const sent = codings.find((c) => c.system)?.system;
  const why = !coverage ? 'the Coverage is not in this document' : sent ? `Coverage.type is coded in ${sent}, which does not tell Medicare, Medicaid and commercial plans apart` : 'the Coverage has no type';
  errors.push({ path, message: `no payer type: ${why}; give Coverage.type a coding from ${SYSTEMS.paymentTypology} (Source of Payment Typology) or set the extension ${PAYER_TYPE_EXTENSION}` });
  return undefined;
}

function memberIdOf(
  insurance: Insurance,
  insurancePath: string,
  coverage: Checked<CoverageView> | undefined,
  patient: Checked<PatientView> | undefined,
  errors: FieldError[],
  paths: ContractPaths,
): string | undefined {
  const coverageIdentifier = coverage?.value.identifier?.findIndex((id) => id.value) ?? -1;
  const patientIdentifier = patient?.value.identifier?.findIndex((id) => hasCode(id.type, SYSTEMS.identifierType, 'MB')) ?? -1;
  const sources: [string | undefined, string][] = [
    [coverage?.value.subscriberId, `${coverage?.path}.subscriberId`],
    [coverage?.value.identifier?.[coverageIdentifier]?.value, `${coverage?.path}.identifier[${coverageIdentifier}].value`],
    [patient?.value.identifier?.[patientIdentifier]?.value, `${patient?.path}.identifier[${patientIdentifier}].value`],
    [insurance.coverage.identifier?.value, `${insurancePath}.coverage.identifier.value`],
  ];
  const source = sources.find(([value]) => value);
  if (source) {
    paths.set('patient.memberId', source[1]);
    return source[0];
  }
  const path = coverage ? `${coverage.path}.subscriberId` : `${insurancePath}.coverage`;
  paths.set('patient.memberId', path);
  errors.push({ path, message: `no member id: give Coverage.subscriberId, a Coverage identifier, or the Patient's member-number (MB) identifier${coverage ? '' : ' (the Coverage is not in this document)'}` });
  return undefined;
}

function payerOf(claim: ClaimRead, coverage: Checked<CoverageView> | undefined, find: Finder, errors: FieldError[], paths: ContractPaths): { id?: string; name?: string } {
  const candidates: [Reference, string][] = [
    ...(claim.insurer ? [[claim.insurer, 'Claim.insurer'] as [Reference, string]] : []),
    ...(coverage?.value.payor ?? []).map((reference, i): [Reference, string] => [reference, `${coverage?.path}.payor[${i}]`]),
  ];
  for (const [reference, path] of candidates) {
    const organization = check(find(reference, 'Claim'), organizationShape, 'Organization', errors);
    const identifier = organization?.value.identifier?.findIndex((i) => i.value) ?? -1;
    const [id, idPath] = reference.identifier?.value ? [reference.identifier.value, `${path}.identifier.value`] : [organization?.value.identifier?.[identifier]?.value, `${organization?.path}.identifier[${identifier}].value`];
    if (!id) continue;
    paths.set('payer.id', idPath);
    const name = reference.display || organization?.value.name;
    return { id, ...(name ? { name } : {}) };
  }
  paths.set('payer.id', 'Claim.insurer');
  errors.push({ path: 'Claim.insurer', message: "no payer id: give an identifier on Claim.insurer (or the Coverage's payor), or on the Organization it points to" });
  return {};
}

/** A Practitioner or Organization by reference: its NPI (on the reference, else on the resource), where the NPI sat, and a name. */
function providerOf(reference: Reference, referencePath: string, find: Finder, errors: FieldError[]): { npi?: string; npiPath?: string; name?: string; found?: Found } {
  const found = find(reference, 'Claim');
  const resource = found?.resource.resourceType === 'Practitioner' ? check(found, practitionerShape, 'Practitioner', errors) : check(found, organizationShape, 'Organization', errors);
  const onReference = reference.identifier && isNpi(reference.identifier) ? reference.identifier.value : undefined;
  const onResource = resource?.value.identifier?.findIndex(isNpi) ?? -1;
  const [npi, npiPath] = onReference ? [onReference, `${referencePath}.identifier.value`] : [resource?.value.identifier?.[onResource]?.value, `${resource?.path}.identifier[${onResource}].value`];
  const value = resource?.value;
  const resourceName = value && 'name' in value ? (typeof value.name === 'string' ? value.name : [value.name?.[0]?.given?.[0], value.name?.[0]?.family].filter(Boolean).join(' ')) : undefined;
  const name = reference.display || resourceName;
  return { ...(npi ? { npi, npiPath } : {}), ...(name ? { name } : {}), ...(found ? { found } : {}) };
}

function billingProviderOf(reference: Reference | undefined, find: Finder, errors: FieldError[], paths: ContractPaths): { npi?: string; name?: string } {
  paths.set('billingProvider.npi', 'Claim.provider');
  if (!reference) {
    errors.push({ path: 'Claim.provider', message: 'is required' });
    return {};
  }
  const provider = providerOf(reference, 'Claim.provider', find, errors);
  if (provider.npi && provider.npiPath) paths.set('billingProvider.npi', provider.npiPath);
  else errors.push({ path: 'Claim.provider', message: `no NPI identifier (system ${SYSTEMS.npi}) ${whereNpiWasSought(reference, provider.found)}` });
  return { ...(provider.npi ? { npi: provider.npi } : {}), ...(provider.name ? { name: provider.name } : {}) };
}

/** Why no NPI was found, in words: what the reference and the resource it points to hold instead. */
function whereNpiWasSought(reference: Reference, found: Found | undefined): string {
  const target = /^(?:.*\/)?([A-Z][A-Za-z]+)\/[^/]+$/.exec(reference.reference ?? '')?.[1] ?? 'resource';
  const systems = [reference.identifier, ...(found && Array.isArray(found.resource.identifier) ? (found.resource.identifier as Identifier[]) : [])]
    .map((identifier) => identifier?.system)
    .filter((system): system is string => typeof system === 'string');
  const others = systems.length > 0 ? `; its identifiers have system ${[...new Set(systems)].slice(0, 3).join(', ')}` : '';
  if (found) return `on the reference nor on the ${String(found.resource.resourceType)} it points to (${found.path})${others}`;
  if (reference.reference) return `on the reference, and the ${target} it points to is not in this document${others}`;
  return `on the reference, which points to no resource${others}`;
}

function renderingNpi(careTeam: CareTeam, find: Finder, paths: ContractPaths): string | undefined {
  const primary = careTeam.find((member) => hasCode(member.role, SYSTEMS.careTeamRole, 'primary'));
  if (!primary) return undefined;
  const provider = providerOf(primary.provider, `Claim.careTeam[${primary.at}].provider`, find, []);
  if (provider.npiPath) paths.set('renderingProvider.npi', provider.npiPath);
  return provider.npi;
}

interface MappedItem {
  line: Partial<ClaimLineInput>;
  /** The item's place of service, when its location names one. */
  place?: string;
  /** Where that place was coded. */
  placePath?: string;
}

function mapItem(
  item: Item,
  n: number,
  careTeam: CareTeam,
  dating: { billablePeriod: ClaimRead['billablePeriod']; usedBillablePeriod: boolean },
  errors: FieldError[],
  paths: ContractPaths,
  notes: NoteCounter,
): MappedItem {
  const path = `Claim.item[${item.at}]`;
  const line = `lines[${n}]`;
  paths.set(line, path);
  paths.set(`${line}.lineNumber`, `${path}.sequence`);

  const codings = item.productOrService.coding ?? [];
  const k = codings.findIndex((c) => c.code && isProcedureCodeSystem(c.system));
  const procedureCode = codings[k]?.code;
  if (procedureCode) paths.set(`${line}.procedureCode`, `${path}.productOrService.coding[${k}].code`);
  else {
    paths.set(`${line}.procedureCode`, `${path}.productOrService`);
    const sent = codings.find((c) => c.code);
    const what = sent ? `${describeCodeSystem(sent.system)}, not HCPCS/CPT` : 'no coded HCPCS/CPT code';
    errors.push({ path: `${path}.productOrService`, message: `${what}: give a coding with system ${SYSTEMS.hcpcs} (HCPCS) or ${SYSTEMS.cpt} (CPT)` });
  }

  const modifiers: string[] = [];
  item.modifier?.forEach((modifier, j) => {
    const code = modifier.coding?.find((c) => c.code)?.code;
    if (!code) {
      errors.push({ path: `${path}.modifier[${j}].coding`, message: 'needs a coding with a code' });
      return;
    }
    paths.set(`${line}.modifiers[${modifiers.length}]`, `${path}.modifier[${j}]`);
    modifiers.push(code);
  });

  // R4 makes quantity 0..1; a service line without one is one unit, as on the CMS-1500.
  const quantity = item.quantity?.value;
  let units = quantity ?? 1;
  let infusionMinutes: number | undefined;
  paths.set(`${line}.units`, quantity === undefined ? `${path}.quantity` : `${path}.quantity.value`);
  if (quantity !== undefined && isMinutes(item.quantity)) {
    // Minutes give the length of one visit: one unit of the code, and the minutes feed the time rules.
    infusionMinutes = quantity;
    units = 1;
    paths.set(`${line}.infusionMinutes`, `${path}.quantity.value`);
  }

  const serviceDate = serviceDateOf(item, path, dating, errors);
  paths.set(`${line}.serviceDate`, serviceDate?.path ?? `${path}.serviced[x]`);
  // A servicedPeriod's end is the line's last day. An item that leaves its date to the claim covers the
  // billable period: a per diem billed that way counts its units against the period's days.
  const datedByClaim = serviceDate?.path === 'Claim.billablePeriod.start';
  const periodEnd =
    serviceDate?.path === `${path}.servicedPeriod.start` ? item.servicedPeriod?.end : datedByClaim && spansDays(dating.billablePeriod) ? dating.billablePeriod?.end : undefined;
  if (periodEnd !== undefined) paths.set(`${line}.serviceDateEnd`, datedByClaim ? 'Claim.billablePeriod.end' : `${path}.servicedPeriod.end`);
  const drug = drugOf(item, path, notes, (name, elementPath) => paths.set(`${line}.drug${name}`, elementPath));
  const description = descriptionOf(item, procedureCode, notes);
  if (description !== undefined) paths.set(`${line}.description`, `${path}.productOrService.text`);

  const place = placeOf(item, path, errors);
  if (place) paths.set(`${line}.placeOfService`, place.path);

  // Per-diem, drug and supply lines are administered by no one: a care-team nurse linked to every
  // item (the R4 cms1500 layout) speaks only for the visits, as the claim-level 2310B does in X12.
  const isVisit = infusionMinutes !== undefined || (procedureCode !== undefined && isVisitCode(procedureCode));
  const performer = isVisit ? performerOf(item, careTeam) : undefined;
  if (performer) paths.set(`${line}.performedBy`, performer.path);

  const charge = item.net?.value ?? (item.unitPrice?.value !== undefined ? item.unitPrice.value * units : undefined);
  if (charge !== undefined) paths.set(`${line}.chargeAmount`, item.net?.value !== undefined ? `${path}.net.value` : `${path}.unitPrice.value`);

  return {
    line: {
      lineNumber: item.sequence,
      ...(procedureCode ? { procedureCode } : {}),
      ...(modifiers.length > 0 ? { modifiers } : {}),
      units,
      // A dateTime dates the line by its calendar day.
      ...(serviceDate ? { serviceDate: serviceDate.date.slice(0, 10) } : {}),
      ...(charge !== undefined ? { chargeAmount: charge } : {}),
      ...(infusionMinutes !== undefined ? { infusionMinutes } : {}),
      ...(performer ? { performedBy: performer.performer } : {}),
      ...(periodEnd !== undefined ? { serviceDateEnd: periodEnd.slice(0, 10) } : {}),
      ...(drug ? { drug } : {}),
      ...(description !== undefined ? { description } : {}),
    },
    ...(place ? { place: place.code, placePath: place.path } : {}),
  };
}

/**
 * The item's drug: an NDC coding (system http://hl7.org/fhir/sid/ndc) in a detail's productOrService,
 * with that detail's quantity (value, and code or else unit as the unit), else an NDC coding beside the
 * HCPCS one in the item's own productOrService (the item's quantity counts HCPCS units, not the drug,
 * so that NDC comes without one). Of several NDCs the first is carried, with a note. A unit longer than
 * 2 characters is not an NCPDP unit of measure (F2, GR, ME, ML, UN): it is left out, with a note.
 */
function drugOf(item: Item, path: string, notes: NoteCounter, source: (name: string, elementPath: string) => void): NonNullable<ClaimLineInput['drug']> | undefined {
  type Found = { ndc: string; ndcPath: string; quantity?: NonNullable<Item['detail']>[number]['quantity']; quantityPath?: string };
  const found: Found[] = [];
  item.detail?.forEach((detail, k) =>
    detail.productOrService.coding?.forEach((coding, j) => {
      if (coding.code && sameSystem(coding.system, SYSTEMS.ndc)) {
        found.push({ ndc: coding.code, ndcPath: `${path}.detail[${k}].productOrService.coding[${j}].code`, quantity: detail.quantity, quantityPath: `${path}.detail[${k}].quantity` });
      }
    }),
  );
  item.productOrService.coding?.forEach((coding, j) => {
    if (coding.code && sameSystem(coding.system, SYSTEMS.ndc)) found.push({ ndc: coding.code, ndcPath: `${path}.productOrService.coding[${j}].code` });
  });
  const [first] = found;
  if (!first) return undefined;
  if (new Set(found.map((f) => f.ndc)).size > 1) notes.add('item with more than one NDC: the first (a detail\'s before the item\'s own) is carried as the line drug');
  source('', first.ndcPath);
  source('.ndc', first.ndcPath);
  const quantity = first.quantity?.value;
  if (quantity !== undefined) source('.quantity', `${first.quantityPath}.value`);
  const unitField = first.quantity?.code ? 'code' : 'unit';
  const unit = first.quantity?.code || first.quantity?.unit;
  if (unit && unit.length > 2) notes.add('NDC quantity unit longer than 2 characters (not an NCPDP unit such as ML or UN) left out of the line drug');
  const carriedUnit = unit && unit.length <= 2 ? unit : undefined;
  if (carriedUnit) source('.unit', `${first.quantityPath}.${unitField}`);
  return { ndc: first.ndc, ...(quantity !== undefined ? { quantity } : {}), ...(carriedUnit ? { unit: carriedUnit } : {}) };
}

/**
 * productOrService.text, the sender's words for the service, as the line description (837P SV101-7): a
 * not-otherwise-classified code (J3490, S9379) needs it to say what it bills, and R4 has no other element
 * for that note. A text that only repeats the HCPCS coding's display says nothing beyond the code and is
 * not carried. One past 80 characters (all SV101-7 holds) is left out with a note rather than cut short
 * or rejecting the claim.
 */
function descriptionOf(item: Item, procedureCode: string | undefined, notes: NoteCounter): string | undefined {
  const text = item.productOrService.text?.trim();
  if (!text) return undefined;
  const display = item.productOrService.coding?.find((c) => c.code === procedureCode)?.display?.trim();
  if (display !== undefined && display.toLowerCase() === text.toLowerCase()) return undefined;
  if (text.length > 80) {
    notes.add('item productOrService.text past 80 characters (more than an 837P SV101-7 holds) not carried as the line description');
    return undefined;
  }
  return text;
}

/** servicedDate, else servicedPeriod.start, else (an item may leave its date to the claim) Claim.billablePeriod.start. */
function serviceDateOf(item: Item, path: string, dating: { billablePeriod: ClaimRead['billablePeriod']; usedBillablePeriod: boolean }, errors: FieldError[]): { date: string; path: string } | undefined {
  if (item.servicedDate) return { date: item.servicedDate, path: `${path}.servicedDate` };
  if (item.servicedPeriod?.start) return { date: item.servicedPeriod.start, path: `${path}.servicedPeriod.start` };
  if (dating.billablePeriod?.start) {
    dating.usedBillablePeriod = true;
    return { date: dating.billablePeriod.start, path: 'Claim.billablePeriod.start' };
  }
  errors.push({ path: `${path}.serviced[x]`, message: 'no service date: servicedDate, servicedPeriod.start, or the Claim\'s billablePeriod.start is required' });
  return undefined;
}

function spansDays(period: ClaimRead['billablePeriod']): boolean {
  return period?.start !== undefined && period.end !== undefined && period.start.slice(0, 10) !== period.end.slice(0, 10);
}

function placeOf(item: Item, path: string, errors: FieldError[]): { code: string; path: string } | undefined {
  const codings = item.locationCodeableConcept?.coding;
  if (!item.locationCodeableConcept) return undefined;
  const i = codings?.findIndex((c) => c.code && isPlaceOfServiceSystem(c.system)) ?? -1;
  const code = codings?.[i]?.code;
  if (code) return { code, path: `${path}.locationCodeableConcept.coding[${i}].code` };
  errors.push({ path: `${path}.locationCodeableConcept`, message: `no place-of-service coding: give a coding with system ${SYSTEMS.placeOfService} (CMS) or ${SYSTEMS.hl7ServicePlace}` });
  return undefined;
}

/**
 * The claim's place of service: the one most items name (the earliest of those, on a tie), since
 * R4 has no claim-level place. Items elsewhere keep theirs on the line.
 */
function claimPlaceOfService(items: readonly MappedItem[], paths: ContractPaths): string | undefined {
  const counts = new Map<string, { count: number; path: string }>();
  for (const { place, placePath } of items) {
    if (place === undefined || placePath === undefined) continue;
    const seen = counts.get(place);
    counts.set(place, { count: (seen?.count ?? 0) + 1, path: seen?.path ?? placePath });
  }
  let best: [string, { count: number; path: string }] | undefined;
  for (const entry of counts) if (!best || entry[1].count > best[1].count) best = entry;
  if (best) paths.set('placeOfService', best[1].path);
  return best?.[0];
}

/** The performer of a visit item: the first care-team member it links with a NUCC taxonomy qualification. */
function performerOf(item: Item, careTeam: CareTeam): { performer: Performer; path: string } | undefined {
  for (const sequence of item.careTeamSequence ?? []) {
    const member = careTeam.find((m) => m.sequence === sequence);
    const taxonomy = member?.qualification?.coding?.find((c) => c.code && sameSystem(c.system, SYSTEMS.taxonomy))?.code;
    if (member && taxonomy) return { performer: performerForTaxonomy(taxonomy), path: `Claim.careTeam[${member.at}].qualification` };
  }
  return undefined;
}

function diagnosesOf(claim: ClaimRead, notes: NoteCounter, paths: ContractPaths): string[] {
  const sorted = [...claim.diagnosis].sort((a, b) => a.sequence - b.sequence);
  const codes: string[] = [];
  for (const diagnosis of sorted) {
    const codings = diagnosis.diagnosisCodeableConcept?.coding ?? [];
    const icd10 = codings.find((c) => sameSystem(c.system, SYSTEMS.icd10cm))?.code;
    if (icd10) {
      paths.set(`diagnosisCodes[${codes.length}]`, `Claim.diagnosis[${diagnosis.at}].diagnosisCodeableConcept`);
      codes.push(dottedIcd10(icd10));
    } else if (diagnosis.diagnosisReference) notes.add('diagnosisReference (a Condition) not followed: give diagnosisCodeableConcept with an ICD-10-CM coding');
    else if (codings.some((c) => sameSystem(c.system, SYSTEMS.icd9cm))) notes.add('ICD-9-CM diagnosis left out: the claim event holds ICD-10-CM codes only');
    else notes.add('diagnosis without an ICD-10-CM coding left out');
  }
  return codes;
}

function namesOf(patient: PatientView | undefined): Partial<ClaimInput['patient']> {
  const name = patient?.name?.[0];
  return {
    ...(name?.given?.[0] ? { firstName: name.given[0] } : {}),
    ...(name?.family ? { lastName: name.family } : {}),
    ...(patient?.birthDate ? { birthDate: patient.birthDate } : {}),
  };
}

function isMinutes(quantity: Item['quantity']): boolean {
  return quantity?.code === 'min' && (quantity.system === undefined || sameSystem(quantity.system, SYSTEMS.ucum));
}

function extensionCode(extensions: readonly Extension[] | undefined): string | undefined {
  const extension = extensions?.find((e) => e.url === PAYER_TYPE_EXTENSION);
  return extension ? (extension.valueCode ?? extension.valueString ?? extension.valueCoding?.code ?? '') : undefined;
}

function isNpi(identifier: Identifier): boolean {
  return sameSystem(identifier.system, SYSTEMS.npi) && Boolean(identifier.value);
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

function usableId(id: string | undefined): string | null {
  return isClaimId(id) ? id : null;
}
