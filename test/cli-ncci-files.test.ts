import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScrubResult } from '../shared/claim/result.ts';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'claim-scrubber.js');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'ncci');
const work = mkdtempSync(join(tmpdir(), 'claim-scrubber-ncci-'));

function run(args: string[]) {
  const child = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

const MUE_ZIP = join(FIXTURES, 'medicare-ncci-2026-q3-practitioner-services-mue-table.zip');
const MUE_CSV = join(FIXTURES, 'MCR_MUE_PractitionerServices_Eff_07-01-2026.csv');
const MCD_MUE_CSV = join(FIXTURES, 'MCD_MUE_PractitionerServices_Eff_07-01-2026.csv');
const PTP_ZIP = join(FIXTURES, 'medicare-ncci-2026q3-practitioner-ptp-edits-ccipra-v322r0-f1.zip');
const PTP_TXT = join(FIXTURES, 'ccipra-v322r0-f1.txt');

// A Medicare home visit: 96366 with 99601 (a synthetic indicator-0 pair) and with 99602 (indicator 1), and 4 units of
// 99602 (synthetic MUE 3, MAI 3).
const claimFile = join(work, 'claim.json');
writeFileSync(
  claimFile,
  JSON.stringify({
    claimId: 'NCCI-CLI-1',
    payer: { id: 'MCARE', type: 'medicare' },
    patient: { memberId: 'M-000' },
    billingProvider: { npi: '1234567893' },
    placeOfService: '12',
    lines: [
      { lineNumber: 1, procedureCode: '99601', units: 1, serviceDate: '2020-03-02' },
      { lineNumber: 2, procedureCode: '96366', units: 1, serviceDate: '2020-03-02' },
      { lineNumber: 3, procedureCode: '99602', units: 4, serviceDate: '2020-03-02' },
    ],
  }),
);

const ncciFindings = (stdout: string) =>
  (JSON.parse(stdout.trimEnd().split('\n')[0] ?? '{}') as ScrubResult).findings.filter((f) => f.ruleId.startsWith('NCCI-')).map((f) => [f.ruleId, f.severity, f.lineNumber]);

describe('claim-scrubber scrub with NCCI tables', () => {
  it('loads CMS\'s zips (or the files in them) and checks the claim against them', () => {
    const expected = [
      ['NCCI-PTP', 'error', 2],
      ['NCCI-PTP', 'warning', 2],
      ['NCCI-MUE', 'warning', 3],
    ];
    const zips = run(['scrub', '--json', '--ncci-mue', MUE_ZIP, '--ncci-ptp', PTP_ZIP, claimFile]);
    expect(zips.stderr).toBe('');
    expect(ncciFindings(zips.stdout)).toEqual(expected);
    const files = run(['scrub', '--json', '--ncci-mue', MUE_CSV, '--ncci-mue', MCD_MUE_CSV, '--ncci-ptp', PTP_TXT, claimFile]);
    expect(ncciFindings(files.stdout)).toEqual(expected);
  });

  it('names the tables in the report\'s last line', () => {
    const report = run(['scrub', '--ncci-mue', MUE_ZIP, '--ncci-ptp', PTP_ZIP, claimFile]);
    expect(report.code).toBe(1);
    expect(report.stdout).toContain('NCCI-PTP');
    expect(report.stdout).toMatch(/· NCCI edits MUE medicare practitioner 2026-07-01; PTP medicare practitioner v322r0 · ruleset /);
  });

  it('says nothing about NCCI without the tables', () => {
    const plain = run(['scrub', '--json', claimFile]);
    expect(ncciFindings(plain.stdout)).toEqual([]);
    expect(run(['scrub', claimFile]).stdout).not.toContain('NCCI edits');
  });

  it('exits 2 naming a file that is missing, not the layout, or has a bad row', () => {
    const missing = run(['scrub', '--ncci-mue', join(work, 'no-such.csv'), claimFile]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^claim-scrubber scrub: cannot read MUE file .*no-such\.csv: ENOENT/);
    expect(missing.stdout).toBe('');

    const swapped = run(['scrub', '--ncci-mue', PTP_TXT, claimFile]);
    expect(swapped.code).toBe(2);
    expect(swapped.stderr).toContain('ccipra-v322r0-f1.txt: no MUE header row found (this file is tab-delimited; the MUE table is comma-separated); expected a CMS MUE table');

    const badRow = join(work, 'MCR_MUE_PractitionerServices_Eff_10-01-2026.csv');
    writeFileSync(badRow, 'HCPCS/CPT Code,Practitioner Services MUE Values,MUE Adjudication Indicator,MUE Rationale\r\n99601,1,"7 Unknown",Synthetic test value\r\n');
    const bad = run(['scrub', '--ncci-mue', badRow, claimFile]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('1 problem; nothing loaded:\n  line 2: MUE adjudication indicator "7 Unknown" is not 1, 2 or 3');
  });

  it('needs a file name after the option', () => {
    const usage = run(['scrub', claimFile, '--ncci-ptp']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--ncci-ptp');
  });
});
