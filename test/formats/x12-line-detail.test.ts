import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClaimInput } from '../../shared/claim/contract.ts';
import type { ClaimItem, RejectedItem } from '../../shared/formats/index.ts';
import { scrubIntakeItem } from '../../shared/scrub/scrub-item.ts';
import { scrubData } from '../support/scrub-data.ts';
import { readClaims, X12_FIXTURES } from './read-file.ts';

const SAMPLES = join(import.meta.dirname, '..', 'fixtures', 'x12-samples');

async function linesOf(path: string): Promise<ClaimInput['lines']> {
  const { items } = await readClaims(createReadStream(path));
  const [item] = items as [ClaimItem];
  expect(item.kind).toBe('claim');
  return (item.claim as ClaimInput).lines;
}

// The line detail of claim event contract v1.2: a dated range's last day, the 2410 drug and the SV101-7 description.
describe('837P line detail from the TR3 examples', () => {
  it('home infusion therapy, HCPCS in 2400: RD8 gives both days, SV101-7 the NOC description, 2410 LIN/CTP the drug', async () => {
    const lines = await linesOf(join(SAMPLES, 'stupidedi__X222A1__home-infusion-therapy-pharmacy-HCPCS-2400.edi'));
    expect(lines.map((l) => [l.procedureCode, l.serviceDate, l.serviceDateEnd])).toEqual(
      ['S9500', 'J0696', 'J7051', 'J3490', 'J3490', 'J3490'].map((code) => [code, '2004-02-01', '2004-02-07']),
    );
    expect(lines.map((l) => l.description)).toEqual([undefined, undefined, undefined, 'Sod Chl 0.9%see NDC#', 'Sod Chl 0.9% see NDC#', 'Hep Lock see NDC#']);
    expect(lines.map((l) => l.drug)).toEqual([
      undefined,
      { ndc: '00004196501', quantity: 7, unit: 'UN' },
      { ndc: '63323024910', quantity: 14, unit: 'UN' },
      { ndc: '00338004938', quantity: 7, unit: 'UN' },
      { ndc: '08290033010', quantity: 14, unit: 'UN' },
      { ndc: '08290038005', quantity: 7, unit: 'UN' },
    ]);
  });

  it('home infusion therapy, NDC in 2410: each S5000/S5001 line carries its NDC; the per diem has none', async () => {
    const lines = await linesOf(join(SAMPLES, 'stupidedi__X222A1__home-infusion-therapy-pharmacy-NDC-2410.edi'));
    expect(lines.map((l) => [l.procedureCode, l.drug?.ndc, l.drug?.quantity])).toEqual([
      ['S9500', undefined, undefined],
      ['S5001', '00004196501', 7],
      ['S5000', '63323024910', 14],
      ['S5000', '00338004938', 7],
      ['S5000', '08290033010', 14],
      ['S5000', '08290038005', 7],
    ]);
    expect(lines.every((l) => l.description === undefined)).toBe(true);
  });

  it('drug administered in the office: a D8 date has no end, and the drug is measured in millilitres', async () => {
    const lines = await linesOf(join(SAMPLES, 'stupidedi__X222A1__drug-administered-in-the-physician-office.edi'));
    expect(lines).toEqual([
      { lineNumber: 1, procedureCode: '90782', units: 1, serviceDate: '2004-07-11', chargeAmount: 50 },
      { lineNumber: 2, procedureCode: 'J1550', units: 1, serviceDate: '2004-07-11', chargeAmount: 53.37, drug: { ndc: '00026063512', quantity: 10, unit: 'ML' } },
    ]);
  });
});

/** The first claim of x12_home_infusion_claims.txt, its J0696 line (LX*4) rewritten. */
function withDrugLine(line4: string[]): string {
  const segments = readFileSync(join(X12_FIXTURES, 'x12_home_infusion_claims.txt'), 'utf8').split('~\n');
  const lx4 = segments.indexOf('LX*4');
  const body = [...segments.slice(0, lx4), ...line4, 'SE*40*0001', 'GE*1*101', 'IEA*1*000000101'];
  return `${body.join('~\n')}~\n`;
}

async function readOne(text: string): Promise<{ item: ClaimItem | RejectedItem; notes: string[] }> {
  const { items, counts } = await readClaims(text);
  return { item: items[0] as ClaimItem | RejectedItem, notes: counts.notes.map((n) => n.message) };
}

