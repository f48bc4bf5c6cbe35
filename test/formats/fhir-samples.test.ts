import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClaimItem, RejectedItem } from '../../shared/formats/index.ts';
import { readClaims } from './read-file.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const read = async (file: string) => readClaims(readFileSync(join(FIXTURES, file), 'utf8'));

const NO_NPI_OUT_OF_DOCUMENT = 'no NPI identifier (system http://hl7.org/fhir/sid/us-npi) on the reference, and the Organization it points to is not in this document';
const NO_PAYER_TYPE_OUT_OF_DOCUMENT = 'no payer type: the Coverage is not in this document';
const NO_MEMBER_ID_OUT_OF_DOCUMENT = 'no member id:';
const NO_PAYER_ID = 'no payer id:';
const NOT_HCPCS = (what: string) => `${what}, not HCPCS/CPT: give a coding with system https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets (HCPCS) or http://www.ama-assn.org/go/cpt (CPT)`;
const PREAUTHORIZATION = 'is "preauthorization": a preauthorization request asks the payer before the service and is not scrubbed as a claim';
const NO_DATE = "no service date: servicedDate, servicedPeriod.start, or the Claim's billablePeriod.start is required";

/** The R4 examples reference their Organization, Coverage and Practitioner resources without carrying them. */
const OUTSIDE_THE_DOCUMENT: [string, string][] = [
  ['Claim.insurance[0].coverage', NO_PAYER_TYPE_OUT_OF_DOCUMENT],
  ['Claim.insurance[0].coverage', NO_MEMBER_ID_OUT_OF_DOCUMENT],
  ['Claim.insurer', NO_PAYER_ID],
];

/** Each public file's Claim, and every reason it is rejected for (path, start of the message), each true of the file. */
const PUBLIC_REJECTIONS: [file: string, claimId: string, errors: [string, string][]][] = [
  ['hl7-r4-spec__claim-example.json', '12345', [...OUTSIDE_THE_DOCUMENT, ['Claim.provider', NO_NPI_OUT_OF_DOCUMENT], ['Claim.item[0].productOrService', NOT_HCPCS('a code without a system')]]],
  ['hl7-r4-spec__claim-example-professional.json', '8612345', [...OUTSIDE_THE_DOCUMENT, ['Claim.provider', NO_NPI_OUT_OF_DOCUMENT], ['Claim.item[0].productOrService', NOT_HCPCS('HL7 example service/product code')]]],
  ['hl7-r4-spec__claim-example-institutional.json', '9612345', [...OUTSIDE_THE_DOCUMENT, ['Claim.provider', NO_NPI_OUT_OF_DOCUMENT], ['Claim.item[0].productOrService', NOT_HCPCS('HL7 example service/product code')]]],
  [
    'hl7-r4-spec__claim-example-institutional-rich.json',
    '96123451',
    [
      ...OUTSIDE_THE_DOCUMENT,
      ['Claim.provider', 'no NPI identifier (system http://hl7.org/fhir/sid/us-npi) on the reference, which points to no resource; its identifiers have system http://npid.org/providerid'],
      ['Claim.item[0].productOrService', NOT_HCPCS('HL7 example service/product code')],
    ],
  ],
  ['hl7-r4-spec__claim-example-pharmacy-medication.json', '7612345', [...OUTSIDE_THE_DOCUMENT, ['Claim.provider', NO_NPI_OUT_OF_DOCUMENT], ['Claim.item[0].productOrService', NOT_HCPCS('RxNorm code')]]],
  // The CMS-1500 layout: everything else maps (the CPT code, a quantity-less item, the POS URL in lower case with .html).
  [
    'hl7-r4-spec__claim-example-cms1500-medical.json',
    'MED-00050',
    [
      ['Claim.contained[1].type', 'no payer type: Coverage.type is coded in http://terminology.hl7.org/CodeSystem/v3-ActCode, which does not tell Medicare, Medicaid and commercial plans apart'],
      ['Claim.provider', NO_NPI_OUT_OF_DOCUMENT],
    ],
  ],
  [
    'davinci-pas-test-kit__pas_claim.json',
    '111099',
    [
      ['Claim.use', PREAUTHORIZATION],
      ...OUTSIDE_THE_DOCUMENT,
      ['Claim.provider', NO_NPI_OUT_OF_DOCUMENT],
      ['Claim.item[0].productOrService', NOT_HCPCS('X12 service type code (a prior-authorization category, not a billing code)')],
      ['Claim.item[0].serviced[x]', NO_DATE],
    ],
  ],
  [
    'davinci-pas-test-kit__conformant_pas_bundle_v110.json',
    '111099',
    [
      ['Claim.use', PREAUTHORIZATION],
      ['Bundle.entry[3].resource.type', 'no payer type: the Coverage has no type'],
      ['Bundle.entry[3].resource.subscriberId', 'no member id:'],
      ['Claim.item[0].productOrService', NOT_HCPCS('X12 service type code (a prior-authorization category, not a billing code)')],
      ['Claim.item[0].serviced[x]', NO_DATE],
    ],
  ],
  [
    'davinci-pas-test-kit__conformant_pas_bundle_v110_multiple_items.json',
    '111099',
    [
      ['Claim.use', PREAUTHORIZATION],
      ['Bundle.entry[3].resource.type', 'no payer type: the Coverage has no type'],
      ['Bundle.entry[3].resource.subscriberId', 'no member id:'],
      ['Claim.item[0].productOrService', NOT_HCPCS('X12 service type code (a prior-authorization category, not a billing code)')],
      ['Claim.item[0].serviced[x]', NO_DATE],
      ['Claim.item[1].productOrService', NOT_HCPCS('X12 service type code (a prior-authorization category, not a billing code)')],
      ['Claim.item[1].serviced[x]', NO_DATE],
    ],
  ],
];

