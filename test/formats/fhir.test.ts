import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScrubResult } from '../../shared/claim/result.ts';
import { UnreadableInputError, type ClaimItem, type RejectedItem } from '../../shared/formats/index.ts';
import { scrubIntakeItem } from '../../shared/scrub/scrub-item.ts';
import { scrubData } from '../support/scrub-data.ts';
import { FHIR_FIXTURES, readClaims } from './read-file.ts';

const fixture = (name: string) => readFileSync(join(FHIR_FIXTURES, name), 'utf8');
const SINGLE = JSON.parse(fixture('claim-suite-commercial.json')) as Record<string, unknown>;

function summary(result: ScrubResult): [string | null, string, string[]] {
  return [result.claimId, result.status, result.findings.map((f) => `${f.ruleId}${f.lineNumber === undefined ? '' : `@${f.lineNumber}`}`)];
}

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
        // servicedPeriod.start dates the line; unitPrice × quantity is its charge.
        { lineNumber: 3, procedureCode: '99602', modifiers: ['SS', 'SD'], units: 2, serviceDate: '2020-03-02', chargeAmount: 150, performedBy: 'RN' },
      ],
    });
    expect(items[0]?.position).toEqual({ format: 'fhir', path: 'Claim', reference: 'Claim/hi-fhir-0001' });
    expect(summary(scrubIntakeItem(items[0]!, scrubData()))).toEqual(['HI-FHIR-0001', 'flagged', ['DOC-INCOMPLETE']]);
  });

  it('reads every Claim of a Bundle, resolving Patient, Coverage and Organizations by reference and fullUrl', async () => {
    const { items, counts } = await readClaims(fixture('bundle-claims.json'));
    expect(counts).toMatchObject({ format: 'fhir', claimsRead: 4, rejected: 2 });
    expect(items.map((item) => summary(scrubIntakeItem(item, scrubData())))).toEqual([
      // Coverage.type SOPT 121 (Medicare fee-for-service): Original Medicare.
      ['HI-FHIR-0101', 'flagged', ['MEDICARE-NONCOVERED@1', 'SS-MEDICARE@1', 'DOC-INCOMPLETE']],
      // The payer-type extension on Claim.insurance: medicare_advantage, judged by the payer policy.
      ['HI-FHIR-0102', 'flagged', ['PAYER-SS-NOT-ACCEPTED@1', 'DOC-INCOMPLETE']],
      ['HI-FHIR-0103', 'rejected', ['CLAIM-INVALID']],
      ['HI-FHIR-0104', 'rejected', ['CLAIM-INVALID']],
    ]);
    expect((items[0] as ClaimItem).claim).toMatchObject({ payer: { id: 'MCR-JM', type: 'medicare' }, patient: { memberId: '1EG4TE5MK73', birthDate: '1948-03-01' } });
  });

  it('rejects a Claim naming the element path: no HCPCS/CPT coding, a missing item.sequence', async () => {
    const { items } = await readClaims(fixture('bundle-claims.json'));
    expect(items[2]).toMatchObject({
      kind: 'rejected',
      position: { format: 'fhir', path: 'Bundle.entry[8].resource', reference: 'Claim/hi-fhir-0103' },
      errors: [{ path: 'Claim.item[0].productOrService.coding', message: 'needs a HCPCS (https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets) or CPT (http://www.ama-assn.org/go/cpt) coding with a code' }],
    });
    expect((items[3] as RejectedItem).errors).toEqual([{ path: 'Claim.item[0].sequence', message: 'is required' }]);
    expect(scrubIntakeItem(items[3]!, scrubData()).findings[0]?.message).toBe(
      'FHIR Bundle.entry[9].resource (Claim/hi-fhir-0104): The claim breaks the contract in 1 place: Claim.item[0].sequence: is required',
    );
  });

  it.each([
    ['no payer type', (c: Record<string, unknown>) => delete (c.contained as Record<string, unknown>[])[1]!.type, 'Claim.contained[1].type', 'the payer type is required'],
    ['an unknown payment typology code', (c: Record<string, unknown>) => ((c.contained as { type: { coding: { code: string }[] } }[])[1]!.type.coding[0]!.code = 'X1'), 'Claim.contained[1].type.coding[0].code', '"X1" is not a Source of Payment Typology code'],
    ['no provider NPI', (c: Record<string, unknown>) => (c.provider = { display: 'Riverbend' }), 'Claim.provider', 'needs an NPI'],
    ['no insurance', (c: Record<string, unknown>) => delete c.insurance, 'Claim.insurance', 'is required'],
    ['a quantity that is text', (c: Record<string, unknown>) => ((c.item as { quantity: unknown }[])[0]!.quantity = { value: '1' }), 'Claim.item[0].quantity.value', 'expected number'],
    ['no service date', (c: Record<string, unknown>) => delete (c.item as Record<string, unknown>[])[0]!.servicedDate, 'Claim.item[0].serviced[x]', 'servicedDate or servicedPeriod.start is required'],
    ['items in different places', (c: Record<string, unknown>) => ((c.item as { locationCodeableConcept: { coding: { code: string }[] } }[])[2]!.locationCodeableConcept.coding[0]!.code = '12'), 'Claim.item.locationCodeableConcept', 'different places of service (49, 12)'],
    ['an identifier a claim event cannot carry', (c: Record<string, unknown>) => (c.identifier = [{ value: 'HI FHIR/1' }]), 'Claim.identifier[0].value', 'holds characters outside'],
  ])('rejects %s with the element path', async (_name, change, path, message) => {
    const { items } = await readClaims(variant(change));
    const rejected = items[0] as RejectedItem;
    expect(rejected.kind).toBe('rejected');
    expect(rejected.errors).toContainEqual({ path, message: expect.stringContaining(message) });
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
