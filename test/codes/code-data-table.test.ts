import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { readActiveData } from '../../shared/aws/active-data.ts';
import { loadCodeData } from '../../shared/aws/code-data-loader.ts';
import { CodeDataReader } from '../../shared/aws/code-data-reader.ts';
import { ACTIVE_DATA_KEY, releaseManifestKey } from '../../shared/aws/code-table-keys.ts';
import { BUNDLED_HCPCS_PATH, loadBundledCodeData, loadCodeDataFile } from '../../shared/files/code-data-files.ts';
import { loadBundledPayerPolicy } from '../../shared/files/payer-policy-files.ts';
import { parsePayerPolicy, payerSettings } from '../../shared/payers/payer-policy.ts';
import { claim, line } from '../support/claims.ts';
import { freshCodeTableEachTest } from '../support/code-table-emulator.ts';

const TABLE = 'coverage-codes';

// Made-up descriptions: the AMA's CPT descriptors are licensed and not reproduced.
function cptFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'cpt-')), 'my-cpt.csv');
  writeFileSync(path, text);
  return path;
}

describe('code data through the code table: coverage, the CPT file and payer settings', () => {
  const emulator = freshCodeTableEachTest(TABLE);

  const reader = () => new CodeDataReader({ ddb: emulator.clients.dynamodb, table: TABLE, activeDataTtlMs: 0 });
  const claims = [claim({ lines: [line(1, 'S9500', { modifiers: ['SS'] }), line(2, '99601', { modifiers: ['SS'] }), line(3, '96365')] })];

  it('hands the rules a code set with the release\'s coverage, and no CPT file', async () => {
    const outcome = await loadCodeData({ ddb: emulator.clients.dynamodb, table: TABLE, codes: loadBundledCodeData(), payers: loadBundledPayerPolicy() });
    expect(outcome).toMatchObject({ release: 'HCPCS-2020', codeDataKey: 'HCPCS-2020' });

    const { codes } = (await reader().read(claims)).data;
    expect(codes.release).toBe('HCPCS-2020');
    expect(codes.coverage).toEqual({ from: '2020-01-01', through: '2020-12-31' });
    expect(codes.cptSource).toBeUndefined();
    expect(codes.procedure('S9500')).toEqual(loadBundledCodeData().procedure('S9500'));
    expect(codes.procedure('96365')).toBeUndefined();

    const { Item: manifest } = await emulator.clients.dynamodb.send(new GetCommand({ TableName: TABLE, Key: { pk: releaseManifestKey('HCPCS-2020') } }));
    expect(manifest).toMatchObject({ codeRelease: 'HCPCS-2020', coverage: { from: '2020-01-01', through: '2020-12-31' } });
  });

  it('stores a CPT file with the release, apart from the release without it, and returns its codes and name', async () => {
    const plain = loadBundledCodeData();
    const withCpt = loadCodeDataFile(BUNDLED_HCPCS_PATH, { cptPath: cptFile('code,description,effective date\n96365,Test infusion first hour,2020-01-01\n99601,Test licensed visit\n') });
    await loadCodeData({ ddb: emulator.clients.dynamodb, table: TABLE, codes: plain, payers: loadBundledPayerPolicy() });
    const outcome = await loadCodeData({ ddb: emulator.clients.dynamodb, table: TABLE, codes: withCpt, payers: loadBundledPayerPolicy() });
    // Same release id, other records: stored under their own key, so a scrubber's cache of the first stays true.
    expect(outcome.alreadyLoaded).toBe(false);
    expect(outcome.codeDataKey).toMatch(/^HCPCS-2020\+CPT-[0-9a-f]{12}$/);
    expect(await readActiveData(emulator.clients.dynamodb, TABLE)).toMatchObject({ codeRelease: 'HCPCS-2020', codeDataKey: outcome.codeDataKey, cptSource: 'my-cpt.csv' });

    const { codes } = (await reader().read(claims)).data;
    expect(codes.release).toBe('HCPCS-2020');
    expect(codes.cptSource).toBe('my-cpt.csv');
    expect(codes.coverage).toEqual({ from: '2020-01-01', through: '2020-12-31' });
    expect(codes.procedure('96365')).toEqual(withCpt.procedure('96365'));
    expect(codes.procedure('99601')).toMatchObject({ longDescription: 'Test licensed visit', homeInfusionService: true, source: 'user CPT file my-cpt.csv' });

    // The same data loaded again is recognised and only re-activated; the plain release is still there to switch back to.
    expect(await loadCodeData({ ddb: emulator.clients.dynamodb, table: TABLE, codes: withCpt, payers: loadBundledPayerPolicy() })).toMatchObject({ alreadyLoaded: true, codesWritten: 0 });
    expect(await loadCodeData({ ddb: emulator.clients.dynamodb, table: TABLE, codes: plain, payers: loadBundledPayerPolicy() })).toMatchObject({ alreadyLoaded: true, codeDataKey: 'HCPCS-2020' });
    const back = (await reader().read(claims)).data.codes;
    expect(back.cptSource).toBeUndefined();
    expect(back.procedure('96365')).toBeUndefined();
    expect(back.procedure('99601')?.source).toBe('project');
  });

  it('reads a pointer written before coverage and data keys existed as the release under its own id', async () => {
    await loadCodeData({ ddb: emulator.clients.dynamodb, table: TABLE, codes: loadBundledCodeData(), payers: loadBundledPayerPolicy(), activate: false });
    await emulator.clients.dynamodb.send(
      new PutCommand({ TableName: TABLE, Item: { pk: ACTIVE_DATA_KEY, codeRelease: 'HCPCS-2020', payerPolicyVersion: loadBundledPayerPolicy().version, generation: 1, activatedAt: '2026-01-01T00:00:00Z' } }),
    );
    const { codes } = (await reader().read(claims)).data;
    expect(codes.release).toBe('HCPCS-2020');
    expect(codes.coverage).toBeUndefined();
    expect(codes.procedure('S9500')).toBeDefined();
  });

  it('keeps every payer setting through the table, and leaves the ones a record omits to the defaults', async () => {
    const everySetting = {
      id: 'ALLSET', name: 'Every setting', type: 'commercial', acceptsSS: true, benefit: 'medical', documentationOnClaim: true,
      perDiemDayBasis: 'therapy_days', perDiemLineSpan: 'one_line_per_day', concurrentModifiers: ['SH', 'SJ', '59'], suitePos: ['49', '11'],
      ndcRequired: true, lpnNursingAllowed: false, followsNcci: true,
    };
    const noSetting = { id: 'NOSET', name: 'No setting', type: 'medicaid', acceptsSS: true };
    const payers = parsePayerPolicy({ version: 'settings-round-trip', payers: [everySetting, noSetting] });
    await loadCodeData({ ddb: emulator.clients.dynamodb, table: TABLE, codes: loadBundledCodeData(), payers });

    const named = ['ALLSET', 'NOSET'].map((id) => claim({ payer: { id, type: id === 'NOSET' ? 'medicaid' : 'commercial' } }));
    const back = (await reader().read(named)).data.payers;
    expect(back.version).toBe('settings-round-trip');
    expect(back.payer('ALLSET')).toEqual(everySetting);
    expect(back.payer('NOSET')).toEqual(noSetting);
    expect(payerSettings(back.payer('ALLSET')!)).toEqual(payerSettings(payers.payer('ALLSET')!));
    expect(payerSettings(back.payer('NOSET')!)).toMatchObject({ ndcRequired: true, followsNcci: true, suitePos: ['49'], concurrentModifiers: ['SH', 'SJ'] });
  });

  it('reads the bundled example payers back with the settings they set', async () => {
    const bundled = loadBundledPayerPolicy();
    await loadCodeData({ ddb: emulator.clients.dynamodb, table: TABLE, codes: loadBundledCodeData(), payers: bundled });
    const named = bundled.records().map((p) => claim({ payer: { id: p.id, type: p.type } }));
    const back = (await reader().read(named)).data.payers;
    for (const record of bundled.records()) expect(back.payer(record.id), record.id).toEqual(record);
    expect(back.payer('BVPPO')?.perDiemDayBasis).toBe('therapy_days');
  });
});
