/** Code system and identifier system URIs the FHIR mapping reads (HL7 terminology, CMS, X12). */
export const SYSTEMS = {
  npi: 'http://hl7.org/fhir/sid/us-npi',
  hcpcs: 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
  cpt: 'http://www.ama-assn.org/go/cpt',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  icd9cm: 'http://hl7.org/fhir/sid/icd-9-cm',
  /** National Drug Code, in any of its 10- and 11-digit forms. */
  ndc: 'http://hl7.org/fhir/sid/ndc',
  placeOfService: 'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set',
  /** HL7's example service places: the CMS place-of-service codes under an HL7 URI (the R4 examples use it). */
  hl7ServicePlace: 'http://terminology.hl7.org/CodeSystem/ex-serviceplace',
  /** PHDSC Source of Payment Typology, the payer type code system US Core binds Coverage.type to. */
  paymentTypology: 'urn:oid:2.16.840.1.113883.3.221.5',
  taxonomy: 'http://nucc.org/provider-taxonomy',
  ucum: 'http://unitsofmeasure.org',
  identifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  careTeamRole: 'http://terminology.hl7.org/CodeSystem/claimcareteamrole',
  /** R4 Claim.supportingInfo.category codes (`attachment`, `info`, `hospitalized`, …). */
  claimInformationCategory: 'http://terminology.hl7.org/CodeSystem/claiminformationcategory',
  /** X12 element 755, Report Type Code (837P PWK01): CT certification, 03 justification, OZ support data, … */
  x12ReportType: 'https://codesystem.x12.org/005010/755',
  /** X12 element 756, Report Transmission Code (837P PWK02): BM mail, EL electronic, FX fax, AA available on request, … */
  x12ReportTransmission: 'https://codesystem.x12.org/005010/756',
} as const;

/** The scrubber's own extension: `valueCode` is a contract payer type, on Claim.insurance[] or on the Coverage. */
export const PAYER_TYPE_EXTENSION = 'urn:claim-scrubber:fhir:payer-type';

/**
 * The scrubber's own code system for Claim.supportingInfo (in `category`, or in `code` under a general
 * category such as `info`): what an infusion-suite record holds, which claiminformationcategory has no
 * codes for. docs/formats.md lists the codes and the value each one takes.
 */
export const SUPPORTING_INFO_SYSTEM = 'urn:claim-scrubber:fhir:supporting-info';

/**
 * The spellings senders use for the same system are one: http or https, with or without `www.`, a
 * trailing slash or `.html`, in any letter case (the R4 cms1500 example writes the CMS place-of-service
 * URL in lower case with `.html`).
 */
export function sameSystem(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  return normalizedSystem(a) === normalizedSystem(b);
}

function normalizedSystem(system: string): string {
  return system
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/+$/, '')
    .replace(/\.html?$/, '');
}

/** HCPCS Level II: the CMS URL, and its HL7 OID. */
const HCPCS_SYSTEMS = [SYSTEMS.hcpcs, 'urn:oid:2.16.840.1.113883.6.285'];
/** CPT: the AMA URL, and its HL7 OID. */
const CPT_SYSTEMS = [SYSTEMS.cpt, 'urn:oid:2.16.840.1.113883.6.12'];
const PLACE_OF_SERVICE_SYSTEMS = [SYSTEMS.placeOfService, SYSTEMS.hl7ServicePlace];

export function isProcedureCodeSystem(system: string | undefined): boolean {
  return [...HCPCS_SYSTEMS, ...CPT_SYSTEMS].some((known) => sameSystem(system, known));
}

export function isPlaceOfServiceSystem(system: string | undefined): boolean {
  return PLACE_OF_SERVICE_SYSTEMS.some((known) => sameSystem(system, known));
}

/** Code systems a productOrService is often coded in, named for a rejection that says what was sent instead of HCPCS/CPT. */
const KNOWN_SYSTEMS: readonly [string, string][] = [
  ['http://snomed.info/sct', 'SNOMED CT code'],
  ['http://www.nlm.nih.gov/research/umls/rxnorm', 'RxNorm code'],
  ['http://hl7.org/fhir/sid/ndc', 'NDC'],
  ['http://loinc.org', 'LOINC code'],
  ['http://hl7.org/fhir/ex-serviceproduct', 'HL7 example service/product code'],
  ['http://terminology.hl7.org/CodeSystem/ex-USCLS', 'USCLS code (Canadian dental)'],
  ['http://codesystem.x12.org/005010/1365', 'X12 service type code (a prior-authorization category, not a billing code)'],
  ['http://www.cms.gov/Medicare/Coding/ICD10', 'ICD-10-PCS code'],
  ['http://terminology.hl7.org/CodeSystem/ex-revenue-center', 'revenue center code'],
  ['https://www.nubc.org/CodeSystem/RevenueCodes', 'revenue center code'],
];

/** What a coding is, in words, for a message: a known system's name, else the system URI (never the code itself). */
export function describeCodeSystem(system: string | undefined): string {
  if (system === undefined || system.trim() === '') return 'a code without a system';
  const known = KNOWN_SYSTEMS.find(([uri]) => sameSystem(system, uri));
  // A URI names a code system, not a person: it is safe to repeat, cut short so a message stays readable.
  return known ? known[1] : `a code of system ${system.slice(0, 100)}`;
}
