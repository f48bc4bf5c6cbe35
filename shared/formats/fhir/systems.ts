/** Code system and identifier system URIs the FHIR mapping reads (HL7 terminology and CMS). */
export const SYSTEMS = {
  npi: 'http://hl7.org/fhir/sid/us-npi',
  hcpcs: 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
  cpt: 'http://www.ama-assn.org/go/cpt',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  icd9cm: 'http://hl7.org/fhir/sid/icd-9-cm',
  placeOfService: 'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set',
  /** PHDSC Source of Payment Typology, the payer type code system US Core binds Coverage.type to. */
  paymentTypology: 'urn:oid:2.16.840.1.113883.3.221.5',
  taxonomy: 'http://nucc.org/provider-taxonomy',
  ucum: 'http://unitsofmeasure.org',
  identifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  careTeamRole: 'http://terminology.hl7.org/CodeSystem/claimcareteamrole',
} as const;

/** The scrubber's own extension: `valueCode` is a contract payer type, on Claim.insurance[] or on the Coverage. */
export const PAYER_TYPE_EXTENSION = 'urn:claim-scrubber:fhir:payer-type';

/** The same URI with http or https, and with or without a trailing slash, names the same system. */
export function sameSystem(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const norm = (s: string) => s.replace(/^https?:\/\//, '').replace(/\/$/, '').toLowerCase();
  return norm(a) === norm(b);
}
