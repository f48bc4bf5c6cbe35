import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { HcpcsFileError } from '../../shared/codes/hcpcs-file.ts';
import { openReleaseFile } from '../../shared/codes/release-archive.ts';
import { isZipArchive } from '../../shared/codes/zip-archive.ts';
import { BUNDLED_HCPCS_PATH, loadBundledCodeData, loadCodeDataFile } from '../../shared/files/code-data-files.ts';

const README_PATH = fileURLToPath(new URL('../../data/hcpcs/HCPC2020_README.txt', import.meta.url));
const LAYOUT_PATH = fileURLToPath(new URL('../../data/hcpcs/HCPCS2019_recordlayout.txt', import.meta.url));
const codeFile = readFileSync(BUNDLED_HCPCS_PATH);

/** A zip laid out as CMS publishes a release: the code file beside its read-me, record layout and a spreadsheet. */
function cmsZip(extra: Zippable = {}): Uint8Array {
  return zipSync({
    'HCPC2020_ANWEB_w_disclaimer.txt': codeFile,
    'HCPC2020_README.txt': readFileSync(README_PATH),
    'HCPCS2020_recordlayout.txt': readFileSync(LAYOUT_PATH),
    // Not a real workbook: a spreadsheet beside the code file must simply be passed over.
    'HCPC2020_ANWEB_w_disclaimer.xlsx': new TextEncoder().encode('PK stand-in for a workbook'),
    ...extra,
  });
}

function writeTemp(name: string, bytes: Uint8Array): string {
  const path = join(mkdtempSync(join(tmpdir(), 'hcpcs-zip-')), name);
  writeFileSync(path, bytes);
  return path;
}

describe('the CMS release zip', () => {
  it('loads the same code set as the fixed-width file inside it, dated by the inner file name', () => {
    // CMS names its zips in words; the release id and dates come from the code file inside.
    const codes = loadCodeDataFile(writeTemp('2020-alpha-numeric-hcpcs-file.zip', cmsZip()));
    const fromText = loadBundledCodeData();
    expect(codes.release).toBe('HCPCS-2020');
    expect(codes.coverage).toEqual({ from: '2020-01-01', through: '2020-12-31' });
    expect(codes.size).toEqual(fromText.size);
    expect([...codes.records()]).toEqual([...fromText.records()]);
  });

  it('is told by its bytes, not its name; a folder inside is fine', () => {
    const bytes = zipSync({ 'January 2026/HCPC2026_JAN_ANWEB_01122026.txt': codeFile, 'January 2026/README.txt': new Uint8Array(0) });
    expect(isZipArchive(bytes)).toBe(true);
    expect(isZipArchive(codeFile)).toBe(false);
    const codes = loadCodeDataFile(writeTemp('release.txt', bytes));
    expect(codes.release).toBe('HCPCS-2026-JAN');
    expect(codes.coverage).toEqual({ from: '2026-01-01', through: '2026-03-31' });
    expect(codes.procedure('S9500')).toBeDefined();
  });

  it('passes over a same-named text file that holds no records, and macOS resource forks', () => {
    const file = openReleaseFile(
      cmsZip({ 'HCPC2020_ANWEB_transaction_report.txt': new TextEncoder().encode('Changes this quarter\r\n'), '__MACOSX/._HCPC2020_ANWEB_w_disclaimer.txt': [codeFile, { level: 0 }] }),
      'release.zip',
    );
    expect(file.name).toBe('HCPC2020_ANWEB_w_disclaimer.txt');
    expect(file.label).toBe('release.zip: HCPC2020_ANWEB_w_disclaimer.txt');
    expect(Buffer.from(file.bytes).equals(codeFile)).toBe(true);
  });

  it('refuses a zip with no code file, naming what it holds', () => {
    const bytes = zipSync({ 'HCPC2020_README.txt': readFileSync(README_PATH), 'codes.xlsx': new Uint8Array(4) });
    expect(() => openReleaseFile(bytes, 'r.zip')).toThrow(HcpcsFileError);
    expect(() => openReleaseFile(bytes, 'r.zip')).toThrow('r.zip: a zip with no HCPCS code file (HCPC…ANWEB….txt) in it; it holds HCPC2020_README.txt, codes.xlsx');
  });

  it('refuses two code files rather than guess which release to load', () => {
    const bytes = zipSync({ 'HCPC2020_ANWEB_w_disclaimer.txt': codeFile, 'HCPC2026_JAN_ANWEB.txt': codeFile });
    expect(() => openReleaseFile(bytes, 'r.zip')).toThrow(
      'r.zip: several HCPCS code files in one zip (HCPC2020_ANWEB_w_disclaimer.txt, HCPC2026_JAN_ANWEB.txt); unzip it and name the one to load',
    );
  });

  it('refuses a code file that holds no records, and a damaged zip, naming the file', () => {
    expect(() => openReleaseFile(zipSync({ 'HCPC2020_ANWEB.txt': new TextEncoder().encode('not a CMS file\r\n') }), 'r.zip')).toThrow(
      'r.zip: no HCPCS records in HCPC2020_ANWEB.txt',
    );
    const damaged = cmsZip().slice(0, 5_000);
    const path = writeTemp('damaged.zip', damaged);
    expect(() => loadCodeDataFile(path)).toThrow(HcpcsFileError);
    expect(() => loadCodeDataFile(path)).toThrow(/damaged\.zip: not a readable zip archive/);
  });

  it('names the zip and its member when the code file inside is malformed', () => {
    // The release's first record with an action code (position 293) CMS never uses.
    const firstRecord = new TextDecoder('windows-1252').decode(codeFile).split('\r\n').find((line) => /^.{5}\d{5}3/.test(line)) ?? '';
    const broken = new TextEncoder().encode(`${firstRecord.slice(0, 292)}Z${firstRecord.slice(293)}\r\n`);
    const path = writeTemp('broken.zip', zipSync({ 'HCPC2030_ANWEB.txt': broken }));
    expect(() => loadCodeDataFile(path)).toThrow(/broken\.zip: HCPC2030_ANWEB\.txt: 1 problem; nothing loaded/);
  });
});
