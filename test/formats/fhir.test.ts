import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UnreadableInputError, type ClaimItem, type RejectedItem } from '../../shared/formats/index.ts';
import { scrubIntakeItem } from '../../shared/scrub/scrub-item.ts';
import { scrubData } from '../support/scrub-data.ts';
import { FHIR_FIXTURES, readClaims } from './read-file.ts';

const fixture = (name: string) => readFileSync(join(FHIR_FIXTURES, name), 'utf8');
const SINGLE = JSON.parse(fixture('claim-suite-commercial.json')) as Record<string, unknown>;

/** The single-claim fixture with one change, for rejection cases. */
function variant(change: (claim: Record<string, unknown>) => void): string {
  const claim = structuredClone(SINGLE);
  change(claim);
  return JSON.stringify(claim);
}

describe('FHIR R4 Claim', () => {
  it('maps a Claim with contained Patient, Coverage and payer Organization to a claim event', async () => {
    const { items, counts, format } = await readClaims(fixture('claim-suite-commercial.json'));
    expect(format).toBe('fhir');
    expect(counts).toEqual({ format: 'fhir', claimsRead: 1, rejected: 0, notes: [] });
    expect((items[0] as ClaimItem).claim).toEqual({
      claimId: 'HI-FHIR-0001',
      use: 'claim',
      payer: { id: 'BVPPO', name: 'Blue Valley PPO', type: 'commercial' },
      patient: { memberId: 'XZW000101', firstName: 'Dana', lastName: 'Rivera', birthDate: '1961-07-14' },
      billingProvider: { npi: '1234567893', name: 'Riverbend Home Infusion' },
      renderingProvider: { npi: '1245319599' },
      placeOfService: '49',
      // Sorted by diagnosis.sequence, dot inserted where the sender left it out.
      diagnosisCodes: ['A41.9', 'T81.44XA'],
      lines: [
        { lineNumber: 1, procedureCode: 'S9500', modifiers: ['SS'], units: 1, serviceDate: '2020-03-02', chargeAmount: 210 },
        // UCUM minutes: one visit, its minutes feed the 99601/99602 rules; the careTeam nurse (NUCC 163W) is RN.
        { lineNumber: 2, procedureCode: '99601', modifiers: ['SS', 'SD'], units: 1, serviceDate: '2020-03-02', chargeAmount: 180, infusionMinutes: 215, performedBy: 'RN' },
        // servicedPeriod.start dates the line and its end's day ends it (11:00 to 12:50, one day); unitPrice × quantity is its charge.
        { lineNumber: 3, procedureCode: '99602', modifiers: ['SS', 'SD'], units: 2, serviceDate: '2020-03-02', serviceDateEnd: '2020-03-02', chargeAmount: 150, performedBy: 'RN' },
      ],
    });
    expect(items[0]?.position).toEqual({ format: 'fhir', path: 'Claim', reference: 'Claim/hi-fhir-0001' });
    // What the scrubber says of it: test/formats/fhir-outcomes.ts.
  });

  it('reads every Claim of a Bundle, resolving Patient, Coverage and Organizations by reference and fullUrl', async () => {
    const { items, counts } = await readClaims(fixture('bundle-claims.json'));
    expect(counts).toMatchObject({ format: 'fhir', claimsRead: 4, rejected: 2 });
    expect(items.map((item) => [item.kind, item.claimId])).toEqual([
      ['claim', 'HI-FHIR-0101'],
      ['claim', 'HI-FHIR-0102'],
      ['rejected', 'HI-FHIR-0103'],
      ['rejected', 'HI-FHIR-0104'],
    ]);
    // Coverage.type SOPT 121 (Medicare fee-for-service): Original Medicare.
    expect((items[0] as ClaimItem).claim).toMatchObject({ payer: { id: 'MCR-JM', type: 'medicare' }, patient: { memberId: '1EG4TE5MK73', birthDate: '1948-03-01' } });
    // The payer-type extension on Claim.insurance: medicare_advantage.
    expect((items[1] as ClaimItem).claim).toMatchObject({ payer: { type: 'medicare_advantage' } });
  });

  it('rejects a Claim naming the element path: a SNOMED CT service, a missing item.sequence', async () => {
    const { items } = await readClaims(fixture('bundle-claims.json'));
    expect(items[2]).toMatchObject({
      kind: 'rejected',
      position: { format: 'fhir', path: 'Bundle.entry[8].resource', reference: 'Claim/hi-fhir-0103' },
      errors: [{ path: 'Claim.item[0].productOrService', message: 'SNOMED CT code, not HCPCS/CPT: give a coding with system https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets (HCPCS) or http://www.ama-assn.org/go/cpt (CPT)' }],
    });
    // Every problem at once: the malformed item, and the payer type its Coverage (c-summa, typed only by the other Claim's extension) lacks.
    expect((items[3] as RejectedItem).errors).toEqual([
      { path: 'Claim.item[0].sequence', message: 'is required' },
      { path: 'Bundle.entry[4].resource.type', message: expect.stringContaining('no payer type: the Coverage has no type') },
    ]);
    expect(scrubIntakeItem(items[3]!, scrubData()).findings[0]?.message).toMatch(
      /^FHIR Bundle\.entry\[9\]\.resource \(Claim\/hi-fhir-0104\): The claim breaks the contract in 2 places: Claim\.item\[0\]\.sequence: is required/,
    );
  });

  it.each([
    ['no payer type', (c: Record<string, unknown>) => delete (c.contained as Record<string, unknown>[])[1]!.type, 'Claim.contained[1].type', 'no payer type: the Coverage has no type; give Coverage.type a coding from urn:oid:2.16.840.1.113883.3.221.5'],
    ['an unknown payment typology code', (c: Record<string, unknown>) => ((c.contained as { type: { coding: { code: string }[] } }[])[1]!.type.coding[0]!.code = 'X1'), 'Claim.contained[1].type.coding[0].code', '"X1" is not a Source of Payment Typology code'],
    ['no provider NPI', (c: Record<string, unknown>) => (c.provider = { display: 'Riverbend' }), 'Claim.provider', 'no NPI identifier (system http://hl7.org/fhir/sid/us-npi) on the reference, which points to no resource'],
    ['no insurance', (c: Record<string, unknown>) => delete c.insurance, 'Claim.insurance', 'is required'],
    ['a quantity that is text', (c: Record<string, unknown>) => ((c.item as { quantity: unknown }[])[0]!.quantity = { value: '1' }), 'Claim.item[0].quantity.value', 'expected number'],
    ['no service date', (c: Record<string, unknown>) => delete (c.item as Record<string, unknown>[])[0]!.servicedDate, 'Claim.item[0].serviced[x]', "no service date: servicedDate, servicedPeriod.start, or the Claim's billablePeriod.start is required"],
    ['a location without a place-of-service coding', (c: Record<string, unknown>) => ((c.item as { locationCodeableConcept: { coding: { system: string }[] } }[])[2]!.locationCodeableConcept.coding[0]!.system = 'urn:riverbend:rooms'), 'Claim.item[2].locationCodeableConcept', 'no place-of-service coding'],
    ['an identifier longer than 64 characters', (c: Record<string, unknown>) => (c.identifier = [{ value: `HI-${'9'.repeat(62)}` }]), 'Claim.identifier[0].value', 'is not an id a claim event can carry: 1-64 printable ASCII'],
    ['an identifier with a character outside printable ASCII', (c: Record<string, unknown>) => (c.identifier = [{ value: 'HI-FHIR-0001\u00e9' }]), 'Claim.identifier[0].value', 'is not an id a claim event can carry'],
  ])('rejects %s with the element path', async (_name, change, path, message) => {
    const { items } = await readClaims(variant(change));
    const rejected = items[0] as RejectedItem;
    expect(rejected.kind).toBe('rejected');
    expect(rejected.errors).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  it.each([
    'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set',
    'http://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set/',
    'https://cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set',
    'https://www.cms.gov/medicare/coding/place-of-service-codes/place_of_service_code_set.html',
    'http://terminology.hl7.org/CodeSystem/ex-serviceplace',
  ])('reads the place of service coded in %s', async (system) => {
    const { items } = await readClaims(
      variant((c) => {
        for (const item of c.item as { locationCodeableConcept: { coding: { system: string; code: string }[] } }[]) item.locationCodeableConcept.coding[0]!.system = system;
      }),
    );
    expect((items[0] as ClaimItem).claim).toMatchObject({ placeOfService: '49' });
  });

  it('takes a FHIR identifier with spaces and # as the claim id (the contract allows 1-64 printable ASCII)', async () => {
    const { items } = await readClaims(variant((c) => (c.identifier = [{ value: 'RB 2020/03 #0001' }])));
    expect(items[0]).toMatchObject({ kind: 'claim', claimId: 'RB 2020/03 #0001' });
  });

  it('takes the payer type from the extension on the Coverage, and rejects a value that is not a payer type', async () => {
    const withExtension = (value: string) =>
      variant((c) => {
        (c.contained as Record<string, unknown>[])[1]!.extension = [{ url: 'urn:claim-scrubber:fhir:payer-type', valueCode: value }];
      });
    expect(((await readClaims(withExtension('medicaid'))).items[0] as ClaimItem).claim).toMatchObject({ payer: { type: 'medicaid' } });
    expect(((await readClaims(withExtension('medigap'))).items[0] as RejectedItem).errors).toEqual([
      { path: 'Claim.contained[1].extension', message: 'urn:claim-scrubber:fhir:payer-type "medigap" is not a payer type (medicare, medicare_advantage, medicaid, commercial, other)' },
    ]);
  });

  it('reads NDJSON (bulk export): a line that is not JSON is a rejected claim, other resources are noted', async () => {
    const { items, counts } = await readClaims(fixture('claims-bulk.ndjson'));
    expect(items.map((i) => [i.kind, i.claimId, i.position])).toEqual([
      ['claim', 'HI-FHIR-0001', { format: 'fhir', path: 'Claim', line: 1, reference: 'Claim/hi-fhir-0001' }],
      ['rejected', null, { format: 'fhir', path: 'NDJSON', line: 2 }],
    ]);
    expect(counts.notes).toEqual([{ message: 'Patient resource outside a Bundle skipped: only Claims are read', count: 1 }]);
  });

  it('a FHIR document without a Claim is unreadable as a whole', async () => {
    await expect(readClaims(JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [] }))).rejects.toThrow(new UnreadableInputError('the FHIR input holds no Claim resource'));
  });
});
