import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ScrubResult } from '../shared/claim/result.ts';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'claim-scrubber.js');
const ESCAPES = '\u001b[31m\u001b]0;title\u0007\r\u009b';
/** Any control character but the line feeds that end lines. */
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

function run(args: string[], input: string | Buffer) {
  const child = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

const claim = JSON.parse(readFileSync(join(ROOT, 'examples/01-clean-suite-visit.json'), 'utf8')) as { payer: Record<string, unknown> } & Record<string, unknown>;
// A payer id the policy does not know is quoted by PAYER-POLICY-UNKNOWN; a line that is not JSON is quoted by JSON.parse.
const hostileJson = `${JSON.stringify({ ...claim, claimId: 'HI-HOSTILE-1', payer: { ...claim.payer, id: `EVIL${ESCAPES}` } })}\n{"claimId":"HI-HOSTILE-2","x":tru${ESCAPES}}\n`;
const X12 = readFileSync(join(ROOT, 'test/fixtures/x12/x12_home_infusion_claims.txt'), 'latin1');
const hostileX12 = X12.replace('SBR*P*18*GRP100******CI~', `SBR*P*18*GRP100******C${ESCAPES}~`).replace('NTE*ADD*', `NTE*ADD*${ESCAPES}`);

describe('scrub never echoes control characters from the input to the terminal', () => {
  it.each([
    ['claim JSON', hostileJson],
    ['X12 837P', hostileX12],
  ])('%s: the report, the counts and the --json results hold none, and say what was there', (_name, input) => {
    const report = run(['scrub', '-'], input);
    expect(report.code).toBe(1);
    expect(report.stdout).not.toMatch(RAW_CONTROL);
    expect(report.stderr).not.toMatch(RAW_CONTROL);
    expect(report.stdout).toContain('\\u001b[31m');

    const json = run(['scrub', '--json', '-'], input);
    expect(json.stdout).not.toMatch(RAW_CONTROL);
    const results = json.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as ScrubResult);
    expect(results.length).toBeGreaterThan(1);
  });

  it('an unreadable-file message quoting the file is escaped too', () => {
    const { code, stdout, stderr } = run(['scrub', '-'], X12.replace('SE*99*0001', `SE*99*0${ESCAPES}`));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('claim-scrubber scrub: malformed X12 envelope: segment 101: SE02 0\\u001b[31m\\u001b]0;title\\u0007\\u000d\\u009b does not match ST02 0001\n');
  });
});

describe('scrub of what is not a claims file', () => {
  it('a zipped claim file: exit 2 and one line naming it, not a report of rejected claims', () => {
    const zipped = Buffer.from(zipSync({ 'claims.json': new Uint8Array(Buffer.from(JSON.stringify(claim))) }));
    expect(run(['scrub', '-'], zipped)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'claim-scrubber scrub: the file looks like a ZIP archive (an Excel .xlsx or Word .docx file is one), not claims: send a claim JSON, X12 837P or FHIR R4 text file\n',
    });
  });

  it('an X12 file cut short: exit 2, the claim it broke off in and how many came before', () => {
    const cut = X12.slice(0, X12.indexOf('CLM*HI-X12-0003') + 40);
    const { code, stderr } = run(['scrub', '-'], cut);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^claim-scrubber scrub: the X12 file is cut short: the file ends in the middle of claim 3 .*: 2 claims were read before the break;/);
  });
});
