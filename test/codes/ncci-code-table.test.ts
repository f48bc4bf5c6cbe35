import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { readActiveData } from '../../shared/aws/active-data.ts';
import { createAwsClients } from '../../shared/aws/clients.ts';
import { loadCodeData, loadNcciData, type LoadProgress } from '../../shared/aws/code-data-loader.ts';
import { CodeDataReader } from '../../shared/aws/code-data-reader.ts';
import { ncciDataKey, ncciManifestKey, ptpKey } from '../../shared/aws/code-table-keys.ts';
import { loadBundledCodeData } from '../../shared/files/code-data-files.ts';
import { loadBundledPayerPolicy } from '../../shared/files/payer-policy-files.ts';
import { NcciSet, type MueEdit, type PtpEdit } from '../../shared/ncci/ncci-edits.ts';
import { parsePayerPolicy } from '../../shared/payers/payer-policy.ts';
import { RequestCounter } from '../../local/request-counter.ts';
import { claim, line } from '../support/claims.ts';
import { freshCodeTableEachTest } from '../support/code-table-emulator.ts';

const TABLE = 'ncci-codes';

// Synthetic edits: made-up values in the shape of CMS's tables, not CMS data.
const MUE: MueEdit[] = [
  { program: 'medicare', code: '99601', maxUnits: 1, adjudication: 2, rationale: 'Synthetic test value' },
  { program: 'medicare', code: 'J1885', maxUnits: 9, adjudication: 1, rationale: 'Synthetic test value' },
  { program: 'medicaid', code: '99601', maxUnits: 2, adjudication: 3, rationale: 'Synthetic test value' },
  { program: 'medicare', code: 'J0696', maxUnits: 40, adjudication: 1, rationale: 'Synthetic test value' },
];
const PTP: PtpEdit[] = [
  { program: 'medicare', column1: '99601', column2: '96365', effective: '2020-01-01', modifierIndicator: '1', rationale: 'Synthetic test edit' },
  { program: 'medicare', column1: '99601', column2: '96372', effective: '2015-01-01', deleted: '2020-03-01', modifierIndicator: '0', rationale: 'Synthetic test edit, deleted' },
  { program: 'medicare', column1: '96365', column2: '36000', effective: '1996-01-01', modifierIndicator: '1', rationale: 'Synthetic test edit' },
  { program: 'medicare', column1: 'G0299', column2: '99601', effective: '2020-01-01', modifierIndicator: '9', rationale: 'Synthetic test edit' },
];
const RELEASE = 'MUE medicare practitioner 2026-07-01; MUE medicaid practitioner 2026-07-01; PTP medicare practitioner v322r0';

function ncciSet(edits: { mue?: MueEdit[]; ptp?: PtpEdit[] } = { mue: MUE, ptp: PTP }, release = RELEASE): NcciSet {
  return new NcciSet(release, edits, { mue: [...new Set((edits.mue ?? []).map((e) => e.program))], ptp: [...new Set((edits.ptp ?? []).map((e) => e.program))] });
}

