import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadNcciFiles } from '../../shared/files/ncci-files.ts';
import { parseMueFile } from '../../shared/ncci/mue-file.ts';
import { NcciFileError } from '../../shared/ncci/ncci-file.ts';
import { parsePtpFile } from '../../shared/ncci/ptp-file.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'ncci');
const MCR_MUE = 'MCR_MUE_PractitionerServices_Eff_07-01-2026.csv';
const MCD_MUE = 'MCD_MUE_PractitionerServices_Eff_07-01-2026.csv';
const PTP = 'ccipra-v322r0-f1.txt';
const MUE_ZIP = 'medicare-ncci-2026-q3-practitioner-services-mue-table.zip';
const PTP_ZIP = 'medicare-ncci-2026q3-practitioner-ptp-edits-ccipra-v322r0-f1.zip';

const fixture = (name: string): Uint8Array => readFileSync(join(FIXTURES, name));
const latin1 = (text: string): Uint8Array => Buffer.from(text, 'latin1');

const MUE_HEADER = '"HCPCS/\r\nCPT Code","Practitioner Services MUE Values","MUE Adjudication Indicator","MUE Rationale"\r\n';
const NOTICE = '"A synthetic notice, spanning\r\ntwo lines, with a comma",,,\r\n';
const mueText = (...rows: string[]) => latin1(NOTICE + MUE_HEADER + rows.map((row) => `${row}\r\n`).join(''));

const PTP_HEADER = 'Column 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\tDeletion Date *=no data\tModifier 0=not allowed 1=allowed 9=not applicable\tPTP Edit Rationale\r\n';
const ptpText = (...rows: string[]) => latin1(`A synthetic notice line\r\n${PTP_HEADER}${rows.map((row) => `${row}\r\n`).join('')}`);

/** The error a parse throws, for assertions on its message and problems. */
function errorOf(parse: () => unknown): NcciFileError {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(NcciFileError);
    return error as NcciFileError;
  }
  throw new Error('expected the parse to throw');
}

