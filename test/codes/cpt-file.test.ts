import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CptFileError, parseCptFile } from '../../shared/codes/cpt-file.ts';
import { isActiveOn } from '../../shared/codes/code-record.ts';
import { withUserCpt } from '../../shared/codes/release-code-set.ts';
import { BUNDLED_HCPCS_PATH, loadBundledCodeData, loadCodeDataFile, loadCptFile, loadProjectCodesFile } from '../../shared/files/code-data-files.ts';

// Synthetic rows: real CPT code numbers with made-up descriptions (the AMA's descriptors are licensed).
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const parse = (text: string) => parseCptFile(encode(text), { fileName: 'test.csv', cptSource: 'test.csv' });

function writeTemp(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'cpt-')), name);
  writeFileSync(path, text);
  return path;
}

describe('parseCptFile', () => {
  it('reads CSV with a header, quoted commas and both date forms, as procedure records', () => {
    const records = parse(
      [
        'code,description,effective date,termination date',
        '96365,"Test infusion, first hour",2020-01-01,',
        '96366,Test infusion each added hour,20200101,20251231',
        '0001U,Test lab analysis',
        '',
      ].join('\r\n'),
    );
    expect(records.map((r) => r.code)).toEqual(['96365', '96366', '0001U']);
    expect(records[0]).toEqual({
      kind: 'procedure',
      code: '96365',
      longDescription: 'Test infusion, first hour',
      shortDescription: 'Test infusion, first hour',
      addedDate: '2020-01-01',
      actionEffectiveDate: '2020-01-01',
      homeInfusionService: false,
      source: 'user CPT file test.csv',
    });
    expect(records[1]).toMatchObject({ addedDate: '2020-01-01', terminationDate: '2025-12-31', shortDescription: 'Test infusion each added hou' });
    expect(records[2]).toMatchObject({ code: '0001U' });
    expect(records[2]).not.toHaveProperty('addedDate');
    // No CMS coverage or action code: CMS assigns none to CPT codes, and inventing one would mislead the Medicare rules.
    for (const record of records) expect(record).not.toHaveProperty('coverage');
    expect(isActiveOn(records[1] as (typeof records)[number], '2026-01-02')).toBe(false);
  });

  it('reads TSV without a header, Category II and III codes in any case, and a byte-order mark', () => {
    const records = parse('\uFEFF4000f\tTest tobacco counselling\n0075t\tTest emerging technology\t2019-07-01\n');
    expect(records.map((r) => r.code)).toEqual(['4000F', '0075T']);
    expect(records[1]).toMatchObject({ longDescription: 'Test emerging technology', addedDate: '2019-07-01' });
  });

  it('reads a spreadsheet\'s Windows-1252 text and ignores its empty trailing cells', () => {
    // 0x96 is the en dash in Windows-1252, and not valid UTF-8 on its own.
    const bytes = Uint8Array.from([...encode('99601,Test visit '), 0x96, ...encode(' first hours,,,,\n')]);
    expect(parseCptFile(bytes, { fileName: 'x.csv', cptSource: 'x.csv' })[0]?.longDescription).toBe('Test visit \u2013 first hours');
  });

  it('names every bad line and loads nothing', () => {
    const text = [
      'CPT code\tdescription',
      '9660\tToo short',
      '96365\t',
      '96366\tTest\t2020-13-01',
      '96367\tTest\t2021-01-01\t2020-01-01',
      '96368\tTest\t\t\textra',
      '96369\tTest one',
      '96369\tTest again',
    ].join('\n');
    let error: CptFileError | undefined;
    try {
      parse(text);
    } catch (caught) {
      error = caught as CptFileError;
    }
    expect(error).toBeInstanceOf(CptFileError);
    expect(error?.problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6, 8]);
    expect(error?.message).toMatch(/^CPT file test\.csv: 6 problems; nothing loaded:/);
    expect(error?.message).toContain('line 2: code "9660" is not a CPT code (5 digits, or 4 digits and F, T or U)');
    expect(error?.message).toContain('line 3: description is blank');
    expect(error?.message).toContain('line 4: effective date "2020-13-01" is not a real date');
    expect(error?.message).toContain('line 5: termination date 2020-01-01 is before the effective date 2021-01-01');
    expect(error?.message).toContain('line 6: 5 columns; expected code, description, effective date, termination date');
    expect(error?.message).toContain('line 8: duplicate code 96369 (first at line 7)');
  });

  it('refuses an unclosed quote and a file with no codes', () => {
    expect(() => parse('96365,"Test infusion\n')).toThrow(/line 1: a quoted field is not closed/);
    expect(() => parse('code,description\n\n')).toThrow(/CPT file test\.csv: no CPT codes in it/);
  });
});

describe('a user\'s CPT file with the release', () => {
  it('wins over the project\'s 99601, which stays a home-infusion service code; 99602 stays the project\'s', () => {
    const user = parse('99601,Test licensed visit descriptor,2020-01-01\n96365,Test infusion\n');
    const merged = withUserCpt(loadProjectCodesFile(), user);
    const byCode = new Map(merged.map((r) => [r.code, r]));
    expect(merged).toHaveLength(3);
    expect(byCode.get('99601')).toMatchObject({ longDescription: 'Test licensed visit descriptor', homeInfusionService: true, source: 'user CPT file test.csv' });
    expect(byCode.get('99602')).toMatchObject({ source: 'project', homeInfusionService: true });
    expect(byCode.get('96365')).toMatchObject({ homeInfusionService: false });
  });

  it('loads with the bundled release and names the file as cptSource', () => {
    const path = writeTemp('my-cpt-2026.csv', 'code,description\n99601,Test licensed visit descriptor\n96365,Test infusion\n');
    const codes = loadCodeDataFile(BUNDLED_HCPCS_PATH, { cptPath: path });
    const bundled = loadBundledCodeData();
    expect(codes.cptSource).toBe('my-cpt-2026.csv');
    expect(codes.release).toBe('HCPCS-2020');
    expect(codes.size).toEqual({ procedures: bundled.size.procedures + 1, modifiers: bundled.size.modifiers });
    expect(codes.procedure('96365')?.source).toBe('user CPT file my-cpt-2026.csv');
    expect(codes.procedure('99601')?.homeInfusionService).toBe(true);
    expect(codes.procedure('99602')?.source).toBe('project');
    expect(codes.procedure('S9500')).toEqual(bundled.procedure('S9500'));
  });

  it('names the file when it cannot be read or is bad', () => {
    expect(() => loadCptFile(join(tmpdir(), 'no-such-dir', 'cpt.csv'))).toThrow(/^cannot read CPT file .*cpt\.csv/);
    const bad = writeTemp('bad.csv', '96365,Test,someday\n');
    expect(() => loadCptFile(bad)).toThrow(new RegExp(`CPT file ${bad.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}: 1 problem; nothing loaded:\\n  line 1: effective date "someday"`));
  });
});