describe('837P line detail, edge cases', () => {
  it('a range that ends before it starts maps as sent, and the contract rejects it', async () => {
    const { item } = await readOne(withDrugLine(['LX*4', 'SV1*HC:J0696*96*UN*8***1', 'DTP*472*RD8*20200307-20200301']));
    expect(((item as ClaimItem).claim as ClaimInput).lines[3]).toMatchObject({ serviceDate: '2020-03-07', serviceDateEnd: '2020-03-01' });
    const result = scrubIntakeItem(item, scrubData());
    expect(result.status).toBe('rejected');
    expect(result.findings[0]?.message).toMatch(/breaks the contract in 1 place: lines\[3\]\.serviceDateEnd: is before the service date 2020-03-07$/);
  });

  it('an RD8 of one day carries the same day as its end', async () => {
    const { item } = await readOne(withDrugLine(['LX*4', 'SV1*HC:J0696*96*UN*8***1', 'DTP*472*RD8*20200302-20200302']));
    expect((item as ClaimItem).claim).toMatchObject({ lines: [{}, {}, {}, { serviceDate: '2020-03-02', serviceDateEnd: '2020-03-02' }] });
  });

  it('a CTP04 that is not a number is left out of the drug with a note; the NDC is still carried, in the medications too', async () => {
    const { item, notes } = await readOne(withDrugLine(['LX*4', 'SV1*HC:J0696*96*UN*8***1', 'DTP*472*D8*20200302', 'LIN**N4*00409733201', 'CTP****TWO*UN']));
    const claim = (item as ClaimItem).claim as ClaimInput;
    expect(claim.lines[3]?.drug).toEqual({ ndc: '00409733201', unit: 'UN' });
    expect(claim.documentation?.medications).toEqual(['NDC 00409733201 (TWO UN)']);
    expect(notes).toContain('2410 CTP04 that is not a number left out of the line drug');
  });

  it('a malformed NDC is carried as sent, for the rules to judge; a LIN qualifier other than N4 is no drug', async () => {
    const short = await readOne(withDrugLine(['LX*4', 'SV1*HC:J0696*96*UN*8***1', 'DTP*472*D8*20200302', 'LIN**N4*0409-7332-01']));
    expect(((short.item as ClaimItem).claim as ClaimInput).lines[3]?.drug).toEqual({ ndc: '0409-7332-01' });
    const other = await readOne(withDrugLine(['LX*4', 'SV1*HC:J0696*96*UN*8***1', 'DTP*472*D8*20200302', 'LIN**EN*012345678905']));
    expect(((other.item as ClaimItem).claim as ClaimInput).lines[3]).not.toHaveProperty('drug');
  });

  it('of two 2410 loops on one line the first is the drug, with a note', async () => {
    const { item, notes } = await readOne(
      withDrugLine(['LX*4', 'SV1*HC:J0696*96*UN*8***1', 'DTP*472*D8*20200302', 'LIN**N4*00409733201', 'CTP****2*UN', 'LIN**N4*63323024910', 'CTP****1*ML']),
    );
    expect(((item as ClaimItem).claim as ClaimInput).lines[3]?.drug).toEqual({ ndc: '00409733201', quantity: 2, unit: 'UN' });
    expect(notes).toContain('line with more than one 2410 NDC: the first is carried as the line drug');
  });

  it('a description past 80 characters or a unit past 2 is rejected by the contract', async () => {
    const { item } = await readOne(withDrugLine(['LX*4', `SV1*HC:J3490:::::${'D'.repeat(81)}*96*UN*8***1`, 'DTP*472*D8*20200302', 'LIN**N4*00409733201', 'CTP****2*UNT']));
    const result = scrubIntakeItem(item, scrubData());
    expect(result.status).toBe('rejected');
    expect(result.findings[0]?.message).toMatch(/breaks the contract in 2 places: lines\[3\]\.drug\.unit: must be at most 2 characters; lines\[3\]\.description: must be at most 80 characters$/);
  });

  it('on a claim the reader rejects, the contract errors of the new fields are told at their segments', async () => {
    const { item } = await readOne(withDrugLine(['LX*4', `SV1*HC:J3490:::::${'D'.repeat(81)}*96*XX*8***1`, 'DTP*472*RD8*20200307-20200301', 'LIN**N4*00409733201', 'CTP****2*UNT']));
    expect((item as RejectedItem).errors).toEqual([
      { path: 'line 4 SV103 (segment 34)', message: 'the unit of measure must be UN (units) or MJ (minutes), got "XX"' },
      { path: 'line 4 CTP05-1 (segment 37)', message: 'lines[3].drug.unit must be at most 2 characters' },
      { path: 'line 4 SV101-7 (segment 34)', message: 'lines[3].description must be at most 80 characters' },
      { path: 'line 4 DTP03 (segment 35)', message: 'lines[3].serviceDateEnd is before the service date 2020-03-07' },
    ]);
  });
});