describe('parseMueFile', () => {
  it('reads CMS\'s CSV: notice record, header found by its names, the indicator\'s digit, program and date from the name', () => {
    const file = parseMueFile(fixture(MCR_MUE), { fileName: `some/dir/${MCR_MUE}` });
    expect(file).toMatchObject({ fileName: MCR_MUE, program: 'medicare', effective: '2026-07-01', setting: 'practitioner' });
    expect(file.edits).toHaveLength(6);
    expect(file.edits[0]).toEqual({ program: 'medicare', code: '96365', maxUnits: 1, adjudication: 2, rationale: 'Synthetic test value' });
    expect(file.edits.find((edit) => edit.code === '99602')).toEqual({ program: 'medicare', code: '99602', maxUnits: 3, adjudication: 3, rationale: "Synthetic test value, not CMS's" });
    expect(file.edits.find((edit) => edit.code === 'J0696')).toMatchObject({ maxUnits: 40, adjudication: 1 });
  });

  it('reads a Medicaid table from its MCD name', () => {
    const file = parseMueFile(fixture(MCD_MUE), { fileName: MCD_MUE });
    expect(file.program).toBe('medicaid');
    expect(file.edits.map((edit) => edit.code)).toEqual(['99601', '99602', 'S9494', 'S9500', 'J0696']);
    expect(file.edits.every((edit) => edit.program === 'medicaid')).toBe(true);
  });

  it('reads the CSV inside CMS\'s zip, passing over the read-me', () => {
    const file = parseMueFile(fixture(MUE_ZIP), { fileName: MUE_ZIP });
    expect(file).toMatchObject({ fileName: MCR_MUE, program: 'medicare', effective: '2026-07-01' });
    expect(file.edits).toHaveLength(6);
  });

  it('takes the program and date given when the name says neither; LF line ends and columns in another order', () => {
    const text = latin1('HCPCS/CPT Code,MUE Rationale,MUE Adjudication Indicator,Outpatient Hospital Services MUE Values\n99601,"Synthetic, quoted",1 Line Edit,4\n');
    const file = parseMueFile(text, { fileName: 'limits.csv', program: 'medicaid', effective: '2026-01-01' });
    expect(file).toMatchObject({ program: 'medicaid', effective: '2026-01-01', setting: 'outpatient hospital' });
    expect(file.edits).toEqual([{ program: 'medicaid', code: '99601', maxUnits: 4, adjudication: 1, rationale: 'Synthetic, quoted' }]);
  });

  it('refuses a file without the header, saying what was expected', () => {
    const error = errorOf(() => parseMueFile(latin1('code,limit\n99601,2\n'), { fileName: MCR_MUE }));
    expect(error.message).toMatch(/^MCR_MUE_PractitionerServices_Eff_07-01-2026\.csv: no MUE header row found; expected a CMS MUE table: a CSV .*"HCPCS\/CPT Code"/);
  });

  it('says a tab-delimited file is not the layout', () => {
    const text = latin1('HCPCS/CPT Code\tPractitioner Services MUE Values\tMUE Adjudication Indicator\tMUE Rationale\n99601\t1\t1 Line Edit\tx\n');
    expect(errorOf(() => parseMueFile(text, { fileName: MCR_MUE })).message).toContain('no MUE header row found (this file is tab-delimited; the MUE table is comma-separated)');
  });

  it('refuses an empty file', () => {
    expect(errorOf(() => parseMueFile(new Uint8Array(), { fileName: MCR_MUE })).message).toMatch(/the file is empty; expected a CMS MUE table/);
    expect(errorOf(() => parseMueFile(mueText(), { fileName: MCR_MUE })).message).toMatch(/a header but no MUE rows/);
  });

  it('names the line of every bad row: indicator, value, code, columns, a repeated code', () => {
    const error = errorOf(() =>
      parseMueFile(mueText('99601,1,"2 Date of Service Edit: Policy",x', '99602,2,"4 Something",x', '96365,two,"1 Line Edit",x', '9636,1,"1 Line Edit",x', '96366,1', '99601,3,"1 Line Edit",x'), { fileName: MCR_MUE }),
    );
    // The notice takes lines 1-2 and the header 3-4, so the rows start on line 5.
    expect(error.problems).toEqual([
      { line: 6, message: 'MUE adjudication indicator "4 Something" is not 1, 2 or 3 (e.g. "2 Date of Service Edit: Policy")' },
      { line: 7, message: 'MUE value "two" is not a whole number of units' },
      { line: 8, message: 'code "9636" is not 5 letters or digits' },
      { line: 9, message: '2 columns; expected 4 (code, MUE value, adjudication indicator, rationale)' },
      { line: 9, message: 'MUE adjudication indicator "" is not 1, 2 or 3 (e.g. "2 Date of Service Edit: Policy")' },
      { line: 10, message: 'code 99601 again (first at line 5)' },
    ]);
    expect(error.message).toMatch(/^MCR_MUE_PractitionerServices_Eff_07-01-2026\.csv: 6 problems; nothing loaded:\n {2}line 6: /);
  });

  it('spells out the first 20 problems and counts the rest', () => {
    const rows = Array.from({ length: 25 }, (_, i) => `${String(10000 + i)},1,"9 Bad",x`);
    const error = errorOf(() => parseMueFile(mueText(...rows), { fileName: MCR_MUE }));
    expect(error.problems).toHaveLength(25);
    expect(error.message.split('\n')).toHaveLength(22);
    expect(error.message).toMatch(/\.\.\. and 5 more$/);
  });

  it('reports a quote never closed', () => {
    const error = errorOf(() => parseMueFile(mueText('99601,1,"2 Date of Service Edit: Policy",x', '99602,1,"1 Line Edit,x'), { fileName: MCR_MUE }));
    expect(error.problems).toEqual([{ line: 6, message: 'a quote opened on line 6 is never closed' }]);
  });

  it('needs the program and the date from the name or the options', () => {
    expect(errorOf(() => parseMueFile(mueText('99601,1,"1 Line Edit",x'), { fileName: 'mue.csv' })).message).toMatch(/^mue\.csv: cannot tell the program from the file name/);
    expect(errorOf(() => parseMueFile(mueText('99601,1,"1 Line Edit",x'), { fileName: 'MCR_MUE.csv' })).message).toMatch(/^MCR_MUE\.csv: cannot tell the effective date from the file name/);
  });

  it('refuses a zip without an MUE table, and one with two', () => {
    const readmeOnly = zipSync({ 'README.txt': latin1('nothing here\r\n'), 'table.xlsx': new Uint8Array([1, 2, 3]) });
    expect(errorOf(() => parseMueFile(readmeOnly, { fileName: MUE_ZIP })).message).toMatch(/^medicare-ncci-2026-q3-practitioner-services-mue-table\.zip: a zip with no \.csv file in it; it holds README\.txt, table\.xlsx\. Expected a CMS MUE table/);
    const otherCsv = zipSync({ 'notes.csv': latin1('a,b\n1,2\n') });
    expect(errorOf(() => parseMueFile(otherCsv, { fileName: MUE_ZIP })).message).toContain('a zip with no MUE table in notes.csv');
    const two = zipSync({ [MCR_MUE]: fixture(MCR_MUE), [MCD_MUE]: fixture(MCD_MUE) });
    expect(errorOf(() => parseMueFile(two, { fileName: MUE_ZIP })).message).toContain('several MUE tables in one zip');
    expect(errorOf(() => parseMueFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 9, 9]), { fileName: MUE_ZIP })).message).toMatch(/not a readable zip archive/);
  });
});

