import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { submitCommand } from '../../cli/commands/submit.ts';
import { cleanClaim } from './support/claims.ts';
import { sqsEvent, sqsRecord } from './support/direct-invoke.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { lambdaContext } from '../../local/lambda-context.ts';
import { runNode } from '../support/run-node.ts';


let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

describe('entry points', () => {
  test('the Lambda entry (functions/scrub-claims/handler.ts) runs configured from process.env alone', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', undefined);
    for (const [name, value] of Object.entries(h.stack.handlerEnv)) vi.stubEnv(name, value);
    try {
      const { handler } = await import('../../functions/scrub-claims/handler.ts');
      const response = await handler(sqsEvent([sqsRecord(cleanClaim('E-ENTRY'))]), lambdaContext('scrub-claims', 'us-east-1', Date.now() + 5_000));
      expect(response).toEqual({ batchItemFailures: [] });
    } finally {
      vi.unstubAllEnvs();
    }
    expect((await h.takeOutputs()).clean.map((m) => m.claimId)).toEqual(['E-ENTRY']);
  });

  test('claim-scrubber submit sends an NDJSON file in batches and lists its line that is not JSON, unsent, to be fixed', async () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
    const code = await submitCommand([fileURLToPath(new URL('fixtures/three-claims.ndjson', import.meta.url)), '--endpoint-url', h.stack.sqsSns.url, '--queue', 'claims-intake']);
    vi.restoreAllMocks();
    expect(code).toBe(1);
    expect(errors).toContainEqual(expect.stringMatching(/^ {2}claim #3 \(line 3\) was not sent: \(claim\): line 3 is not valid JSON/));
    expect(errors.at(-1)).toMatch(/^Sent 2 of 2 claims to .*claims-intake; 1 rejected while reading the file, not sent$/);
    await h.drain();
    const out = await h.takeOutputs();
    expect(out.clean.map((m) => m.claimId)).toEqual(['FX-CLEAN']);
    expect(out.review.map((m) => [m.claimId, m.result.status])).toEqual([['FX-MEDICARE', 'flagged']]);
  });

  test('submit without a file is a usage error', async () => {
    await expect(submitCommand([])).rejects.toThrow(/name a claims file/);
  });

  test('npm start (local/start.ts) scrubs a claims file end to end, prints the summary and exits by itself', async () => {
    const fixture = fileURLToPath(new URL('fixtures/three-claims.ndjson', import.meta.url));
    const run = await runNode(['--disable-warning=ExperimentalWarning', 'local/start.ts', fixture, '--in-memory', '--dynamodb-port', '0', '--sqs-port', '0']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Claim FX-CLEAN  CLEAN');
    expect(run.stdout).toContain('Claim FX-MEDICARE  FLAGGED  MEDICARE DENIAL RISK');
    expect(run.stdout).toMatch(/3 claims: 1 clean 1 flagged 1 rejected · 1 with Medicare denial risk/);
    expect(run.stdout).toContain('Alerts raised on medicare-denial-alerts: 1');
    expect(run.stderr).toContain('DynamoDB endpoint');
    // Compact by default: a line per claim, the totals, the alerts, and where to look next.
    expect(run.stdout.trim().split('\n').length).toBeLessThanOrEqual(3 + 10);
    expect(run.stdout).not.toContain('To fix:');
    expect(run.stdout).toContain('2 claim(s) to review wait on the review queue (claims-review).');
    expect(run.stdout).toContain('npm start -- --details');
  }, 60_000);

  test('npm start -- --details prints each claim\'s findings table with the explanation and fix of each rule', async () => {
    const fixture = fileURLToPath(new URL('fixtures/three-claims.ndjson', import.meta.url));
    const run = await runNode(['--disable-warning=ExperimentalWarning', 'local/start.ts', fixture, '--details', '--in-memory', '--dynamodb-port', '0', '--sqs-port', '0']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Claim FX-MEDICARE  FLAGGED  MEDICARE DENIAL RISK');
    expect(run.stdout).toMatch(/Line\s+│\s+Severity\s+│\s+Rule\s+│\s+Finding/);
    expect(run.stdout).toContain('To fix:');
    expect(run.stdout).not.toContain('npm start -- --details');
  }, 60_000);

  test('a port already taken: npm start says how to pick others, in the form npm passes on', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = taken.address() as AddressInfo;
      const run = await runNode(['--disable-warning=ExperimentalWarning', 'local/start.ts', '--in-memory', '--dynamodb-port', String(port), '--sqs-port', '0']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('Pick other ports: npm start -- --dynamodb-port 8001 --sqs-port 4567 (0 = any free port).');
    } finally {
      taken.close();
    }
  }, 60_000);

  test('npm start reads X12 837P and FHIR files with the same ingest service as submit and the inbox drops', async () => {
    const x12 = 'test/fixtures/x12/x12_home_infusion_claims.txt';
    const fhir = 'test/fixtures/fhir/claim-suite-commercial.json';
    const run = await runNode(['--disable-warning=ExperimentalWarning', 'local/start.ts', x12, fhir, '--in-memory', '--dynamodb-port', '0', '--sqs-port', '0']);
    expect(run.stderr).not.toMatch(/neither JSON nor NDJSON/);
    expect(run.stdout).toMatch(/6 claims from 2 file\(s\) through the pipeline/);
    for (const id of ['HI-X12-0001', 'HI-X12-0005']) expect(run.stdout).toContain(`Claim ${id}`);
    expect(run.stdout).toContain(`${x12} #1 → sent to the`);
    expect(run.stdout).toContain(`${fhir} #1 → sent to the`);
    expect(run.stdout).not.toContain('NOT SCRUBBED');
  }, 60_000);
});
