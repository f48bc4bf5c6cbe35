import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScrubResult } from '../shared/claim/result.ts';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'claim-scrubber.js');
const work = mkdtempSync(join(tmpdir(), 'claim-scrubber-cli-'));

function run(args: string[], input?: string) {
  const child = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

function ndjson(stdout: string): ScrubResult[] {
  return stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as ScrubResult);
}

describe('claim-scrubber scrub', () => {
  it('prints a readable report and exits 0 when every claim is clean', () => {
    const { code, stdout } = run(['scrub', 'examples/01-clean-suite-visit.json']);
    expect(code).toBe(0);
    expect(stdout).toContain('Claim HI-2020-0001  CLEAN');
    expect(stdout).toContain('1 claim: 1 clean 0 flagged 0 rejected');
    expect(stdout).toContain('Code release HCPCS-2020');
    expect(stdout).not.toContain('\u001b[');
  });

  it('reports each finding in a table with its plain-words explanation and fix, and exits 1', () => {
    const { code, stdout } = run(['scrub', 'examples/03-medicare-suite-visit.json']);
    expect(code).toBe(1);
    expect(stdout).toContain('FLAGGED  MEDICARE DENIAL RISK');
    expect(stdout).toMatch(/│ 1 +│ error +│ SS-MEDICARE +│/);
    expect(stdout).toContain('In simple words: Medicare does not pay');
    expect(stdout).toContain('To fix: Do not bill this suite service to Medicare.');
  });

  it('--json prints one result per input claim, in input order, and nothing else', () => {
    const { code, stdout } = run(['scrub', '--json', 'examples/04-batch.ndjson']);
    expect(code).toBe(1);
    const results = ndjson(stdout);
    expect(results.map((r) => r.claimId)).toEqual(['HI-2020-0004', 'HI-2020-0005', 'HI-2020-0006', 'HI-2020-0007', 'HI-2020-0008', 'HI-2020-0009', null]);
    expect(results.at(-1)?.findings[0]?.message).toMatch(/line 7 is not valid JSON/);
  });

  it('reads a JSON array from standard input', () => {
    const claims = [JSON.parse(readFileSync(join(ROOT, 'examples/01-clean-suite-visit.json'), 'utf8')), JSON.parse(readFileSync(join(ROOT, 'examples/03-medicare-suite-visit.json'), 'utf8'))];
    const { code, stdout } = run(['scrub', '--json', '-'], JSON.stringify(claims));
    expect(code).toBe(1);
    expect(ndjson(stdout).map((r) => [r.claimId, r.status, r.medicareDenialRisk])).toEqual([
      ['HI-2020-0001', 'clean', false],
      ['HI-2020-0003', 'flagged', true],
    ]);
  });

  it('bad JSON on one line rejects that claim, not the run', () => {
    const good = readFileSync(join(ROOT, 'examples/01-clean-suite-visit.json'), 'utf8').replace(/\s*\n\s*/g, '');
    const { code, stdout } = run(['scrub', '--json', '-'], `${good}\n{"claimId": oops}\n${good}\n`);
    expect(code).toBe(1);
    expect(ndjson(stdout).map((r) => r.status)).toEqual(['clean', 'rejected', 'clean']);
  });

  it('--payer-policy replaces the bundled policy for the run', () => {
    const policy = join(work, 'policy.json');
    writeFileSync(policy, JSON.stringify({ version: 'test-1', payers: [{ id: 'BVPPO', name: 'Blue Valley PPO', type: 'commercial', acceptsSS: false }] }));
    const { code, stdout } = run(['scrub', '--json', '--payer-policy', policy, 'examples/01-clean-suite-visit.json']);
    expect(code).toBe(1);
    expect(ndjson(stdout)[0]?.findings.map((f) => f.ruleId)).toEqual(['PAYER-SS-NOT-ACCEPTED', 'PAYER-SS-NOT-ACCEPTED', 'PAYER-SS-NOT-ACCEPTED']);
  });

  it('--codes loads another CMS release of the same layout', () => {
    const { stdout } = run(['scrub', '--json', '--codes', 'data/hcpcs/HCPC2019_CONTR_ANWEB.txt', 'examples/01-clean-suite-visit.json']);
    expect(ndjson(stdout)[0]?.codeRelease).toBe('HCPCS-2019');
  });

  it.each([
    [['scrub'], /name a claims file/],
    [['scrub', 'a.json', 'b.json'], /name exactly one claims file/],
    [['scrub', '--colour', 'x.json'], /Unknown option '--colour'/],
    [['scrub', 'no-such-file.json'], /cannot read no-such-file.json/],
    [['scrub', 'package-lock.json', '--payer-policy', 'package.json'], /payer policy package.json is not a valid payer policy:\n {2}payers: is required/],
    [['scrub', 'examples/01-clean-suite-visit.json', '--codes', 'README.md'], /README.md/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['constructor'], /unknown command "constructor"/],
    [['scrub', '--payer-policy', '', 'examples/01-clean-suite-visit.json'], /--payer-policy was given an empty value/],
    [['submit', 'examples', '--endpoint-url', 'http://127.0.0.1:1'], /cannot read examples: it is a folder/],
    [['explain', 'S9500', '--payer', 'MEDICARE', '--payer-policy='], /--payer-policy was given an empty value/],
    [['submit', '--queue-url', '', '--endpoint-url', 'http://127.0.0.1:1', 'examples/01-clean-suite-visit.json'], /--queue-url was given an empty value/],
    [['load-code-data', '--hcpcs', 'data/hcpcs/HCPC2019_CONTR_ANWEB.txt', '--payer-policy', '', '--endpoint-url', 'http://127.0.0.1:1'], /--payer-policy was given an empty value/],
    [['toString'], /unknown command "toString"/],
    [[], /Usage: claim-scrubber/],
  ])('exits 2 with a clear message: %j', (args, message) => {
    const { code, stderr, stdout } = run(args);
    expect(code).toBe(2);
    expect(stderr + stdout).toMatch(message);
  });

  it.each([
    ['', /empty/],
    ['this is not json\nnor this\n', /neither JSON nor NDJSON/],
    ['[{"claimId": "A"},', /not valid JSON/],
  ])('exits 2 on unreadable input %j', (input, message) => {
    const { code, stderr } = run(['scrub', '-'], input);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});

describe('claim-scrubber explain', () => {
  it('prints the CMS record of a modifier with readable dates and the rules that concern it', () => {
    const { code, stdout } = run(['explain', 'ss']);
    expect(code).toBe(0);
    expect(stdout).toContain('Home infusion services provided in the infusion suite of the iv therapy provider');
    expect(stdout).toContain('Hit in infusion suite');
    expect(stdout).toContain('Coverage code      I (Not payable by Medicare)');
    expect(stdout).toContain('Added              October 1, 2004 (2004-10-01)');
    expect(stdout).toContain('Action code        N (No maintenance for this code)');
    for (const id of ['SS-MEDICARE', 'SS-BASE-CODE', 'SS-POS-HOME', 'DOC-INCOMPLETE', 'PAYER-SS-NOT-ACCEPTED']) expect(stdout).toContain(`${id} (`);
    expect(stdout).not.toContain('CODE-UNKNOWN (');
  });

  it('prints a procedure code with its BETOS, home-infusion status and Medicare rules', () => {
    const { stdout } = run(['explain', 'S9500']);
    expect(stdout).toMatch(/BETOS +Z2/);
    expect(stdout).toContain('Home-infusion service  yes');
    expect(stdout).toContain('MEDICARE-NONCOVERED (error)');
  });

  it('shows termination dates', () => {
    const { stdout } = run(['explain', 'A4466']);
    expect(stdout).toContain('Terminated             December 31, 2016 (2016-12-31)');
  });

  it('explains a CPT visit code from the project data without AMA text', () => {
    const { stdout } = run(['explain', '99602']);
    expect(stdout).toContain('project data file');
    expect(stdout).toContain('ADDON-NO-PRIMARY (error)');
  });

  it('explains a rule by id', () => {
    const { code, stdout } = run(['explain', 'addon-units']);
    expect(code).toBe(0);
    expect(stdout).toContain('ADDON-UNITS (error)');
    expect(stdout).toContain('Source: CPT 99602');
  });

  it('explains a payer billing setting, whatever its case: values, default, sources and the rules that read it', () => {
    const { code, stdout } = run(['explain', 'NDCREQUIRED']);
    expect(code).toBe(0);
    expect(stdout).toContain('ndcRequired (payer billing setting)');
    expect(stdout).toContain('Default: `true` for type `medicaid`, `false` for every other type');
    expect(stdout).toMatch(/Why: Federal law/);
    expect(stdout).toMatch(/Read by: /);
  });

  it('explains a payer: its record and every billing setting, the defaults marked', () => {
    const { code, stdout } = run(['explain', '--payer', 'BVPPO']);
    expect(code).toBe(0);
    expect(stdout).toContain('Blue Valley PPO');
    expect(stdout).toMatch(/perDiemDayBasis +therapy_days\n/);
    expect(stdout).toMatch(/suitePos +\["49"\] \(default\)/);
    expect(stdout).toMatch(/ndcRequired +false \(default\)/);
  });

  it('exits 1 for a payer the policy lacks, saying the defaults of its type apply, and 2 for --payer with a code', () => {
    const missing = run(['explain', '--payer', 'NOPE']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('payer NOPE is not in payer policy');
    const both = run(['explain', 'S9500', '--payer', 'BVPPO']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--payer explains a payer');
  });

  it('exits 1 for a code that is not in the release', () => {
    const { code, stderr } = run(['explain', 'S9505']);
    expect(code).toBe(1);
    expect(stderr).toContain('S9505 is not a procedure code in code release HCPCS-2020');
  });
});