describe('public FHIR R4 Claim examples (test/fixtures/fhir-samples)', () => {
  it.each(PUBLIC_REJECTIONS)('%s: rejected with every reason at its element path', async (file, claimId, errors) => {
    const { items, counts } = await read(`fhir-samples/${file}`);
    expect(counts).toMatchObject({ claimsRead: 1, rejected: 1 });
    expect(items[0]).toMatchObject({ kind: 'rejected', claimId });
    expect((items[0] as RejectedItem).errors).toEqual(errors.map(([path, message]) => ({ path, message: expect.stringMatching(new RegExp(`^${escape(message)}`)) })));
  });

  it('notes what the examples carry that a claim event cannot, counted and without member data', async () => {
    const { counts } = await read('fhir-samples/hl7-r4-spec__claim-example-cms1500-medical.json');
    expect(counts.notes).toEqual([
      // ICD-10 (WHO), not ICD-10-CM.
      { message: 'diagnosis without an ICD-10-CM coding left out', count: 4 },
      { message: 'supportingInfo category "hospitalized" not carried: no claim event field takes it', count: 1 },
      { message: 'supportingInfo category "discharge" not carried: no claim event field takes it', count: 1 },
    ]);
  });
});

describe('home-infusion claims on the R4 cms1500 layout (test/fixtures/fhir/cms1500-*)', () => {
  it('per diem and nurse visit: the RN linked to every item performs only the visit; dates from billablePeriod; no quantity is 1; supportingInfo is the documentation', async () => {
    const { items, counts } = await read('fhir/cms1500-suite-visit.json');
    expect(counts).toEqual({ format: 'fhir', claimsRead: 1, rejected: 0, notes: [] });
    expect((items[0] as ClaimItem).claim).toEqual({
      claimId: 'LHI-1500-0001',
      use: 'claim',
      payer: { id: 'BVPPO', name: 'Blue Valley PPO', type: 'commercial' },
      patient: { memberId: 'QXB771204', firstName: 'Jordan', lastName: 'Okafor', birthDate: '1958-11-23' },
      billingProvider: { npi: '1234567893', name: 'Lakeside Home Infusion' },
      renderingProvider: { npi: '1245319599' },
      placeOfService: '49',
      diagnosisCodes: ['A41.9'],
      lines: [
        // No performedBy: nobody administers a per diem, so SD-MISSING has nothing to say about it.
        { lineNumber: 1, procedureCode: 'S9500', modifiers: ['SS'], units: 1, serviceDate: '2020-03-02', chargeAmount: 210 },
        { lineNumber: 2, procedureCode: '99601', modifiers: ['SS', 'SD'], units: 1, serviceDate: '2020-03-02', chargeAmount: 180, performedBy: 'RN' },
      ],
      documentation: {
        medicalNecessity: true,
        suiteRationale: true,
        therapyType: 'IV antibiotic',
        infusionMinutes: 95,
        suiteTimeIn: '2020-03-02T09:00:00-06:00',
        suiteTimeOut: '2020-03-02T10:50:00-06:00',
        medications: ['ceftriaxone 2 g IV'],
        supplies: ['IV administration set'],
      },
    });
  });

  it('a home visit beside suite lines keeps its place on the line; an item without a date of its own covers the billablePeriod; a faxed certification is an attachment', async () => {
    const { items, counts } = await read('fhir/cms1500-home-and-suite.json');
    const claim = (items[0] as ClaimItem).claim;
    expect(claim).toMatchObject({
      claimId: 'LHI-1500-0002',
      placeOfService: '49',
      lines: [
        // Three per-diem units over the claim's three days (2020-03-09 to 2020-03-11).
        { lineNumber: 1, procedureCode: 'S9500', units: 3, serviceDate: '2020-03-09', serviceDateEnd: '2020-03-11', chargeAmount: 630 },
        { lineNumber: 2, procedureCode: '99601', units: 1, infusionMinutes: 110, serviceDate: '2020-03-09', performedBy: 'RN' },
        // HL7's ex-serviceplace system, code 12 (home).
        { lineNumber: 3, procedureCode: '99601', modifiers: ['SD'], units: 1, serviceDate: '2020-03-11', performedBy: 'RN', placeOfService: '12' },
      ],
      // CT (certification) documents medical necessity, as PWK01 CT does in an 837P.
      documentation: { attachments: [{ reportType: 'CT', transmission: 'FX', controlNumber: 'ACN20200309A' }] },
    });
    expect((claim as { lines: object[] }).lines.slice(0, 2).every((line) => !('placeOfService' in line))).toBe(true);
    expect(counts.notes).toEqual([
      { message: 'items without serviced[x] dated by Claim.billablePeriod, which spans several days: each such line covers the whole period and is not split into days', count: 1 },
      { message: 'supportingInfo attachment without an X12 report type (https://codesystem.x12.org/005010/755) and transmission (https://codesystem.x12.org/005010/756) code not carried', count: 1 },
    ]);
  });

  it('a prior-authorization request is mapped with its use, which the contract rejects', async () => {
    const { items } = await read('fhir/cms1500-prior-auth.json');
    expect(items[0]).toMatchObject({ kind: 'claim', claimId: 'LHI-PA-0003', claim: { use: 'preauthorization', payer: { type: 'medicare' } } });
  });

  it('lists every problem of a Claim at once: the reader finds what is missing, the contract what is malformed, each at its element', async () => {
    const { items } = await read('fhir/cms1500-many-problems.json');
    expect(items[0]).toMatchObject({ kind: 'rejected', claimId: 'LHI-1500-0004' });
    expect((items[0] as RejectedItem).errors).toEqual([
      {
        path: 'Claim.provider',
        message: 'no NPI identifier (system http://hl7.org/fhir/sid/us-npi) on the reference nor on the Organization it points to (Claim.contained[3]); its identifiers have system http://lakeside-infusion.example/provider',
      },
      { path: 'Claim.item[1].productOrService', message: NOT_HCPCS('SNOMED CT code') },
      { path: 'Claim.careTeam[0].provider.identifier.value', message: 'fails the NPI check digit' },
      { path: 'Claim.item[0].modifier[0]', message: 'must be 2 letters or digits' },
      { path: 'Claim.item[0].servicedDate', message: 'must be a real calendar date' },
    ]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
