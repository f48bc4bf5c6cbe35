import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProjectCodes, ProjectCodesError } from '../../shared/codes/project-codes.ts';
import { loadProjectCodesFile, PROJECT_CODES_PATH } from '../../shared/files/code-data-files.ts';

const bundledDocument = (): { version: string; source: string; records: Record<string, unknown>[] } =>
  JSON.parse(readFileSync(PROJECT_CODES_PATH, 'utf8')) as { version: string; source: string; records: Record<string, unknown>[] };

describe('project CPT home infusion codes', () => {
  it('loads 99601 and 99602 as home infusion services without a CMS coverage code', () => {
    const records = loadProjectCodesFile();
    expect(records.map((r) => r.code)).toEqual(['99601', '99602']);
    for (const record of records) {
      expect(record).toMatchObject({ kind: 'procedure', homeInfusionService: true, source: 'project' });
      expect('coverage' in record).toBe(false);
      expect(record.longDescription).toMatch(/^Home infusion visit/);
      expect(record.shortDescription.length).toBeGreaterThan(0);
    }
  });

  it('rejects a bad record, naming the field', () => {
    const document = bundledDocument();
    document.records[1] = { ...document.records[1], code: '9960', coverage: 'X', homeInfusionService: 'yes' };
    const attempt = (): unknown => parseProjectCodes(document, 'test file');
    expect(attempt).toThrow(ProjectCodesError);
    expect(attempt).toThrow(/records\[1\]\.coverage/);
    expect(attempt).toThrow(/records\[1\]\.homeInfusionService/);
  });

  it('rejects misspelt fields, duplicates, bad codes and bad dates', () => {
    const misspelt = bundledDocument();
    misspelt.records[0] = { ...misspelt.records[0], homeInfusion: true };
    expect(() => parseProjectCodes(misspelt)).toThrow(/homeInfusion/);

    const duplicate = bundledDocument();
    duplicate.records.push({ ...duplicate.records[0] });
    expect(() => parseProjectCodes(duplicate)).toThrow(/records\[2\]\.code: duplicates procedure 99601/);

    const badCode = bundledDocument();
    badCode.records[0] = { ...badCode.records[0], code: '9960a' };
    expect(() => parseProjectCodes(badCode)).toThrow(/records\[0\]\.code/);

    const badDate = bundledDocument();
    badDate.records[0] = { ...badDate.records[0], addedDate: '2023-02-30' };
    expect(() => parseProjectCodes(badDate)).toThrow(/records\[0\]\.addedDate: must be a real date/);
  });

  it('reports unreadable and non-JSON files clearly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'project-codes-'));
    expect(() => loadProjectCodesFile(join(dir, 'missing.json'))).toThrow(/cannot read project code file/);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "version": ');
    expect(() => loadProjectCodesFile(broken)).toThrow(/is not valid JSON/);
  });
});
