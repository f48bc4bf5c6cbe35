import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServing, type Serving } from '../../local/serve.ts';
import { cleanClaim, flaggedClaim } from '../pipeline/support/claims.ts';
import { ScriptedFaults } from '../pipeline/support/faults.ts';
import { startHarness, type Harness } from '../pipeline/support/harness.ts';

const faults = new ScriptedFaults().crash('SV-POISON', 'received', 'always');
let h: Harness;
let serving: Serving | undefined;
let inbox: string;
const lines: string[] = [];

async function until(predicate: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; printed:\n${lines.join('\n')}`);
    await sleep(100);
  }
}

beforeAll(async () => {
  h = await startHarness({ faults, maxReceiveCount: 2 });
  inbox = mkdtempSync(join(tmpdir(), 'serve-visibility-'));
  // An earlier run: routed before the view starts, and still waiting on the output queues.
  await h.submit([cleanClaim('SV-EARLY-1'), flaggedClaim('SV-EARLY-2'), flaggedClaim('SV-EARLY-3')]);
  await h.drain();
  serving = await startServing(h.stack, { inboxDir: inbox, bucket: 'serve-visibility', print: (line) => lines.push(line), paint: (_style, text) => text });
});

afterAll(async () => {
  await serving?.stop();
  await h?.stop();
  rmSync(inbox, { recursive: true, force: true });
});

describe('what --serve shows beyond the claims it sees routed', () => {
  test('on start: how many messages already wait on the review and clean queues', () => {
    expect(lines[0]).toBe('Waiting already: 2 messages on the review queue (claims-review), 1 on the clean queue (claims-clean): routed before this view started; nothing here receives them.');
  });

  test('claims routed before the view attached are listed too, once', async () => {
    await until(() => lines.some((l) => l.includes('so far: 3 claims')), 'the three claims routed before the view');
    for (const id of ['SV-EARLY-1', 'SV-EARLY-2', 'SV-EARLY-3']) expect(lines.filter((l) => l.startsWith(`claim ${id} `))).toHaveLength(1);
  });

  test('a delivery skipped as already scrubbed gets a line of its own', async () => {
    await h.submit([flaggedClaim('SV-EARLY-2')]);
    await h.drain();
    await until(() => lines.some((l) => l.startsWith('claim SV-EARLY-2  already scrubbed')), 'the duplicate line');
    expect(lines).toContain('claim SV-EARLY-2  already scrubbed: not routed again (same claim, same content)');
    expect(lines.filter((l) => l.startsWith('claim SV-EARLY-2 '))).toHaveLength(2);
  });

  test('an older version of a claim, delivered after the newer one, gets a line saying it was not routed', async () => {
    await h.submit([{ body: JSON.stringify(flaggedClaim('SV-EARLY-3')).replace('"M-000"', '"M-OLD"'), claimId: 'SV-EARLY-3', attributes: { claimVersion: '2020-01-01T00:00:00.000Z#000000000' } }]);
    await h.drain();
    await until(() => lines.some((l) => l.startsWith('claim SV-EARLY-3  older version')), 'the outdated line');
    expect(lines).toContain('claim SV-EARLY-3  older version (2020-01-01T00:00:00.000Z#000000000) not routed: a newer version of this claim is already scrubbed');
  });

  test('a message that lands in the DLQ is shown with the last error the scrub function reported for it', async () => {
    const [messageId] = await h.submit([cleanClaim('SV-POISON')]);
    await until(() => lines.some((l) => l.startsWith('dead letter')), 'the dead-letter line', 40_000);
    expect(lines).toContain(`dead letter: claim SV-POISON (message ${messageId}) moved to claims-intake-dlq after 2 failed deliveries: InjectedCrash: injected crash at received`);
  }, 60_000);
});
