import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { GetQueueAttributesCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, expect, test } from 'vitest';
import { generateClaims } from '../../bench/generate-claims.ts';
import { EMULATOR_CREDENTIALS } from '../../shared/aws/clients.ts';
import { DEFAULT_NAMES } from '../../shared/aws/config.ts';
import { receiveAll } from '../../local/outputs.ts';
import { ALERT_INBOX_QUEUE } from '../../local/resources.ts';
import { ROOT } from '../support/run-node.ts';

const CLAIMS = 2_000;
const dataDir = mkdtempSync(join(tmpdir(), 'kill-restart-'));
const inbox = join(dataDir, 'inbox');
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** `npm start -- --serve` on the test's data folder; resolves with its SQS endpoint once the pipeline runs. */
async function startServing(): Promise<{ child: ChildProcess; endpoint: string; output: () => string }> {
  const args = ['--disable-warning=ExperimentalWarning', 'local/start.ts', '--serve', '--no-worklist', '--data-dir', dataDir, '--inbox', inbox, '--dynamodb-port', '0', '--sqs-port', '0'];
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', POWERTOOLS_METRICS_DISABLED: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let text = '';
  child.stdout?.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (text += d.toString()));
  const deadline = Date.now() + 60_000;
  while (!text.includes('The pipeline is running')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the stack did not start:\n${text}`);
    await sleep(100);
  }
  return { child, endpoint: /SQS\/SNS endpoint\s+(http:\/\/\S+)/.exec(text)?.[1] as string, output: () => text };
}

function sqsAt(endpoint: string): SQSClient {
  return new SQSClient({ region: 'us-east-1', endpoint, credentials: EMULATOR_CREDENTIALS });
}

async function queueCounts(sqs: SQSClient, name: string): Promise<{ visible: number; inFlight: number; url: string }> {
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
  return { visible: Number(Attributes?.ApproximateNumberOfMessages ?? 0), inFlight: Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0), url: QueueUrl as string };
}

async function routedSoFar(sqs: SQSClient): Promise<number> {
  const [review, clean] = await Promise.all([queueCounts(sqs, DEFAULT_NAMES.reviewQueue), queueCounts(sqs, DEFAULT_NAMES.cleanQueue)]);
  return review.visible + clean.visible;
}

interface Routed {
  claimId: string;
  billingNpi: string | null;
  deduplicationId: string;
  result: { medicareDenialRisk: boolean };
}

test(`kill -9 of npm start -- --serve with ${CLAIMS.toLocaleString('en-US')} claims in flight, restarted on the same data: every claim routed, and every copy carries the deduplication id of the first`, async () => {
  const claims = generateClaims(CLAIMS, 11).map((claim, i) => ({ ...claim, claimId: `KR-${String(i).padStart(5, '0')}` }));
  const first = await startServing();
  const sqs1 = sqsAt(first.endpoint);
  writeFileSync(join(inbox, 'claims.ndjson'), `${claims.map((c) => JSON.stringify(c)).join('\n')}\n`);
  const killDeadline = Date.now() + 120_000;
  let routedAtKill: number;
  while ((routedAtKill = await routedSoFar(sqs1)) < CLAIMS / 5) {
    if (Date.now() > killDeadline) throw new Error(`nothing routed:\n${first.output()}`);
    await sleep(50);
  }
  first.child.kill('SIGKILL');
  await new Promise((done) => first.child.once('close', done));
  sqs1.destroy();

  const second = await startServing();
  const sqs = sqsAt(second.endpoint);
  // Done when the intake queue is empty and nothing new was routed for a while.
  let last = -1;
  let quietSince = Date.now();
  const deadline = Date.now() + 240_000;
  for (;;) {
    const intake = await queueCounts(sqs, DEFAULT_NAMES.intakeQueue);
    const routed = await routedSoFar(sqs);
    if (routed !== last) [last, quietSince] = [routed, Date.now()];
    if (intake.visible + intake.inFlight === 0 && routed >= CLAIMS && Date.now() - quietSince > 4_000) break;
    if (Date.now() > deadline) throw new Error(`not drained: ${routed} routed, intake ${JSON.stringify(intake)}\n${second.output()}`);
    await sleep(250);
  }

  const take = async (name: string) => receiveAll(sqs, (await queueCounts(sqs, name)).url, { remove: true });
  const routed = [...(await take(DEFAULT_NAMES.reviewQueue)), ...(await take(DEFAULT_NAMES.cleanQueue))].map((m) => JSON.parse(m.Body ?? '{}') as Routed);
  const alerts = (await take(ALERT_INBOX_QUEUE)).map((m) => JSON.parse(m.Body ?? '{}') as { deduplicationId: string });
  const dlq = await take(DEFAULT_NAMES.intakeDlq);
  sqs.destroy();

  const byClaim = new Map<string, Set<string>>();
  for (const m of routed) byClaim.set(m.claimId, new Set([...(byClaim.get(m.claimId) ?? []), m.deduplicationId]));
  const lost = claims.filter((c) => !byClaim.has(c.claimId)).map((c) => c.claimId);
  const withTwoIds = [...byClaim].filter(([, ids]) => ids.size > 1).map(([id]) => id);
  const uniqueAlerts = new Set(alerts.map((a) => a.deduplicationId));
  const riskIds = new Set(routed.filter((m) => m.result.medicareDenialRisk).map((m) => m.deduplicationId));
  console.log(
    `kill -9 after ${routedAtKill} of ${CLAIMS} routed, restart: ${byClaim.size} claims routed, lost ${lost.length}, DLQ ${dlq.length}; ` +
      `raw messages ${routed.length} (${routed.length - byClaim.size} copies, each with its first's deduplication id); alerts ${alerts.length} for ${riskIds.size} claims (${alerts.length - uniqueAlerts.size} copies)`,
  );

  expect(lost).toEqual([]);
  expect(dlq).toEqual([]);
  expect(byClaim.size).toBe(CLAIMS);
  expect(withTwoIds).toEqual([]);
  expect([...uniqueAlerts].sort()).toEqual([...riskIds].sort());
  expect(routedAtKill).toBeLessThan(CLAIMS);
}, 420_000);
