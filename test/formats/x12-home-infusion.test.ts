import { describe, expect, it } from 'vitest';
import type { ClaimInput } from '../../shared/claim/contract.ts';
import { type ClaimItem, type RejectedItem } from '../../shared/formats/index.ts';
import { scrubIntakeItem } from '../../shared/scrub/scrub-item.ts';
import { scrubData } from '../support/scrub-data.ts';
import { readClaims, x12File } from './read-file.ts';

async function claimsOf(name: string): Promise<ClaimInput[]> {
  const { items } = await readClaims(x12File(name));
  return items.filter((i): i is ClaimItem => i.kind === 'claim').map((i) => i.claim as ClaimInput);
}

// Home-infusion 837P claims of 2020, scrubbed with the bundled 2020 HCPCS release and payer policy.
describe('home-infusion 837P fixtures', () => {
  it('x12_home_infusion_claims.txt: each claim scrubs to the findings its payer and lines call for', async () => {
    const { items, counts } = await readClaims(x12File('x12_home_infusion_claims.txt'));
    // Correct SE01/GE01/IEA01 counts, all-ICD-10 diagnoses: nothing to note.
    expect(counts).toEqual({ format: 'x12', claimsRead: 5, rejected: 0, interchanges: 1, groups: 1, transactions: 1, notes: [] });
    // The findings of the rules are pinned in test/formats/x12-outcomes.ts: the rules change apart from the reader.
    expect(items.map((item) => [item.claimId, item.kind])).toEqual([
      ['HI-X12-0001', 'claim'],
      ['HI-X12-0002', 'claim'],
      ['HI-X12-0003', 'claim'],
      ['HI-X12-0004', 'claim'],
      ['HI-X12-0005', 'claim'],
    ]);
    expect(scrubIntakeItem(items[1]!, scrubData()).medicareDenialRisk).toBe(true);
  });

  it('maps MJ minutes to infusionMinutes on a one-unit visit, UN to units, and the 2310B nurse to the visit lines only', async () => {
    const [first] = await claimsOf('x12_home_infusion_claims.txt');
    expect(first?.lines).toEqual([
      { lineNumber: 1, procedureCode: 'S9500', modifiers: ['SS'], units: 1, serviceDate: '2020-03-02', chargeAmount: 210 },
      { lineNumber: 2, procedureCode: '99601', modifiers: ['SS', 'SD'], units: 1, serviceDate: '2020-03-02', chargeAmount: 180, infusionMinutes: 215, performedBy: 'RN' },
      { lineNumber: 3, procedureCode: '99602', modifiers: ['SS', 'SD'], units: 2, serviceDate: '2020-03-02', chargeAmount: 150, performedBy: 'RN' },
      { lineNumber: 4, procedureCode: 'J0696', units: 8, serviceDate: '2020-03-02', chargeAmount: 96, drug: { ndc: '00409733201', quantity: 2, unit: 'UN' } },
    ]);
  });

  it('maps HI ABK/ABF to dotted ICD-10-CM, PWK to an attachment (nothing inferred from it), and the 2410 NDC to medications', async () => {
    const [first] = await claimsOf('x12_home_infusion_claims.txt');
    expect(first).toMatchObject({
      diagnosisCodes: ['A41.9', 'T81.44XA'],
      renderingProvider: { npi: '1245319599' },
      documentation: { medications: ['NDC 00409733201 (2 UN)'], attachments: [{ reportType: 'CT', transmission: 'EL', controlNumber: 'RB0001CT' }] },
    });
    expect(first?.documentation).not.toHaveProperty('medicalNecessity');
  });

  it('takes the payer type from SBR09: CI commercial, MB medicare, 16 medicare_advantage, HM commercial, MC medicaid', async () => {
    const claims = await claimsOf('x12_home_infusion_claims.txt');
    expect(claims.map((c) => [c.payer.id, c.payer.type])).toEqual([
      ['BVPPO', 'commercial'],
      ['MCR-JM', 'medicare'],
      ['SUMMA', 'medicare_advantage'],
      ['NWHP', 'commercial'],
      ['STMCD', 'medicaid'],
    ]);
  });

  it('dates a range (RD8) by its first day and its last, and names the 2000C patient with the subscriber member id', async () => {
    const claims = await claimsOf('x12_home_infusion_claims.txt');
    expect(claims[3]?.patient).toEqual({ memberId: 'NW0000501', firstName: 'SAM', lastName: 'LEE', birthDate: '2008-09-09' });
    expect(claims[3]?.lines[0]).toMatchObject({ procedureCode: 'S9500', units: 7, serviceDate: '2020-03-01', serviceDateEnd: '2020-03-07' });
    expect(claims[3]?.placeOfService).toBe('12');
  });

  it('a 2420A line nurse gives performedBy on that line', async () => {
    const claims = await claimsOf('x12_home_infusion_claims.txt');
    expect(claims[4]?.lines[0]).toMatchObject({ procedureCode: '99601', infusionMinutes: 200, performedBy: 'RN' });
    expect(claims[4]?.renderingProvider).toEqual({ npi: '1245319599' });
  });

  it('x12_home_infusion_rejects.txt: each bad claim is rejected with its position and every reason, the rest go on', async () => {
    const { items, counts } = await readClaims(x12File('x12_home_infusion_rejects.txt'));
    expect(counts).toMatchObject({ claimsRead: 7, rejected: 4, interchanges: 2, groups: 2, transactions: 2, notes: [] });
    const rejections = items.filter((i): i is RejectedItem => i.kind === 'rejected').map((i) => [i.claimId, i.position.format === 'x12' ? i.position.interchange : '', i.errors]);
    // The second interchange's subscriber was born on 31 February: the contract's error comes with the reader's, at DMG02.
    const birthDate = { path: '2010BA DMG02 (segment 14)', message: 'patient.birthDate must be a real calendar date' };
    expect(rejections).toEqual([
      ['HI-X12-0102', '000000201', [{ path: 'line 1 DTP*472 (segment 22)', message: 'the service date is required' }]],
      ['HI-X12-0103', '000000202', [{ path: 'line 1 SV101-1 (segment 19)', message: 'qualifier IV (Home Infusion EDI Coalition codes) is not read: the scrubber checks HCPCS/CPT codes, qualifier HC' }, birthDate]],
      ['HI-X12-0105', '000000202', [{ path: 'line 1 SV103 (segment 29)', message: 'the unit of measure must be UN (units) or MJ (minutes), got "F2"' }, birthDate]],
      ['HI-X12-0107', '000000202', [{ path: 'SBR09 (segment 37)', message: '"XX" is not a claim filing indicator code' }]],
    ]);
  });

  it('a CLM01 with a space and a slash, as X12 allows, is the claim id as sent', async () => {
    const { items } = await readClaims(x12File('x12_home_infusion_rejects.txt'));
    expect(items[3]).toMatchObject({ kind: 'claim', claimId: 'HI X12/0104', claim: { claimId: 'HI X12/0104' } });
  });

  it('x12_home_infusion_rejects.txt scrubs: reader and contract rejections both say where the claim sat', async () => {
    const { items } = await readClaims(x12File('x12_home_infusion_rejects.txt'));
    const results = items.map((item) => scrubIntakeItem(item, scrubData()));
    expect(results.slice(1).map((r) => [r.claimId, r.status])).toEqual([
      ['HI-X12-0102', 'rejected'],
      ['HI-X12-0103', 'rejected'],
      ['HI X12/0104', 'rejected'],
      ['HI-X12-0105', 'rejected'],
      ['HI-X12-0106', 'rejected'],
      ['HI-X12-0107', 'rejected'],
    ]);
    expect(results[5]?.findings[0]?.message).toBe(
      'X12 interchange ISA13 000000202, group GS06 202, transaction ST02 0002, claim CLM01 HI-X12-0106 at segment 31 of the transaction (segment 61 of the file): ' +
        'The claim breaks the contract in 1 place: patient.birthDate: must be a real calendar date',
    );
  });
});
