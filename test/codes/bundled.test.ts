import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HcpcsFileError } from '../../shared/codes/hcpcs-file.ts';
import { releaseCodeSet } from '../../shared/codes/release-code-set.ts';
import { releaseIdFromFileName } from '../../shared/codes/release-id.ts';
import { BUNDLED_HCPCS_PATH, loadBundledCodeData, loadCodeDataFile, loadProjectCodesFile } from '../../shared/files/code-data-files.ts';

const RELEASE_2019_PATH = fileURLToPath(new URL('../../data/hcpcs/HCPC2019_CONTR_ANWEB.txt', import.meta.url));

describe('releaseIdFromFileName', () => {
  it('derives release ids from CMS file names', () => {
    expect(releaseIdFromFileName('HCPC2020_ANWEB_w_disclaimer.txt')).toBe('HCPCS-2020');
    expect(releaseIdFromFileName('/data/HCPC2019_CONTR_ANWEB.txt')).toBe('HCPCS-2019');
    expect(releaseIdFromFileName('HCPC2026_JAN_ANWEB_01122026.txt')).toBe('HCPCS-2026-JAN');
    expect(releaseIdFromFileName('hcpc2024_july_anweb.txt')).toBe('HCPCS-2024-JUL');
  });

  it('falls back to the base name without extension', () => {
    expect(releaseIdFromFileName('/tmp/my-codes.txt')).toBe('my-codes');
    expect(releaseIdFromFileName('codes')).toBe('codes');
    expect(releaseIdFromFileName('HCPC_FILE.txt')).toBe('HCPC_FILE');
  });
});

describe('releaseCodeSet', () => {
  // The domain is handed bytes and records; only the test reads files.
  const bytes = readFileSync(RELEASE_2019_PATH);

  it('builds one code set from the release bytes and the project records', () => {
    const codes = releaseCodeSet(bytes, { release: 'R-2019', fileName: 'release.txt', projectCodes: loadProjectCodesFile() });
    expect(codes.release).toBe('R-2019');
    expect(codes.size).toEqual({ procedures: 6442, modifiers: 360 });
    expect(codes.procedure('G0068')?.source).toBe('R-2019');
    expect(codes.procedure('99601')?.source).toBe('project');
  });

  it('finds a code or modifier written in lower case, and nothing for a code the release lacks', () => {
    const codes = releaseCodeSet(bytes, { release: 'R-2019', fileName: 'release.txt', projectCodes: loadProjectCodesFile() });
    expect(codes.procedure('g0068')?.code).toBe('G0068');
    expect(codes.procedure('s9500')?.code).toBe('S9500');
    expect(codes.modifier('ss')?.code).toBe('SS');
    expect(codes.modifier('Sd')?.code).toBe('SD');
    expect(codes.procedure('99213')).toBeUndefined();
    expect(codes.procedure('ZZ999')).toBeUndefined();
  });

  it('names the file it was told about when the bytes are bad', () => {
    const attempt = (): unknown => releaseCodeSet(new TextEncoder().encode('not a CMS file\r\n'), { release: 'R', fileName: 'upload.txt', projectCodes: [] });
    expect(attempt).toThrow(HcpcsFileError);
    expect(attempt).toThrow(/upload\.txt: no HCPCS records/);
  });
});

describe('loadCodeDataFile', () => {
  it('bundles the 2020 release', () => {
    expect(BUNDLED_HCPCS_PATH.endsWith(join('data', 'hcpcs', 'HCPC2020_ANWEB_w_disclaimer.txt'))).toBe(true);
    const codes = loadBundledCodeData();
    expect(codes.release).toBe('HCPCS-2020');
    // 6710 CMS procedures plus the two project CPT codes.
    expect(codes.size).toEqual({ procedures: 6712, modifiers: 369 });
    expect(loadBundledCodeData()).toBe(codes);
  });

  it('adds the project CPT home infusion records to the bundled code set', () => {
    const codes = loadBundledCodeData();
    for (const code of ['99601', '99602']) {
      const record = codes.procedure(code);
      expect(record, code).toMatchObject({ kind: 'procedure', code, homeInfusionService: true, source: 'project' });
      expect(record?.coverage, code).toBeUndefined();
      expect(record?.longDescription, code).toContain('AMA descriptor not reproduced');
    }
    expect(codes.procedure('S9500')?.source).toBe('HCPCS-2020');
    expect(codes.modifier('ss')?.coverage).toBe('I');
  });

  it('loads the 2019 and 2020 releases side by side without mixing them', () => {
    const current = loadCodeDataFile(BUNDLED_HCPCS_PATH);
    const previous = loadCodeDataFile(RELEASE_2019_PATH);
    expect(current.release).toBe('HCPCS-2020');
    expect(previous.release).toBe('HCPCS-2019');
    expect(previous.size).toEqual({ procedures: 6442, modifiers: 360 });
    expect(current.size).toEqual({ procedures: 6712, modifiers: 369 });
    expect(previous.procedure('G0068')?.actionCode).toBe('A');
    expect(current.procedure('G0068')?.actionCode).toBe('N');
    expect(previous.procedure('G0068')?.source).toBe('HCPCS-2019');
    expect(previous.procedure('99601')?.homeInfusionService).toBe(true);
    // Loading another release leaves the memoised bundled one untouched.
    expect(loadBundledCodeData().release).toBe('HCPCS-2020');
  });

  it('takes an explicit release id', () => {
    const codes = loadCodeDataFile(RELEASE_2019_PATH, { release: 'CMS-2019-annual' });
    expect(codes.release).toBe('CMS-2019-annual');
    expect(codes.modifier('SS')?.source).toBe('CMS-2019-annual');
  });

  it('wraps a missing file in HcpcsFileError', () => {
    const missing = join(tmpdir(), 'no-such-dir', 'HCPC2099_ANWEB.txt');
    expect(() => loadCodeDataFile(missing)).toThrow(HcpcsFileError);
    expect(() => loadCodeDataFile(missing)).toThrow(/cannot read HCPCS release file .*HCPC2099_ANWEB\.txt/);
  });

  it('names the file when its content is bad', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hcpcs-'));
    const path = join(dir, 'HCPC2030_ANWEB.txt');
    writeFileSync(path, 'not a CMS file\r\n');
    expect(() => loadCodeDataFile(path)).toThrow(new RegExp(`${path.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}: no HCPCS records`));
  });
});