describe('parsePtpFile', () => {
  it('reads CMS\'s text file: notice and title lines, the wrapped header, "*" for no deletion, the version and part from the name', () => {
    const file = parsePtpFile(fixture(PTP), { fileName: PTP });
    expect(file).toMatchObject({ fileName: PTP, program: 'medicare', version: 'v322r0', part: 1, setting: 'practitioner' });
    expect(file.edits).toHaveLength(7);
    expect(file.edits[0]).toEqual({ program: 'medicare', column1: '96365', column2: '36000', effective: '1996-01-01', modifierIndicator: '1', rationale: 'Synthetic test edit' });
    expect(file.edits.find((edit) => edit.column2 === '96372')).toMatchObject({ effective: '2015-01-01', deleted: '2020-03-01', modifierIndicator: '0' });
    expect(file.edits.find((edit) => edit.column2 === '96360')).toMatchObject({ deleted: '2020-01-01', modifierIndicator: '9' });
  });

  it('reads the text file inside CMS\'s zip, passing over the other .txt', () => {
    const file = parsePtpFile(fixture(PTP_ZIP), { fileName: PTP_ZIP });
    expect(file).toMatchObject({ fileName: PTP, version: 'v322r0' });
    expect(file.edits).toHaveLength(7);
  });

  it('reads a one-line header; program and version given for a name that says neither', () => {
    const file = parsePtpFile(ptpText('99601\t96365\t\t20200101\t*\t1\tSynthetic test edit'), { fileName: 'edits.txt', program: 'medicaid', version: 'v2026q1' });
    expect(file).toMatchObject({ program: 'medicaid', version: 'v2026q1', setting: 'practitioner' });
    expect(file.part).toBeUndefined();
    expect(file.edits).toEqual([{ program: 'medicaid', column1: '99601', column2: '96365', effective: '2020-01-01', modifierIndicator: '1', rationale: 'Synthetic test edit' }]);
  });

  it('passes over a header whose cells are quoted over several lines, up to the first row', () => {
    const text = latin1('Notice\r\nColumn 1\tColumn 2\t"*=in existence\r\nprior to 1996"\t"Effective\r\nDate"\t"Deletion\r\nDate"\tModifier\tPTP Edit Rationale\r\n99601\t96365\t\t20200101\t*\t1\tSynthetic test edit\r\n');
    expect(parsePtpFile(text, { fileName: PTP }).edits).toHaveLength(1);
    // A broken first row is still a row (its date gives it away), not more header.
    const broken = latin1(`Notice\r\n${PTP_HEADER}9960\t96365\t\t20200101\t*\t1\tx\r\n`);
    expect(errorOf(() => parsePtpFile(broken, { fileName: PTP })).problems).toEqual([{ line: 3, message: 'column 1 code "9960" is not 5 letters or digits' }]);
  });

  it('names the line of every bad row: dates, indicator, codes, columns', () => {
    const error = errorOf(() =>
      parsePtpFile(
        ptpText(
          '99601\t96365\t\t20200101\t*\t1\tok',
          '99601\t96366\t\t20201301\t*\t0\tbad effective date',
          '99601\t96367\t\t20200101\t2020-03-01\t0\tbad deletion date',
          '99601\t96368\t\t20200101\t*\t2\tbad indicator',
          '9960\t96369\tx\t20200101\t*\t1\tbad code and flag',
          '99601,96370,,20200101,*,1,commas',
        ),
        { fileName: PTP },
      ),
    );
    expect(error.problems).toEqual([
      { line: 4, message: 'effective date "20201301" is not a valid YYYYMMDD date' },
      { line: 5, message: 'deletion date "2020-03-01" is not a valid YYYYMMDD date or "*" (none)' },
      { line: 6, message: 'modifier indicator "2" is not 0, 1 or 9' },
      { line: 7, message: 'column 1 code "9960" is not 5 letters or digits' },
      { line: 7, message: '"in existence prior to 1996" is "x"; expected "*" or blank' },
      { line: 8, message: '1 columns; expected 7: column 1, column 2, *, effective date, deletion date, modifier indicator, rationale (comma-separated? the columns must be separated by tabs)' },
    ]);
    expect(error.message).toMatch(/^ccipra-v322r0-f1\.txt: 6 problems; nothing loaded:/);
  });

  it('refuses a file without the header, and says a comma-separated one is the wrong delimiter', () => {
    expect(errorOf(() => parsePtpFile(latin1('99601\t96365\t\t20200101\t*\t1\tx\r\n'), { fileName: PTP })).message).toMatch(/^ccipra-v322r0-f1\.txt: no PTP header row found; expected a CMS PTP table: tab-delimited text/);
    const commas = latin1('notice\r\nColumn 1,Column 2,*=in existence prior to 1996,Effective Date,Deletion Date,Modifier,PTP Edit Rationale\r\n99601,96365,,20200101,*,1,x\r\n');
    expect(errorOf(() => parsePtpFile(commas, { fileName: PTP })).message).toContain('no PTP header row found (the header is not tab-delimited; CMS\'s PTP text file separates its columns with tabs)');
  });

  it('refuses an empty file and a header without rows', () => {
    expect(errorOf(() => parsePtpFile(latin1('\r\n'), { fileName: PTP })).message).toMatch(/the file is empty; expected a CMS PTP table/);
    expect(errorOf(() => parsePtpFile(ptpText(), { fileName: PTP })).message).toMatch(/a header but no PTP rows/);
  });

  it('needs the version and the program from the name or the options', () => {
    expect(errorOf(() => parsePtpFile(ptpText('99601\t96365\t\t20200101\t*\t1\tx'), { fileName: 'ccipra-f1.txt' })).message).toMatch(/cannot tell the version from the file name/);
    expect(errorOf(() => parsePtpFile(ptpText('99601\t96365\t\t20200101\t*\t1\tx'), { fileName: 'edits-v322r0.txt' })).message).toMatch(/cannot tell the program from the file name/);
  });

  it('refuses a zip without a PTP table', () => {
    const zip = zipSync({ 'README.txt': latin1('read me\r\n') });
    expect(errorOf(() => parsePtpFile(zip, { fileName: PTP_ZIP })).message).toMatch(/a zip with no PTP table in README\.txt; it holds README\.txt\. Expected a CMS PTP table/);
    expect(errorOf(() => parsePtpFile(zipSync({}), { fileName: PTP_ZIP })).message).toMatch(/a zip with no \.txt file in it; it holds nothing/);
  });
});

