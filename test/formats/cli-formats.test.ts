import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScrubResult } from '../../shared/claim/result.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'claim-scrubber.js');

function run(args: string[], input?: string) {
  const child = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

const ndjson = (stdout: string) => stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as ScrubResult);

describe('claim-scrubber scrub with X12 and FHIR input', () => {
  it('detects X12 by content, reports each claim, and prints the file counts to stderr', () => {
    const { code, stdout, stderr } = run(['scrub', 'test/fixtures/x12/x12_home_infusion_claims.txt']);
    expect(code).toBe(1);
    expect(stdout).toContain('Claim HI-X12-0002  FLAGGED  MEDICARE DENIAL RISK');
    expect(stdout).toContain('Claim HI-X12-0004  CLEAN');
    expect(stdout).toContain('Claim HI-X12-0001  CLEAN');
    expect(stdout).toContain('5 claims: 2 clean 3 flagged 0 rejected · 1 with Medicare denial risk');
    expect(stderr).toBe('test/fixtures/x12/x12_home_infusion_claims.txt: X12 837P (1 interchange, 1 functional group, 1 transaction set): 5 claims read, 0 rejected while reading\n');
  });

  it('--json keeps stdout pure NDJSON, one result per claim in file order, rejections naming their position', () => {
    const { code, stdout, stderr } = run(['scrub', '--json', 'test/fixtures/x12/x12_home_infusion_rejects.txt']);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    const results = ndjson(stdout);
    expect(results.map((r) => [r.claimId, r.status])).toEqual([
      ['HI-X12-0101', 'clean'],
      ['HI-X12-0102', 'rejected'],
      ['HI-X12-0103', 'rejected'],
      ['HI X12/0104', 'rejected'],
      ['HI-X12-0105', 'rejected'],
      ['HI-X12-0106', 'rejected'],
      ['HI-X12-0107', 'rejected'],
    ]);
    expect(results[1]?.findings[0]?.message).toBe(
      'X12 interchange ISA13 000000201, group GS06 201, transaction ST02 0001, claim CLM01 HI-X12-0102 at segment 20 of the transaction (segment 22 of the file): ' +
        'The claim breaks the contract in 1 place: line 1 DTP*472 (segment 22): the service date is required',
    );
  });

  it('reads X12 from standard input and lists what it left out', () => {
    const { code, stderr } = run(['scrub', '-'], readFileSync(join(ROOT, 'test/fixtures/x12/x12_valid.txt'), 'utf8'));
    expect(code).toBe(1);
    expect(stderr).toContain('standard input: X12 837P (1 interchange, 1 functional group, 1 transaction set): 2 claims read, 2 rejected while reading');
    expect(stderr).toContain('  note: ICD-9-CM codes (HI BK/BF) are not valid for service dates from 2015-10-01 and were not carried (2×)');
  });

  it('a malformed envelope rejects the whole file: exit 2, nothing on stdout', () => {
    const { code, stdout, stderr } = run(['scrub', '--json', 'test/fixtures/x12/x12_bad_first_line.txt']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('claim-scrubber scrub: malformed ISA header: ISA02 is 9 characters long but must be exactly 10 (the ISA is fixed-width, 106 characters)\n');
    expect(run(['scrub', 'test/fixtures/x12/x12_no_isa_line.txt']).stderr).toContain('X12 data must begin with an ISA interchange header');
  });

  it('detects a FHIR Bundle and scrubs its Claims', () => {
    const { code, stdout } = run(['scrub', '--json', 'test/fixtures/fhir/bundle-claims.json']);
    expect(code).toBe(1);
    expect(ndjson(stdout).map((r) => [r.claimId, r.status, r.medicareDenialRisk])).toEqual([
      ['HI-FHIR-0101', 'flagged', true],
      ['HI-FHIR-0102', 'flagged', false],
      ['HI-FHIR-0103', 'rejected', false],
      ['HI-FHIR-0104', 'rejected', false],
    ]);
  });

  it('--format forces a reading, and an unknown format is a usage error', () => {
    const forced = run(['scrub', '--format', 'json', 'test/fixtures/x12/x12_valid.txt']);
    expect(forced.code).toBe(2);
    expect(forced.stderr).toContain('the input is neither JSON nor NDJSON claims');
    const fhir = run(['scrub', '--json', '--format', 'fhir', 'test/fixtures/fhir/claim-suite-commercial.json']);
    expect(ndjson(fhir.stdout).map((r) => r.claimId)).toEqual(['HI-FHIR-0001']);
    const bad = run(['scrub', '--format', 'csv', 'examples/01-clean-suite-visit.json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format must be one of json, x12, fhir, got "csv"');
  });

  it('never prints member names, ids or birth dates, in either mode', () => {
    const report = run(['scrub', 'test/fixtures/x12/x12_home_infusion_rejects.txt']);
    const json = run(['scrub', '--json', 'test/fixtures/x12/x12_home_infusion_rejects.txt']);
    const garbled = run(['scrub', '--format', 'x12', '-'], 'NM1*IL*1*RIVERA*DANA****MI*XZW000101~');
    for (const output of [report.stdout, report.stderr, json.stdout, json.stderr, garbled.stderr]) {
      for (const phi of ['RIVERA', 'DANA', 'XZW000101', '19610231', '1961-02-31']) expect(output).not.toContain(phi);
    }
    expect(garbled.stderr).toBe('claim-scrubber scrub: no ISA at the start of the file: X12 data must begin with an ISA interchange header; this input begins with a NM1 segment\n');
  });

  it('a missing file is still exit 2 with the file named', () => {
    const { code, stderr } = run(['scrub', 'no/such/file.x12']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^claim-scrubber scrub: cannot read no\/such\/file\.x12: ENOENT/);
  });
});
