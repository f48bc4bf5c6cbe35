import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ROOT, runNode } from './support/run-node.ts';

const work = mkdtempSync(join(tmpdir(), 'npm-start-codes-'));

function npmStart(args: string[]) {
  return runNode(['--disable-warning=ExperimentalWarning', 'local/start.ts', ...args, '--in-memory', '--dynamodb-port', '0', '--sqs-port', '0']);
}

describe('npm start -- --codes <zip> --cpt <file>', () => {
  it('loads that release with the CPT file, says so at start-up, and scrubs with it', async () => {
    const zip = join(work, 'hcpcs-2020.zip');
    writeFileSync(zip, zipSync({ 'HCPC2020_ANWEB_w_disclaimer.txt': readFileSync(join(ROOT, 'data/hcpcs/HCPC2020_ANWEB_w_disclaimer.txt')), 'HCPC2020_README.txt': readFileSync(join(ROOT, 'data/hcpcs/HCPC2020_README.txt')) }));
    // A made-up description: the AMA's CPT descriptors are licensed.
    const cpt = join(work, 'my-cpt.csv');
    writeFileSync(cpt, '96365,Test infusion first hour\n');
    const claim = JSON.parse(readFileSync(join(ROOT, 'examples/01-clean-suite-visit.json'), 'utf8')) as { claimId: string; lines: Array<Record<string, unknown>> };
    claim.claimId = 'START-CPT-1';
    claim.lines.push({ lineNumber: claim.lines.length + 1, procedureCode: '96365', units: 1, serviceDate: '2020-03-02' });
    const claimFile = join(work, 'claim.json');
    writeFileSync(claimFile, JSON.stringify(claim));

    const run = await npmStart([claimFile, '--codes', zip, '--cpt', cpt]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('Code release       HCPCS-2020 (covers 2020-01-01 to 2020-12-31; CPT file my-cpt.csv)');
    // The example stays clean with the CPT file: its 96365 line is known.
    expect(run.stdout).toContain('Claim START-CPT-1  CLEAN');
  }, 90_000);

  it('stops before starting anything when the CPT file is bad', async () => {
    const bad = join(work, 'bad.csv');
    writeFileSync(bad, 'code,description\n96365,\n');
    const run = await npmStart(['--cpt', bad]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`npm start: CPT file ${bad}: 1 problem; nothing loaded:\n  line 2: description is blank`);
    expect(run.stderr).not.toContain('DynamoDB endpoint');
  }, 30_000);
});