describe('loadNcciFiles', () => {
  const path = (name: string) => join(FIXTURES, name);

  it('loads the tables into one set named by them', () => {
    const set = loadNcciFiles({ mue: [path(MUE_ZIP), path(MCD_MUE)], ptp: [path(PTP_ZIP)] });
    expect(set.release).toBe('MUE medicare practitioner 2026-07-01; MUE medicaid practitioner 2026-07-01; PTP medicare practitioner v322r0');
    expect(set.tables).toEqual({ mue: ['medicare', 'medicaid'], ptp: ['medicare'] });
    expect(set.mue('medicaid', '99601')).toMatchObject({ maxUnits: 2, adjudication: 3 });
    expect(set.mue('medicare', '99601')).toMatchObject({ maxUnits: 1, adjudication: 2 });
    expect(set.ptpEdits('medicare', '99601').map((edit) => edit.column2)).toEqual(['96365', '96366', '96372', '96374', '96360']);
    expect(set.hasPtp('medicaid')).toBe(false);
  });

  it('names a file it cannot read', () => {
    expect(() => loadNcciFiles({ mue: [path('missing.csv')] })).toThrow(/^cannot read MUE file .*missing\.csv: ENOENT/);
    expect(() => loadNcciFiles({ ptp: [path(MCR_MUE)] })).toThrow(NcciFileError);
  });

  it('refuses two MUE tables of one program, and PTP parts of different versions', () => {
    expect(() => loadNcciFiles({ mue: [path(MCR_MUE), path(MUE_ZIP)] })).toThrow(/two medicare MUE tables/);
    const nextVersion = join(mkdtempSync(join(tmpdir(), 'ncci-')), 'ccipra-v323r0-f2.txt');
    writeFileSync(nextVersion, fixture(PTP));
    expect(() => loadNcciFiles({ ptp: [path(PTP), nextVersion] })).toThrow(/medicare PTP tables of different versions or settings \(ccipra-v322r0-f1\.txt, ccipra-v323r0-f2\.txt\)/);
  });

  it('loads the four parts of one version as one table', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ncci-'));
    const part2 = join(dir, 'ccipra-v322r0-f2.txt');
    writeFileSync(part2, ptpText('99602\t96365\t\t20200101\t*\t1\tSynthetic test edit'));
    const set = loadNcciFiles({ ptp: [path(PTP), part2] });
    expect(set.release).toBe('PTP medicare practitioner v322r0');
    expect(set.ptpEdits('medicare', '99602').map((edit) => edit.column2)).toEqual(['96366', '96365']);
  });
});
