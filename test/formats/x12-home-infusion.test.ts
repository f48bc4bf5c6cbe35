import { describe, expect, it } from 'vitest';
import type { ClaimInput } from '../../shared/claim/contract.ts';
import type { ScrubResult } from '../../shared/claim/result.ts';
import { type ClaimItem, type RejectedItem } from '../../shared/formats/index.ts';
import { scrubIntakeItem } from '../../shared/scrub/scrub-item.ts';
import { scrubData } from '../support/scrub-data.ts';
import { readClaims, x12File } from './read-file.ts';

function summary(result: ScrubResult): [string | null, string, string[]] {
  return [result.claimId, result.status, result.findings.map((f) => `${f.ruleId}${f.lineNumber === undefined ? '' : `@${f.lineNumber}`}`)];
}

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
    expect(items.map((item) => summary(scrubIntakeItem(item, scrubData())))).toEqual([
      // Commercial suite visit with SS/SD: an 837P carries no suite rationale, therapy or suite times.
      ['HI-X12-0001', 'flagged', ['DOC-INCOMPLETE']],
      // The same suite visit to Original Medicare (SBR09 MB), without SD: as examples/03 plus documentation.
      ['HI-X12-0002', 'flagged', ['MEDICARE-NONCOVERED@1', 'SS-MEDICARE@1', 'SS-MEDICARE@2', 'ADDON-UNITS@3', 'SS-MEDICARE@3', 'DOC-INCOMPLETE', 'SD-MISSING@2', 'SD-MISSING@3']],
      // Medicare Advantage (SBR09 16) plan whose policy does not take SS.
      ['HI-X12-0003', 'flagged', ['PAYER-SS-NOT-ACCEPTED@1', 'DOC-INCOMPLETE']],
      // Home per diem over a week (RD8) and a 100-minute home visit: clean.
      ['HI-X12-0004', 'clean', []],
      // A 200-minute home visit to Medicaid (MC) with no 99602.
      ['HI-X12-0005', 'flagged', ['PROLONGED-TIME-UNBILLED@1']],
    ]);
    expect(scrubIntakeItem(items[1]!, scrubData()).medicareDenialRisk).toBe(true);
  });

  it('maps MJ minutes to infusionMinutes on a one-unit visit, UN to units, and the 2310B nurse to the visit lines only', async () => {
    const [first] = await claimsOf('x12_home_infusion_claims.txt');
    expect(first?.lines).toEqual([
      { lineNumber: 1, procedureCode: 'S9500', modifiers: ['SS'], units: 1, serviceDate: '2020-03-02', chargeAmount: 210 },
      { lineNumber: 2, procedureCode: '99601', modifiers: ['SS', 'SD'], units: 1, serviceDate: '2020-03-02', chargeAmount: 180, infusionMinutes: 215, performedBy: 'RN' },
      { lineNumber: 3, procedureCode: '99602', modifiers: ['SS', 'SD'], units: 2, serviceDate: '2020-03-02', chargeAmount: 150, performedBy: 'RN' },
      { lineNumber: 4, procedureCode: 'J0696', units: 8, serviceDate: '2020-03-02', chargeAmount: 96 },
    ]);
  });

  it('maps HI ABK/ABF to dotted ICD-10-CM, PWK*CT to documented medical necessity, and the 2410 NDC to medications', async () => {
    const [first] = await claimsOf('x12_home_infusion_claims.txt');
    expect(first).toMatchObject({
      diagnosisCodes: ['A41.9', 'T81.44XA'],
      renderingProvider: { npi: '1245319599' },
      documentation: { medicalNecessity: true, medications: ['NDC 00409733201 (2 UN)'] },
    });
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

  it('dates a range (RD8) by its first day, and names the 2000C patient with the subscriber member id', async () => {
    const claims = await claimsOf('x12_home_infusion_claims.txt');
    expect(claims[3]?.patient).toEqual({ memberId: 'NW0000501', firstName: 'SAM', lastName: 'LEE', birthDate: '2008-09-09' });
    expect(claims[3]?.lines[0]).toMatchObject({ procedureCode: 'S9500', units: 7, serviceDate: '2020-03-01' });
    expect(claims[3]?.placeOfService).toBe('12');
  });

  it('a 2420A line nurse gives performedBy on that line', async () => {
    const claims = await claimsOf('x12_home_infusion_claims.txt');
    expect(claims[4]?.lines[0]).toMatchObject({ procedureCode: '99601', infusionMinutes: 200, performedBy: 'RN' });
    expect(claims[4]?.renderingProvider).toEqual({ npi: '1245319599' });
  });

  it('x12_home_infusion_rejects.txt: each bad claim is rejected with its position and reason, the rest go on', async () => {
    const { items, counts } = await readClaims(x12File('x12_home_infusion_rejects.txt'));
    expect(counts).toMatchObject({ claimsRead: 7, rejected: 5, interchanges: 2, groups: 2, transactions: 2, notes: [] });
    const rejections = items.filter((i): i is RejectedItem => i.kind === 'rejected').map((i) => [i.claimId, i.position.format === 'x12' ? i.position.interchange : '', i.errors]);
    expect(rejections).toEqual([
      ['HI-X12-0102', '000000201', [{ path: 'line 1 DTP*472 (segment 22)', message: 'the service date is required' }]],
      ['HI-X12-0103', '000000202', [{ path: 'line 1 SV101-1 (segment 19)', message: 'qualifier IV (Home Infusion EDI Coalition codes) is not read: the scrubber checks HCPCS/CPT codes, qualifier HC' }]],
      [null, '000000202', [{ path: 'CLM01 (segment 21)', message: '"HI X12/0104" holds characters outside A-Z a-z 0-9 . _ - that a claim event id cannot carry; the claim is not renamed, so results cannot be mixed up' }]],
      ['HI-X12-0105', '000000202', [{ path: 'line 1 SV103 (segment 29)', message: 'the unit of measure must be UN (units) or MJ (minutes), got "F2"' }]],
      ['HI-X12-0107', '000000202', [{ path: 'SBR09 (segment 37)', message: '"XX" is not a claim filing indicator code' }]],
    ]);
  });

  it('x12_home_infusion_rejects.txt scrubs: reader and contract rejections both say where the claim sat', async () => {
    const { items } = await readClaims(x12File('x12_home_infusion_rejects.txt'));
    const results = items.map((item) => scrubIntakeItem(item, scrubData()));
    expect(results.map(summary)).toEqual([
      ['HI-X12-0101', 'flagged', ['DOC-INCOMPLETE', 'PAYER-HOME-CARE-BENEFIT']],
      ['HI-X12-0102', 'rejected', ['CLAIM-INVALID']],
      ['HI-X12-0103', 'rejected', ['CLAIM-INVALID']],
      [null, 'rejected', ['CLAIM-INVALID']],
      ['HI-X12-0105', 'rejected', ['CLAIM-INVALID']],
      ['HI-X12-0106', 'rejected', ['CLAIM-INVALID']],
      ['HI-X12-0107', 'rejected', ['CLAIM-INVALID']],
    ]);
    expect(results[5]?.findings[0]?.message).toBe(
      'X12 interchange ISA13 000000202, group GS06 202, transaction ST02 0002, claim CLM01 HI-X12-0106 at segment 31 of the transaction (segment 61 of the file): ' +
        'The claim breaks the contract in 1 place: patient.birthDate: must be a real calendar date',
    );
  });
});
