import { describe, expect, it } from 'vitest';
import { UnreadableInputError, type ClaimItem, type RejectedItem } from '../../shared/formats/index.ts';
import { scrubIntakeItem } from '../../shared/scrub/scrub-item.ts';
import { scrubData } from '../support/scrub-data.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readClaims, x12File, X12_FIXTURES } from './read-file.ts';

/** The file with its billing NPI 1234567890 (bad check digit) replaced by 1234567893, to reach the rest of the mapping. */
function validNpi(name: string): string {
  return readFileSync(join(X12_FIXTURES, name), 'latin1').replaceAll('1234567890', '1234567893');
}

// The imsweb/x12-parser test files (see test/fixtures/x12/PROVENANCE.md), read as a billing
// system would send them.
describe('real 837P files', () => {
  it('x12_valid.txt: both claims are rejected at the billing NPI 1234567890, named with its loop, segment and value, with every other fault', async () => {
    const { items, counts } = await readClaims(x12File('x12_valid.txt'));
    expect(counts).toMatchObject({ format: 'x12', claimsRead: 2, rejected: 2, interchanges: 1, groups: 1, transactions: 1 });
    expect(items.map((item) => item.kind === 'rejected' && item.errors)).toEqual([
      [{ path: '2010AA NM1*85 NM109 (segment 7)', message: 'NPI "1234567890" fails the NPI check digit' }],
      [
        { path: '2010AA NM1*85 NM109 (segment 7)', message: 'NPI "1234567890" fails the NPI check digit' },
        { path: 'line 2 SV101-2 (segment 32)', message: 'lines[0].procedureCode must be 5 letters or digits' },
      ],
    ]);
  });

  it('x12_valid.txt with a check-digit-valid NPI: two claims mapped from the 2010AA, 2000B/2010BA/2010BB, 2300 and 2400 loops', async () => {
    const { items, counts } = await readClaims(validNpi('x12_valid.txt'));
    expect(counts).toMatchObject({ format: 'x12', claimsRead: 2, rejected: 0, interchanges: 1, groups: 1, transactions: 1 });
    const [first] = items as [ClaimItem];
    expect(first.claim).toEqual({
      claimId: 'A37YH556',
      payer: { id: '11122333', name: 'HEALTH INSURANCE COMPANY', type: 'commercial' },
      patient: { memberId: '123456', firstName: 'JOHN', lastName: 'DOE' },
      billingProvider: { npi: '1234567893', name: 'MEDICAL GROUP' },
      placeOfService: '11',
      // DTP*472*RD8*20050314-20050325: the range's first day and its last.
      lines: [{ lineNumber: 1, procedureCode: '99211', modifiers: ['25'], units: 1, serviceDate: '2005-03-14', serviceDateEnd: '2005-03-25', chargeAmount: 12.25 }],
    });
    expect(first.position).toEqual({ format: 'x12', interchange: '000000905', group: '1', transaction: '987654', claimId: 'A37YH556', segment: 20, fileSegment: 22 });
  });

  it('notes what it leaves out instead of dropping it silently: ICD-9 diagnoses, bad HI composites, the wrong SE01 count', async () => {
    const { counts } = await readClaims(x12File('x12_valid.txt'));
    expect(counts.notes).toEqual([
      { message: 'HI element that is not a qualifier:code composite left out', count: 8 },
      { message: 'ICD-9-CM codes (HI BK/BF) are not valid for service dates from 2015-10-01 and were not carried', count: 2 },
      { message: 'SE01 segment count differs from the segments in the transaction set (kept: the claims are whole)', count: 1 },
    ]);
  });

  it('scrubs its claims to rejections that name the NPI and where the claim sat', async () => {
    const { items } = await readClaims(x12File('x12_valid.txt'));
    const results = items.map((item) => scrubIntakeItem(item, scrubData()));
    expect(results.map((r) => [r.claimId, r.status])).toEqual([
      ['A37YH556', 'rejected'],
      ['A37YH667', 'rejected'],
    ]);
    expect(results[0]?.findings[0]?.message).toBe(
      'X12 interchange ISA13 000000905, group GS06 1, transaction ST02 987654, claim CLM01 A37YH556 at segment 20 of the transaction (segment 22 of the file): ' +
        'The claim breaks the contract in 1 place: 2010AA NM1*85 NM109 (segment 7): NPI "1234567890" fails the NPI check digit',
    );
    expect(results[1]?.findings[0]?.message).toContain('line 2 SV101-2 (segment 32): lines[0].procedureCode must be 5 letters or digits');
  });

  it('with a check-digit-valid NPI the same claims reach the rules', async () => {
    const { items } = await readClaims(validNpi('x12_valid.txt'));
    const first = scrubIntakeItem(items[0]!, scrubData());
    // What the rules say of CPT 99211-25 is the rules' business (it changes with them); that it reaches them is the reader's.
    expect(first.findings.map((f) => f.ruleId)).not.toContain('CLAIM-INVALID');
  });

  it('takes the separators from the ISA: the file with ~ ^ _ separators reads the same as the standard one', async () => {
    const standard = await readClaims(x12File('x12_valid.txt'));
    const other = await readClaims(x12File('x12_valid_different_separators.txt'));
    expect(other.items).toEqual(standard.items);
  });

  it('reads many interchanges, groups and transactions per file', async () => {
    // Every imsweb claim bills under NPI 1234567890, which fails the check digit.
    expect((await readClaims(x12File('x12_multiple_isa.txt'))).counts).toMatchObject({ claimsRead: 4, rejected: 4, interchanges: 2, groups: 2, transactions: 2 });
    expect((await readClaims(x12File('x12_multiple_transactions.txt'))).counts).toMatchObject({ claimsRead: 624, interchanges: 312, transactions: 312 });
    expect((await readClaims(validNpi('x12_many_claims.txt'))).counts).toMatchObject({ claimsRead: 820, rejected: 0 });
  });

  it('x12_multiple_isa.txt: each claim carries its own interchange control number', async () => {
    const { items } = await readClaims(x12File('x12_multiple_isa.txt'));
    expect(items.map((i) => [i.claimId, i.position.format === 'x12' && i.position.interchange])).toEqual([
      ['A37YH556', '000000905'],
      ['A37YH667', '000000905'],
      ['A37YH5561', '000000906'],
      ['A37YH6672', '000000906'],
    ]);
  });

  it('x12_complex.txt: 2320/2330 other-payer loops do not overwrite the subscriber or payer; the 2000C patient names the patient', async () => {
    const { items, counts } = await readClaims(validNpi('x12_complex.txt'));
    expect(counts).toMatchObject({ claimsRead: 6, rejected: 2, transactions: 2 });
    const claims = items.map((i) => (i.kind === 'claim' ? i.claim : undefined) as { claimId: string; payer: { id: string }; patient: Record<string, string> } | undefined);
    expect(claims[0]).toMatchObject({ claimId: 'A37YH556', payer: { id: '11122333' }, patient: { memberId: '123456', firstName: 'JOHN' } });
    expect(claims[2]).toMatchObject({ claimId: 'A37YH668', patient: { memberId: '123456', firstName: 'STEVEN', lastName: 'JONES', birthDate: '1989-09-16' } });
    // 2420A on line 3 is the only rendering provider with an NPI qualifier (XX) on A37YH667, and 303304 is no NPI.
    expect(items[1]).toMatchObject({
      kind: 'rejected',
      errors: [
        { path: 'line 3 2420A NM1*82 NM109 (segment 108)', message: 'NPI "303304" must be 10 digits' },
        { path: 'line 3 SV101-2 (segment 104)', message: 'lines[0].procedureCode must be 5 letters or digits' },
      ],
    });
    expect(counts.notes).toContainEqual({ message: 'rendering provider without an NPI (NM108 not XX) left out', count: 4 });
  });

  it('x12_missing_elements.txt: the claim without CLM05 is rejected with its position, and the file goes on', async () => {
    const { items, counts } = await readClaims(x12File('x12_missing_elements.txt'));
    expect(counts).toMatchObject({ claimsRead: 2, rejected: 2 });
    const rejected = items[1] as RejectedItem;
    expect(rejected).toMatchObject({ kind: 'rejected', index: 1, claimId: 'A37YH667' });
    expect(rejected.position).toEqual({ format: 'x12', interchange: '000000905', group: '1', transaction: '987654', claimId: 'A37YH667', segment: 29, fileSegment: 31 });
    expect(rejected.errors).toEqual([
      { path: 'CLM05-1 (segment 29)', message: 'the place of service is required' },
      { path: '2010AA NM1*85 NM109 (segment 7)', message: 'NPI "1234567890" fails the NPI check digit' },
      { path: 'line 2 SV101-2 (segment 32)', message: 'lines[0].procedureCode must be 5 letters or digits' },
    ]);
  });

  it('x12_segment_errors.txt: a claim without HI is rejected, not half-read', async () => {
    const { items } = await readClaims(x12File('x12_segment_errors.txt'));
    expect(items).toHaveLength(1);
    expect((items[0] as RejectedItem).errors).toEqual([
      { path: 'HI (segment 19)', message: 'the claim has no HI segment; an 837P claim must carry at least one diagnosis' },
      { path: '2010AA NM1*85 NM109 (segment 7)', message: 'NPI "1234567890" fails the NPI check digit' },
    ]);
  });

  it.each([
    ['x12_bad_first_line.txt', 'malformed ISA header: ISA02 is 9 characters long but must be exactly 10 (the ISA is fixed-width, 106 characters)'],
    ['x12_no_isa_line.txt', 'no ISA at the start of the file: X12 data must begin with an ISA interchange header; this input begins with a GS segment'],
    [
      'x12_999_accepted.txt',
      'the X12 file holds no 837P claims: it is a 999 implementation acknowledgment (999 005010X231A1); its envelope is malformed too: segment 10: IEA02 000000001 does not match ISA13 000000286',
    ],
    ['x12_999_rejected.txt', 'the X12 file holds no 837P claims: it is a 999 implementation acknowledgment (999 005010X231A1)'],
    ['x12_277CA_accepted.txt', 'the X12 file holds no 837P claims: it is a 277CA claim acknowledgment (277 005010X214)'],
  ])('%s: the whole file is rejected with a clear message', async (name, message) => {
    await expect(readClaims(x12File(name))).rejects.toThrow(new UnreadableInputError(message));
  });

  it.each(['constructor', 'toString', 'valueOf'])('a transaction set ST01 %s, a name every object answers to, is named as sent', async (kind) => {
    const text = readFileSync(join(X12_FIXTURES, 'x12_999_rejected.txt'), 'latin1').replace('ST*999*', `ST*${kind}*`);
    await expect(readClaims(text)).rejects.toThrow(new UnreadableInputError(`the X12 file holds no 837P claims: it is a ${kind} transaction set (${kind} 005010X231A1)`));
  });
});
