import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateQueueCommand, PurgeQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { submitCommand } from '../cli/commands/submit.ts';
import { EMULATOR_CREDENTIALS } from '../shared/aws/clients.ts';
import { startSqsSns, type SqsSnsEmulator } from '../local/emulators.ts';
import { receiveAll } from '../local/outputs.ts';
import { CuttableProxy, type CutMode } from './support/cuttable-proxy.ts';
import { cleanClaim } from './pipeline/support/claims.ts';

const CLAIMS = 300;
const claimId = (index: number) => `MID-${String(index + 1).padStart(4, '0')}`;

let sqsSns: SqsSnsEmulator;
let sqs: SQSClient;
let queueUrl: string;
let dir: string;
let file: string;

beforeAll(async () => {
  sqsSns = await startSqsSns({ port: 0, host: '127.0.0.1', region: 'us-east-1' });
  sqs = new SQSClient({ region: 'us-east-1', endpoint: sqsSns.url, credentials: EMULATOR_CREDENTIALS });
  queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'claims-intake' }))).QueueUrl as string;
  dir = mkdtempSync(join(tmpdir(), 'submit-mid-file-'));
  file = join(dir, 'claims.ndjson');
  writeFileSync(file, Array.from({ length: CLAIMS }, (_, i) => JSON.stringify(cleanClaim(claimId(i)))).join('\n') + '\n');
});

afterAll(async () => {
  sqs?.destroy();
  await sqsSns?.stop();
  rmSync(dir, { recursive: true, force: true });
});

afterEach(async () => {
  vi.restoreAllMocks();
  await sqs.send(new PurgeQueueCommand({ QueueUrl: queueUrl }));
});

/** Runs submit in this process through the proxy; what it printed, progress included, and how long it took. */
async function submitThrough(proxy: CuttableProxy): Promise<{ code: number; lines: string[]; progress: string[]; ms: number }> {
  const lines: string[] = [];
  const progress: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    progress.push(String(chunk));
    return true;
  });
  const started = Date.now();
  const code = await submitCommand([file, '--endpoint-url', proxy.url]);
  return { code, lines, progress, ms: Date.now() - started };
}

/** The claim positions (1-based) a summary line lists: `#1–40, #51`. */
function positions(lines: string[], label: string): number[] {
  const line = lines.find((l) => l.startsWith(`  ${label}: `));
  if (!line) return [];
  const [, count, ranges] = new RegExp(`^  ${label}: (\\d+)(?: \\((.*)\\))?$`).exec(line) ?? [];
  const found = (ranges ?? '').split(', ').filter(Boolean).flatMap((range) => {
    const [from, to] = range.replace('#', '').split('–').map(Number) as [number, number | undefined];
    return Array.from({ length: (to ?? from) - from + 1 }, (_, i) => from + i);
  });
  expect(found, line).toHaveLength(Number(count));
  return found;
}

async function claimIdsOnQueue(): Promise<Set<string>> {
  const messages = await receiveAll(sqs, queueUrl, { remove: true });
  return new Set(messages.map((m) => (JSON.parse(m.Body ?? '{}') as { claimId: string }).claimId));
}

describe('claim-scrubber submit when the queue stops answering partway through a file', () => {
  it.each<[CutMode, string]>([
    ['destroy', 'the endpoint goes away (connections reset, then refused)'],
    ['silence', 'the endpoint stops answering (connections stay open, no answer)'],
  ])('%s: %s — gives up within seconds, never shows 100 percent, and says exactly what was sent, what may have arrived and what was not sent', async (mode) => {
    const proxy = await CuttableProxy.start({ targetPort: sqsSns.port, marker: 'AmazonSQS.SendMessageBatch', cutAt: 5, mode });
    try {
      const { code, lines, progress, ms } = await submitThrough(proxy);
      expect(proxy.cut).toBe(true);
      expect(code).toBe(4);
      expect(ms).toBeLessThan(20_000);

      // The last line says what went wrong and what to do.
      expect(lines.at(-1)).toMatch(new RegExp(`^claim-scrubber submit: stopped partway through the file: the SQS endpoint ${proxy.url} stopped answering \\(.+\\)\\. .*send the file again`));
      const sent = positions(lines, 'sent');
      const unknown = positions(lines, 'unknown — may have arrived');
      const notSent = positions(lines, 'not sent');
      expect(sent.length + unknown.length + notSent.length).toBe(CLAIMS);
      expect(new Set([...sent, ...unknown, ...notSent]).size).toBe(CLAIMS);
      // The answer to the 5th batch was dropped after the queue had taken it: those claims arrived, unconfirmed.
      expect(unknown.length).toBeGreaterThanOrEqual(10);
      expect(notSent.length).toBeGreaterThan(0);

      const onQueue = await claimIdsOnQueue();
      for (const position of sent) expect(onQueue, `sent claim #${position}`).toContain(claimId(position - 1));
      for (const position of notSent) expect(onQueue, `claim #${position}, reported not sent`).not.toContain(claimId(position - 1));
      expect(unknown.some((position) => onQueue.has(claimId(position - 1)))).toBe(true);

      // Progress counts claims the queue confirmed, so a run that stopped short never reads 100 %.
      expect(progress.join('')).not.toMatch(/100%/);
      expect(progress.join('')).toContain(`${sent.length}/${CLAIMS}`);
    } finally {
      await proxy.close();
    }
  }, 60_000);

  it('a run the proxy never cuts: every claim sent, progress ends at 100 %, exit 0', async () => {
    const proxy = await CuttableProxy.start({ targetPort: sqsSns.port, marker: 'AmazonSQS.SendMessageBatch', cutAt: Number.POSITIVE_INFINITY, mode: 'destroy' });
    try {
      const { code, lines, progress } = await submitThrough(proxy);
      expect(code).toBe(0);
      expect(lines.at(-1)).toMatch(new RegExp(`^Sent ${CLAIMS} of ${CLAIMS} claims to `));
      expect(progress.join('')).toContain(`${CLAIMS}/${CLAIMS} (100%)`);
      expect((await claimIdsOnQueue()).size).toBe(CLAIMS);
    } finally {
      await proxy.close();
    }
  }, 60_000);
});
