import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runNode } from './support/run-node.ts';

const work = mkdtempSync(join(tmpdir(), 'npm-start-ncci-'));
const FIXTURES = join(ROOT, 'test', 'fixtures', 'ncci');

function npmStart(args: string[]) {
  return runNode(['--disable-warning=ExperimentalWarning', 'local/start.ts', ...args, '--in-memory', '--dynamodb-port', '0', '--sqs-port', '0']);
}

describe('npm start -- --ncci-mue <file> --ncci-ptp <file>', () => {
  it('loads the NCCI tables with the bundled release, says so at start-up, and scrubs with them', async () => {
    // A Medicaid claim billing 3 units of 99601 in a day: over the synthetic Medicaid MUE of 2.
    const claim = JSON.parse(readFileSync(join(ROOT, 'examples/01-clean-suite-visit.json'), 'utf8')) as Record<string, unknown>;
    Object.assign(claim, {
      claimId: 'START-NCCI-1',
      payer: { id: 'STMCD', type: 'medicaid' },
      placeOfService: '12',
      lines: [{ lineNumber: 1, procedureCode: '99601', units: 1, serviceDate: '2020-03-02' }, { lineNumber: 2, procedureCode: '99601', units: 2, serviceDate: '2020-03-02' }],
    });
    const claimFile = join(work, 'claim.json');
    writeFileSync(claimFile, JSON.stringify(claim));

    const run = await npmStart([
      claimFile,
      '--ncci-mue', join(FIXTURES, 'MCR_MUE_PractitionerServices_Eff_07-01-2026.csv'),
      '--ncci-mue', join(FIXTURES, 'MCD_MUE_PractitionerServices_Eff_07-01-2026.csv'),
      '--ncci-ptp', join(FIXTURES, 'medicare-ncci-2026q3-practitioner-ptp-edits-ccipra-v322r0-f1.zip'),
      '--details',
    ]);
    expect(run.code, run.stderr).not.toBe(2);
    expect(run.stderr).toContain('Code release       HCPCS-2020');
    expect(run.stderr).toContain('NCCI edits         MUE medicare practitioner 2026-07-01; MUE medicaid practitioner 2026-07-01; PTP medicare practitioner v322r0');
    expect(run.stdout).toContain('NCCI-MUE');
  }, 90_000);

  it('says when no NCCI tables are loaded', async () => {
    const run = await npmStart([join(ROOT, 'examples/01-clean-suite-visit.json')]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('NCCI edits         none loaded');
  }, 90_000);

  it('stops before starting anything when an NCCI file is bad', async () => {
    const bad = join(work, 'MCR_MUE_PractitionerServices_Eff_07-01-2026.csv');
    writeFileSync(bad, 'not an MUE table\n');
    const run = await npmStart(['--ncci-mue', bad]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^npm start: .*MCR_MUE_PractitionerServices_Eff_07-01-2026\.csv/m);
    expect(run.stderr).not.toContain('DynamoDB endpoint');
  }, 30_000);
});
