import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClaimInput } from '../../shared/claim/contract.ts';
import type { ClaimItem, RejectedItem } from '../../shared/formats/index.ts';
import { scrubIntakeItem } from '../../shared/scrub/scrub-item.ts';
import { scrubData } from '../support/scrub-data.ts';
import { FHIR_FIXTURES, readClaims } from './read-file.ts';

const SINGLE = JSON.parse(readFileSync(join(FHIR_FIXTURES, 'claim-suite-commercial.json'), 'utf8')) as { item: Record<string, unknown>[] };
const HCPCS = 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets';
const NDC = 'http://hl7.org/fhir/sid/ndc';

/** The single-claim fixture with its first item (the S9500 per diem) changed. */
async function withFirstItem(change: (item: Record<string, unknown>) => void): Promise<{ item: ClaimItem | RejectedItem; notes: string[] }> {
  const claim = structuredClone(SINGLE);
  change(claim.item[0]!);
  const { items, counts } = await readClaims(JSON.stringify(claim));
  return { item: items[0] as ClaimItem | RejectedItem, notes: counts.notes.map((n) => n.message) };
}

function firstLine(item: ClaimItem | RejectedItem): ClaimInput['lines'][number] {
  expect(item.kind).toBe('claim');
  return ((item as ClaimItem).claim as ClaimInput).lines[0]!;
}

const J3490 = { coding: [{ system: HCPCS, code: 'J3490', display: 'Unclassified drugs' }], text: 'Sod Chl 0.9% see NDC#' };

// The line detail of claim event contract v1.2 from a FHIR R4 Claim.
describe('FHIR item line detail', () => {
  it('servicedPeriod gives the first day and the last', async () => {
    const { item } = await withFirstItem((i) => {
      delete i.servicedDate;
      i.servicedPeriod = { start: '2020-03-01', end: '2020-03-07T23:59:00-06:00' };
    });
    expect(firstLine(item)).toMatchObject({ serviceDate: '2020-03-01', serviceDateEnd: '2020-03-07' });
  });

  it('a servicedPeriod without an end, or a servicedDate, gives no end', async () => {
    const open = await withFirstItem((i) => {
      delete i.servicedDate;
      i.servicedPeriod = { start: '2020-03-01' };
    });
    expect(firstLine(open.item)).not.toHaveProperty('serviceDateEnd');
  });

  it('an item without a date of its own covers the billablePeriod; an item with its own date keeps it', async () => {
    const undated = SINGLE.item.map(({ servicedDate: _date, servicedPeriod: _period, ...rest }) => rest);
    const billable = await readClaims(JSON.stringify({ ...structuredClone(SINGLE), billablePeriod: { start: '2020-03-01', end: '2020-03-07' }, item: undated }));
    expect(((billable.items[0] as ClaimItem).claim as ClaimInput).lines.every((l) => l.serviceDate === '2020-03-01' && l.serviceDateEnd === '2020-03-07')).toBe(true);
    const openEnded = await readClaims(JSON.stringify({ ...structuredClone(SINGLE), billablePeriod: { start: '2020-03-01' }, item: undated }));
    expect(((openEnded.items[0] as ClaimItem).claim as ClaimInput).lines.every((l) => l.serviceDate === '2020-03-01' && l.serviceDateEnd === undefined)).toBe(true);
    const dated = await readClaims(JSON.stringify({ ...structuredClone(SINGLE), billablePeriod: { start: '2020-03-01', end: '2020-03-07' } }));
    expect(((dated.items[0] as ClaimItem).claim as ClaimInput).lines[0]).toMatchObject({ serviceDate: '2020-03-02' });
    expect(((dated.items[0] as ClaimItem).claim as ClaimInput).lines[0]).not.toHaveProperty('serviceDateEnd');
  });

  it('a period that ends before it starts is rejected by the contract', async () => {
    const { item } = await withFirstItem((i) => {
      delete i.servicedDate;
      i.servicedPeriod = { start: '2020-03-07', end: '2020-03-01' };
    });
    const result = scrubIntakeItem(item, scrubData());
    expect(result.status).toBe('rejected');
    expect(result.findings[0]?.message).toMatch(/lines\[0\]\.serviceDateEnd: is before the service date 2020-03-07$/);
  });

  it('an NDC in a detail is the drug, with the detail quantity and its code as the unit; productOrService.text is the description', async () => {
    const { item, notes } = await withFirstItem((i) => {
      i.productOrService = J3490;
      i.detail = [{ sequence: 1, productOrService: { coding: [{ system: NDC, code: '00338004938' }] }, quantity: { value: 7, unit: 'each', code: 'UN' } }];
    });
    expect(firstLine(item)).toMatchObject({ procedureCode: 'J3490', drug: { ndc: '00338004938', quantity: 7, unit: 'UN' }, description: 'Sod Chl 0.9% see NDC#' });
    expect(notes).toEqual([]);
  });

  it('an NDC coding beside the HCPCS one is the drug without a quantity (the item quantity counts HCPCS units)', async () => {
    const { item } = await withFirstItem((i) => {
      i.productOrService = { coding: [{ system: HCPCS, code: 'J3490' }, { system: NDC, code: '0409-7332-01' }] };
    });
    const line = firstLine(item);
    expect(line.drug).toEqual({ ndc: '0409-7332-01' });
    expect(line).not.toHaveProperty('description');
  });

  it('of several NDCs the detail first is carried, with a note; a unit that is no NCPDP unit is left out, with a note', async () => {
    const { item, notes } = await withFirstItem((i) => {
      i.productOrService = { coding: [{ system: HCPCS, code: 'J3490' }, { system: NDC, code: '63323024910' }] };
      i.detail = [{ sequence: 1, productOrService: { coding: [{ system: NDC, code: '00338004938' }] }, quantity: { value: 250, unit: 'milliliter' } }];
    });
    expect(firstLine(item).drug).toEqual({ ndc: '00338004938', quantity: 250 });
    expect(notes).toEqual([
      "item with more than one NDC: the first (a detail's before the item's own) is carried as the line drug",
      'NDC quantity unit longer than 2 characters (not an NCPDP unit such as ML or UN) left out of the line drug',
    ]);
  });

  it('a text that repeats the code display is no description; one past 80 characters is left out with a note', async () => {
    const same = await withFirstItem((i) => {
      i.productOrService = { coding: [{ system: HCPCS, code: 'S9500', display: 'Home infusion therapy, antibiotic, q24h' }], text: 'Home infusion therapy, antibiotic, q24h' };
    });
    expect(firstLine(same.item)).not.toHaveProperty('description');
    const long = await withFirstItem((i) => {
      i.productOrService = { ...J3490, text: 'x'.repeat(81) };
    });
    expect(firstLine(long.item)).not.toHaveProperty('description');
    expect(long.notes).toEqual(['item productOrService.text past 80 characters (more than an 837P SV101-7 holds) not carried as the line description']);
  });

  it('a detail without its R4-required productOrService is reported at its element', async () => {
    const { item } = await withFirstItem((i) => {
      i.detail = [{ sequence: 1 }];
    });
    expect(item.kind).toBe('rejected');
    expect((item as RejectedItem).errors.map((e) => e.path)).toContain('Claim.item[0].detail[0].productOrService');
  });
});
