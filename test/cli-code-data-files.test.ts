import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ScrubResult } from '../shared/claim/result.ts';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'claim-scrubber.js');
const work = mkdtempSync(join(tmpdir(), 'claim-scrubber-codes-'));

function run(args: string[]) {
  const child = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

// The release as CMS publishes it: the bundled code file zipped with its read-me.
const releaseZip = join(work, '2020-alpha-numeric-hcpcs-file.zip');
writeFileSync(
  releaseZip,
  zipSync({
    'HCPC2020_ANWEB_w_disclaimer.txt': readFileSync(join(ROOT, 'data/hcpcs/HCPC2020_ANWEB_w_disclaimer.txt')),
    'HCPC2020_README.txt': readFileSync(join(ROOT, 'data/hcpcs/HCPC2020_README.txt')),
  }),
);
// A made-up description: the AMA's CPT descriptors are licensed.
const cptFile = join(work, 'my-cpt.csv');
writeFileSync(cptFile, 'code,description,effective date\n96365,Test infusion first hour,2020-01-01\n');
// The clean example with a CPT infusion line the project's own records do not hold.
const claimFile = join(work, 'claim.json');
const example = JSON.parse(readFileSync(join(ROOT, 'examples/01-clean-suite-visit.json'), 'utf8')) as { lines: Array<Record<string, unknown>> };
example.lines.push({ lineNumber: example.lines.length + 1, procedureCode: '96365', units: 1, serviceDate: '2020-03-02' });
writeFileSync(claimFile, JSON.stringify(example));

const findingsOn = (stdout: string, lineNumber: number) =>
  (JSON.parse(stdout.trimEnd().split('\n')[0] ?? '{}') as ScrubResult).findings.filter((f) => f.lineNumber === lineNumber).map((f) => f.ruleId);

describe('claim-scrubber scrub with a release zip and a CPT file', () => {
  const cptLine = example.lines.length;

  it('reads the CMS zip and the CPT file, and says which release, its dates and the CPT file', () => {
    const report = run(['scrub', '--codes', releaseZip, '--cpt', cptFile, claimFile]);
    expect(report.stderr).toBe('');
    expect(report.stdout).toContain('Code release HCPCS-2020 (covers 2020-01-01 to 2020-12-31; CPT file my-cpt.csv) · payer policy');

    const withCpt = run(['scrub', '--json', '--codes', releaseZip, '--cpt', cptFile, claimFile]);
    // With the CPT file the code is known and valid that day; without it the rules flag it (how is the rules' call).
    expect(findingsOn(withCpt.stdout, cptLine)).toEqual([]);
    const without = run(['scrub', '--json', '--codes', releaseZip, claimFile]);
    expect(findingsOn(without.stdout, cptLine)).not.toEqual([]);
  });

  it('says the bundled release\'s dates, and that no CPT file is loaded', () => {
    expect(run(['scrub', 'examples/01-clean-suite-visit.json']).stdout).toContain('Code release HCPCS-2020 (covers 2020-01-01 to 2020-12-31; no CPT file)');
  });

  it('dates a release whose file name does not, from --release-date and --covers-through', () => {
    const undated = join(work, 'codes.txt');
    copyFileSync(join(ROOT, 'data/hcpcs/HCPC2020_ANWEB_w_disclaimer.txt'), undated);
    const { stdout } = run(['scrub', '--codes', undated, '--release-date', '2020-04-01', '--covers-through', '2020-06-30', 'examples/01-clean-suite-visit.json']);
    expect(stdout).toContain('Code release codes (covers 2020-04-01 to 2020-06-30; no CPT file)');
    const half = run(['scrub', '--codes', undated, '--release-date', '2020-04-01', 'examples/01-clean-suite-visit.json']);
    expect(half.code).toBe(2);
    expect(half.stderr).toMatch(/does not say through when it applies.*--covers-through/);
  });

  it('exits 2 naming the bad line of a CPT file', () => {
    const bad = join(work, 'bad-cpt.tsv');
    writeFileSync(bad, '96365\tTest infusion\n9636\tTest short code\n');
    const { code, stderr, stdout } = run(['scrub', '--cpt', bad, 'examples/01-clean-suite-visit.json']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`claim-scrubber scrub: CPT file ${bad}: 1 problem; nothing loaded:\n  line 2: code "9636" is not a CPT code`);
  });
});
