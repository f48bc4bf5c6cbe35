import { describe, expect, it } from 'vitest';
import { describeRelease } from '../../shared/codes/describe-release.ts';
import { releaseCoverageFromFileName, ReleaseCoverageError, resolveReleaseCoverage } from '../../shared/codes/release-id.ts';
import { BUNDLED_HCPCS_PATH, loadBundledCodeData, loadCodeDataFile } from '../../shared/files/code-data-files.ts';

describe('releaseCoverageFromFileName', () => {
  it('gives an annual file its calendar year', () => {
    expect(releaseCoverageFromFileName('HCPC2020_ANWEB_w_disclaimer.txt')).toEqual({ from: '2020-01-01', through: '2020-12-31' });
    expect(releaseCoverageFromFileName('/data/HCPC2019_CONTR_ANWEB.txt')).toEqual({ from: '2019-01-01', through: '2019-12-31' });
  });

  it('gives a quarterly update its quarter only: CMS supersedes it with the next one', () => {
    expect(releaseCoverageFromFileName('HCPC2026_JAN_ANWEB_01122026.txt')).toEqual({ from: '2026-01-01', through: '2026-03-31' });
    expect(releaseCoverageFromFileName('HCPC2026_APR_ANWEB.txt')).toEqual({ from: '2026-04-01', through: '2026-06-30' });
    expect(releaseCoverageFromFileName('hcpc2024_july_anweb.txt')).toEqual({ from: '2024-07-01', through: '2024-09-30' });
    expect(releaseCoverageFromFileName('HCPC2025_OCT_ANWEB_v3.txt')).toEqual({ from: '2025-10-01', through: '2025-12-31' });
  });

  it('runs an off-cycle month to the end of its quarter', () => {
    expect(releaseCoverageFromFileName('HCPC2024_FEB_ANWEB.txt')).toEqual({ from: '2024-02-01', through: '2024-03-31' });
  });

  it('knows nothing from a name that is not CMS\'s', () => {
    expect(releaseCoverageFromFileName('/tmp/my-codes.txt')).toBeUndefined();
    expect(releaseCoverageFromFileName('HCPC_FILE.txt')).toBeUndefined();
  });
});

describe('resolveReleaseCoverage', () => {
  const fromName = { from: '2026-01-01', through: '2026-03-31' };

  it('keeps the file name\'s dates when none are given', () => {
    expect(resolveReleaseCoverage(fromName, {})).toEqual(fromName);
    expect(resolveReleaseCoverage(undefined, {})).toBeUndefined();
  });

  it('takes explicit dates, either form, each over the name\'s', () => {
    expect(resolveReleaseCoverage(undefined, { from: '20260401', through: '2026-06-30' })).toEqual({ from: '2026-04-01', through: '2026-06-30' });
    expect(resolveReleaseCoverage(fromName, { through: '2026-04-15' })).toEqual({ from: '2026-01-01', through: '2026-04-15' });
  });

  it('refuses half a coverage, a reversed one and a date that is not a day', () => {
    expect(() => resolveReleaseCoverage(undefined, { from: '2026-04-01' })).toThrow(/does not say through when it applies/);
    expect(() => resolveReleaseCoverage(undefined, { through: '2026-04-01' })).toThrow(/does not say when it takes effect/);
    expect(() => resolveReleaseCoverage(fromName, { through: '2025-12-31' })).toThrow(/its last date is before its first/);
    expect(() => resolveReleaseCoverage(undefined, { from: '2026-02-30', through: '2026-03-31' })).toThrow(ReleaseCoverageError);
    expect(() => resolveReleaseCoverage(undefined, { from: '04/01/2026', through: '2026-06-30' })).toThrow(/"04\/01\/2026" is not a real date/);
  });
});

describe('coverage on loaded code data', () => {
  it('dates the bundled 2020 release from its file name', () => {
    expect(loadBundledCodeData().coverage).toEqual({ from: '2020-01-01', through: '2020-12-31' });
    expect(loadBundledCodeData().cptSource).toBeUndefined();
  });

  it('takes explicit dates over the name\'s', () => {
    const codes = loadCodeDataFile(BUNDLED_HCPCS_PATH, { releaseDate: '2020-04-01', coversThrough: '20200630' });
    expect(codes.coverage).toEqual({ from: '2020-04-01', through: '2020-06-30' });
  });

  it('says in one line which release, its dates and the CPT file', () => {
    expect(describeRelease(loadBundledCodeData())).toBe('HCPCS-2020 (covers 2020-01-01 to 2020-12-31; no CPT file)');
    expect(describeRelease({ release: 'mine', coverage: undefined, cptSource: 'cpt-2026.csv' })).toBe('mine (service dates it covers unknown; CPT file cpt-2026.csv)');
  });
});