describe('NCCI edits through the code table', () => {
  const emulator = freshCodeTableEachTest(TABLE);

  const reader = () => new CodeDataReader({ ddb: emulator.clients.dynamodb, table: TABLE, activeDataTtlMs: 0 });
  const load = (extra: Partial<Parameters<typeof loadCodeData>[0]> = {}) =>
    loadCodeData({ ddb: emulator.clients.dynamodb, table: TABLE, codes: loadBundledCodeData(), payers: loadBundledPayerPolicy(), ...extra });
  const claims = [
    claim({ payer: { id: 'MCR', type: 'medicare' }, lines: [line(1, '99601'), line(2, '96365'), line(3, 'S9500', { modifiers: ['SS'] })] }),
    claim({ lines: [line(1, 'J1885', { units: 3 })] }),
  ];

  it('stores the edits under a key of their own, activates them with the release, and reads a batch\'s slice back', async () => {
    const ncci = ncciSet();
    const outcome = await load({ ncci });
    const key = ncciDataKey(ncci);
    expect(key).toMatch(/^NCCI-MUE-medicare-practitioner-2026-07-01-[A-Za-z0-9.-]+-[0-9a-f]{12}$/);
    expect(outcome.ncci).toEqual({ ncciKey: key, release: RELEASE, tables: { mue: ['medicare', 'medicaid'], ptp: ['medicare'] }, mueEdits: 4, ptpEdits: 4, itemsWritten: 7, alreadyLoaded: false });
    expect(await readActiveData(emulator.clients.dynamodb, TABLE)).toMatchObject({ codeRelease: 'HCPCS-2020', ncciKey: key, ncciRelease: RELEASE, ncciTables: { mue: ['medicare', 'medicaid'], ptp: ['medicare'] } });
    const { Item: manifest } = await emulator.clients.dynamodb.send(new GetCommand({ TableName: TABLE, Key: { pk: ncciManifestKey(key) } }));
    expect(manifest).toMatchObject({ ncciRelease: RELEASE, mueEdits: 4, ptpEdits: 4, items: 7 });

    const { data } = await reader().read(claims);
    const slice = data.ncci!;
    expect(slice.release).toBe(RELEASE);
    expect([slice.hasMue('medicare'), slice.hasMue('medicaid'), slice.hasPtp('medicare'), slice.hasPtp('medicaid')]).toEqual([true, true, true, false]);
    expect(slice.mue('medicare', '99601')).toEqual(MUE[0]);
    expect(slice.mue('medicaid', '99601')).toEqual(MUE[2]);
    expect(slice.mue('medicare', 'J1885')).toEqual(MUE[1]);
    expect(slice.mue('medicare', 'S9500')).toBeUndefined();
    expect(slice.ptpEdits('medicare', '99601')).toEqual([PTP[0], PTP[1]]);
    expect(slice.ptpEdits('medicare', '96365')).toEqual([PTP[2]]);
    // Only the claims' codes: J0696's MUE and G0299's list are not in this batch's slice.
    expect(slice.mue('medicare', 'J0696')).toBeUndefined();
    expect(slice.ptpEdits('medicare', 'G0299')).toEqual([]);
  });

  it('hands the rules no NCCI lookup when none is loaded', async () => {
    await load();
    expect((await readActiveData(emulator.clients.dynamodb, TABLE))?.ncciKey).toBeUndefined();
    expect((await reader().read(claims)).data.ncci).toBeUndefined();
  });

  it('keeps the NCCI tables when codes or payers are reloaded without them (as the load-code-data function re-activates the bundled release), and drops them only when asked', async () => {
    const ncci = ncciSet();
    await load({ ncci });
    const payers = parsePayerPolicy({ version: 'reload-keeps-ncci', payers: [{ id: 'MCR', name: 'Medicare', type: 'medicare', acceptsSS: false }] });
    const reloaded = await load({ payers });
    expect(reloaded.ncci).toBeUndefined();
    expect(await readActiveData(emulator.clients.dynamodb, TABLE)).toMatchObject({ payerPolicyVersion: 'reload-keeps-ncci', ncciKey: ncciDataKey(ncci), ncciRelease: RELEASE });
    expect((await reader().read(claims)).data.ncci?.mue('medicare', '99601')).toEqual(MUE[0]);

    await load({ removeNcci: true });
    const active = await readActiveData(emulator.clients.dynamodb, TABLE);
    expect(active).toMatchObject({ codeRelease: 'HCPCS-2020' });
    expect(active).not.toHaveProperty('ncciKey');
    expect((await reader().read(claims)).data.ncci).toBeUndefined();
    await expect(load({ ncci, removeNcci: true })).rejects.toThrow(/loaded and removed at once/);
  });

  it('loads NCCI tables alone, keeping the release and payer policy the pointer names', async () => {
    const payers = parsePayerPolicy({ version: 'kept-policy', payers: [{ id: 'MCR', name: 'Medicare', type: 'medicare', acceptsSS: false }] });
    await expect(loadNcciData({ ddb: emulator.clients.dynamodb, table: TABLE, ncci: ncciSet() })).rejects.toThrow(/has no active release/);
    await load({ payers });
    const outcome = await loadNcciData({ ddb: emulator.clients.dynamodb, table: TABLE, ncci: ncciSet() });
    expect(outcome).toMatchObject({ itemsWritten: 7, alreadyLoaded: false });
    expect(outcome.active).toMatchObject({ codeRelease: 'HCPCS-2020', codeDataKey: 'HCPCS-2020', payerPolicyVersion: 'kept-policy', ncciKey: outcome.ncciKey, generation: 2 });
    expect((await reader().read(claims)).data.ncci?.ptpEdits('medicare', '96365')).toEqual([PTP[2]]);

    // Other tables replace them; the first set loaded again is only re-activated.
    const other = ncciSet({ mue: [{ ...MUE[0]!, maxUnits: 4 }] }, 'MUE medicare practitioner 2026-10-01');
    await loadNcciData({ ddb: emulator.clients.dynamodb, table: TABLE, ncci: other });
    const slice = (await reader().read(claims)).data.ncci!;
    expect([slice.release, slice.mue('medicare', '99601')?.maxUnits, slice.hasPtp('medicare')]).toEqual(['MUE medicare practitioner 2026-10-01', 4, false]);
    // Its counts come from its manifest: the edits are digested, not counted again.
    expect(await loadNcciData({ ddb: emulator.clients.dynamodb, table: TABLE, ncci: ncciSet() })).toMatchObject({ itemsWritten: 0, alreadyLoaded: true, mueEdits: 4, ptpEdits: 4 });
    expect((await reader().read(claims)).data.ncci?.release).toBe(RELEASE);
  });

  it('counts NCCI items in the progress, and does not rewrite tables already loaded unless forced', async () => {
    const ncci = ncciSet();
    const codes = loadBundledCodeData();
    const payerCount = loadBundledPayerPolicy().records().length;
    const codeCount = codes.size.procedures + codes.size.modifiers;
    const seen: LoadProgress[] = [];
    await load({ ncci, onProgress: (p) => seen.push(p) });
    expect(seen[0]).toEqual({ written: 0, total: codeCount + payerCount + 7 });
    expect(seen.at(-1)).toEqual({ written: codeCount + payerCount + 7, total: codeCount + payerCount + 7 });
    expect(seen.every((p, i) => i === 0 || p.written > seen[i - 1]!.written)).toBe(true);

    const again: LoadProgress[] = [];
    expect((await load({ ncci, onProgress: (p) => again.push(p) })).ncci).toMatchObject({ alreadyLoaded: true, itemsWritten: 0 });
    expect(again.at(-1)).toEqual({ written: payerCount, total: payerCount });
    expect((await load({ ncci, force: true })).ncci).toMatchObject({ alreadyLoaded: false, itemsWritten: 7 });
  });

  it('splits a PTP list too long for one DynamoDB item over numbered items and reads it back whole, in order', async () => {
    // 40,000 column 2 codes under one column 1 code: about 1 MB encoded, over the 400 KB item limit.
    const rationales = ['Synthetic test edit', 'Synthetic test edit, mutually exclusive', 'Synthetic test edit, deleted'];
    const long: PtpEdit[] = Array.from({ length: 40_000 }, (_, n) => ({
      program: 'medicare',
      column1: '99601',
      column2: `X${String(n).padStart(5, '0')}`,
      effective: '2020-01-01',
      ...(n % 3 === 2 ? { deleted: '2021-01-01' } : {}),
      modifierIndicator: n % 2 === 0 ? '0' : '1',
      rationale: rationales[n % 3]!,
    }));
    const ncci = ncciSet({ mue: MUE, ptp: [...long, PTP[2]!] });
    const outcome = await load({ ncci });
    const key = outcome.ncci!.ncciKey;
    const { Item: first } = await emulator.clients.dynamodb.send(new GetCommand({ TableName: TABLE, Key: { pk: ptpKey(key, 'medicare', '99601') } }));
    const parts = first?.parts as number;
    expect(parts).toBeGreaterThanOrEqual(3);
    expect(outcome.ncci).toMatchObject({ ptpEdits: 40_001, itemsWritten: MUE.length + parts + 1 });
    const { Item: last } = await emulator.clients.dynamodb.send(new GetCommand({ TableName: TABLE, Key: { pk: ptpKey(key, 'medicare', '99601', parts) } }));
    expect(last).toMatchObject({ part: parts, column1: '99601' });

    const slice = (await reader().read(claims)).data.ncci!;
    expect(slice.ptpEdits('medicare', '99601')).toEqual(long);
    expect(slice.ptpEdits('medicare', '96365')).toEqual([PTP[2]]);
  }, 60_000);

  it('reads a cold batch\'s NCCI items with its codes, then from the cache', async () => {
    await load({ ncci: ncciSet() });
    const counted = createAwsClients({ region: 'us-east-1', endpoints: { dynamodb: emulator.url } }, {});
    const counter = new RequestCounter();
    counter.attach(counted.dynamodb);
    try {
      const warm = new CodeDataReader({ ddb: counted.dynamodb, table: TABLE, activeDataTtlMs: 60_000 });
      // Cold: the pointer, then every code, payer, MUE and PTP key of the batch in one request.
      expect((await warm.read(claims)).data.ncci?.mue('medicare', 'J1885')).toEqual(MUE[1]);
      expect(counter.requests('BatchGetItem')).toBe(2);
      // Warm, within the pointer's TTL: nothing to read, and the slice is the same.
      const again = (await warm.read(claims)).data.ncci!;
      expect(counter.requests('BatchGetItem')).toBe(2);
      expect(again.ptpEdits('medicare', '99601')).toEqual([PTP[0], PTP[1]]);
      expect(again.hasMue('medicaid')).toBe(true);
    } finally {
      for (const client of Object.values(counted)) client.destroy();
    }
  });
});
