import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createS3Client } from '../../shared/aws/s3-client.ts';
import { fhirPath, x12Path } from './support.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const AWS_V1 = /^aws-cli\/1\./.test(spawnSync('aws', ['--version'], { encoding: 'utf8' }).stdout ?? '');

let child: ChildProcess;
let stdout = '';
let stderr = '';
let inbox: string;
let endpoint: string;

async function until(predicate: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\nstdout:\n${stdout}\nstderr:\n${stderr}`);
    await sleep(100);
  }
}

// `npm start -- --serve` as a user runs it: the inbox folder, the S3 inbox, and a line per routed claim.
beforeAll(async () => {
  inbox = mkdtempSync(join(tmpdir(), 'serve-inbox-'));
  child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', 'local/start.ts', '--serve', '--worklist-port', '0', '--in-memory', '--dynamodb-port', '0', '--sqs-port', '0', '--inbox', inbox], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  await until(() => stderr.includes('The pipeline is running'), 'the stack to start');
  endpoint = /SQS\/SNS endpoint\s+(http:\/\/\S+)/.exec(stderr)?.[1] as string;
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGINT');
    await new Promise((done) => child.once('close', done));
  }
  rmSync(inbox, { recursive: true, force: true });
});

describe('npm start -- --serve', () => {
  test('tells where files go: the inbox folder, and the S3 inbox with the aws CLI command', () => {
    expect(stderr).toContain(`Drop a claims file (claim JSON, NDJSON, X12 837P, FHIR) in ${inbox}/: it moves to ${inbox}/processed/ with its report.`);
    expect(stderr).toContain(`aws --endpoint-url ${endpoint} s3 cp claims.837 s3://claims-inbox/incoming/`);
  });

  test('a file dropped in the inbox folder: one line for the file, one per claim as it is routed, running totals; no member data', async () => {
    copyFileSync(x12Path('x12_home_infusion_claims.txt'), join(inbox, 'home-infusion.837'));
    await until(() => stdout.includes('so far: 5 claims'), 'five routed claims');
    expect(stdout).toContain(`inbox home-infusion.837: X12 837P, 5 claims read, 5 sent, 0 rejected → ${join(inbox, 'processed', 'home-infusion.837.report.json')}`);
    expect(stdout).toContain('claim HI-X12-0004  CLEAN → clean queue  no findings');
    expect(stdout).toMatch(/claim HI-X12-0002 {2}FLAGGED → review queue {2}MEDICARE-NONCOVERED, SS-MEDICARE, .* {2}MEDICARE DENIAL RISK/);
    expect(stdout).toContain('so far: 5 claims: 2 clean 3 flagged 0 rejected · 1 with Medicare denial risk');
    const text = readFileSync(x12Path('x12_home_infusion_claims.txt'), 'latin1');
    const phi = [...text.matchAll(/NM1\*(?:IL|QC)\*1\*([A-Z]+)\*([A-Z]+)(?:\*{4}MI\*(\w+))?/g)].flatMap((m) => m.slice(1).filter(Boolean));
    const births = [...text.matchAll(/DMG\*D8\*(\d{8})/g)].map((m) => m[1]);
    expect(phi.length).toBeGreaterThan(5);
    for (const value of [...phi, ...births]) expect(stdout, value as string).not.toContain(value);
  }, 40_000);

  test('a file put in the local S3 inbox goes through the intake-files function', async () => {
    const s3 = createS3Client({ region: 'us-east-1', endpoints: { s3: endpoint } }, {});
    try {
      await s3.send(new PutObjectCommand({ Bucket: 'claims-inbox', Key: 'incoming/bundle.json', Body: readFileSync(fhirPath('bundle-claims.json')) }));
    } finally {
      s3.destroy();
    }
    await until(() => stdout.includes('so far: 9 claims'), 'the bundle’s four claims');
    expect(stdout).toContain(
      's3 s3://claims-inbox/incoming/bundle.json: FHIR R4, 4 claims read, 4 sent, 2 rejected (2 by the FHIR R4 reader, 0 by the claim contract) → s3://claims-inbox/reports/incoming/bundle.json.report.json',
    );
    expect(stdout).toContain('claim HI-FHIR-0104  REJECTED → review queue  CLAIM-INVALID');
  }, 40_000);

  test.skipIf(!AWS_V1)('the aws CLI v1 uploads to the S3 inbox and reads the report back', async () => {
    const env = { ...process.env, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '' };
    const aws = (...args: string[]) => spawnSync('aws', ['--endpoint-url', endpoint, ...args], { cwd: ROOT, env, encoding: 'utf8' });
    const upload = aws('s3', 'cp', 'test/fixtures/x12/x12_valid.txt', 's3://claims-inbox/incoming/');
    expect(upload.status, upload.stderr).toBe(0);
    await until(() => stdout.includes('s3 s3://claims-inbox/incoming/x12_valid.txt'), 'the uploaded file');
    const report = aws('s3', 'cp', 's3://claims-inbox/reports/incoming/x12_valid.txt.report.json', '-');
    expect(report.status, report.stderr).toBe(0);
    expect(JSON.parse(report.stdout)).toMatchObject({ file: 'incoming/x12_valid.txt', claimsRead: 2, rejectedByReader: 2, rejectedByContract: 0 });
  }, 40_000);

  test('serves the review worklist on 127.0.0.1, says where on a line that says "worklist", and it holds the flagged claims routed above', async () => {
    const url = /Review worklist: (http:\/\/127\.0\.0\.1:\d+)\//.exec(stderr)?.[1] as string;
    expect(url).toBeDefined();
    const [, username, password] = /^ {2}(biller) +(\S+) +reviewer at Riverbend Home Infusion$/m.exec(stderr) ?? [];
    expect(username).toBe('biller');
    expect((await fetch(`${url}/api/me`)).status).toBe(401);
    const signIn = await fetch(`${url}/auth/token`, { method: 'POST', body: JSON.stringify({ username, password }) });
    const { token } = (await signIn.json()) as { token: string };
    const list = await fetch(`${url}/api/worklist/query`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: '{}' });
    const { items } = (await list.json()) as { items: Array<{ claimId: string }> };
    expect(items.map((i) => i.claimId)).toEqual(expect.arrayContaining(['HI-X12-0002']));
  });

  test('Ctrl-C stops it cleanly', async () => {
    child.kill('SIGINT');
    const code = await new Promise<number | null>((done) => child.once('close', done));
    expect(code).toBe(0);
    expect(stderr).toContain('Stopping…');
  }, 20_000);
});
