import { appendFileSync, copyFileSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { sendToIntake } from '../../shared/aws/intake.ts';
import type { FileReport } from '../../shared/intake/file-report.ts';
import { InboxFolder, PROCESSED_DIR, type FolderFileOutcome } from '../../local/inbox-folder.ts';
import { RoutingFeed } from '../../local/routing-feed.ts';
import { cleanClaim, medicareSuiteClaim } from '../pipeline/support/claims.ts';
import { startHarness, type Harness, type Outputs } from '../pipeline/support/harness.ts';
import { fhirPath, renamedClaims, x12Path } from './support.ts';

let h: Harness;
let dir: string;
let inbox: InboxFolder;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inbox-'));
  inbox = new InboxFolder({ dir, settleMs: 200, pollMs: 50, send: (messages) => sendToIntake(h.stack.clients.sqs, h.stack.resources.intakeQueueUrl, messages) });
  await inbox.start();
  return async () => {
    await inbox.stop();
    rmSync(dir, { recursive: true, force: true });
  };
});

const processed = () => readdirSync(join(dir, PROCESSED_DIR)).sort();
const report = (name: string) => JSON.parse(readFileSync(join(dir, PROCESSED_DIR, `${name}.report.json`), 'utf8')) as FileReport;
const statuses = (out: Outputs) => [...out.review, ...out.clean].map((m) => [m.claimId, m.result.status]).sort();

async function waitForProcessed(count: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (processed().filter((name) => name.endsWith('.report.json')).length < count) {
    if (Date.now() > deadline) throw new Error(`only ${processed().join(', ')} processed`);
    await sleep(50);
  }
}

describe('the local inbox folder', () => {
  test('home-infusion 837P and FHIR, an imsweb 837P and a broken file: each moves to processed/ with its report, and its claims reach the queues', async () => {
    copyFileSync(x12Path('x12_home_infusion_claims.txt'), join(dir, 'home-infusion.837'));
    copyFileSync(fhirPath('bundle-claims.json'), join(dir, 'bundle.json'));
    copyFileSync(x12Path('x12_valid.txt'), join(dir, 'imsweb.837'));
    copyFileSync(x12Path('x12_bad_first_line.txt'), join(dir, 'bad-isa.837'));
    await waitForProcessed(4);
    expect(processed()).toEqual([
      'bad-isa.837',
      'bad-isa.837.report.json',
      'bundle.json',
      'bundle.json.report.json',
      'home-infusion.837',
      'home-infusion.837.report.json',
      'imsweb.837',
      'imsweb.837.report.json',
    ]);
    expect(readdirSync(dir)).toEqual([PROCESSED_DIR]);

    expect(report('home-infusion.837')).toMatchObject({ file: 'home-infusion.837', status: 'processed', format: 'x12', claimsRead: 5, sent: 5, rejected: [] });
    expect(report('bundle.json')).toMatchObject({ format: 'fhir', claimsRead: 4, sent: 4, rejectedByReader: 2 });
    // The imsweb claims' billing NPI 1234567890 fails the check digit: the reader names it at its segment.
    expect(report('imsweb.837')).toMatchObject({
      claimsRead: 2,
      rejectedByReader: 2,
      rejected: [
        { claimId: 'A37YH556', stage: 'reader', errors: [{ path: '2010AA NM1*85 NM109 (segment 7)', message: 'NPI "1234567890" fails the NPI check digit' }] },
        { claimId: 'A37YH667', stage: 'reader' },
      ],
    });
    expect(report('bad-isa.837')).toMatchObject({
      status: 'unreadable',
      sent: 0,
      error: { message: 'malformed ISA header: ISA02 is 9 characters long but must be exactly 10 (the ISA is fixed-width, 106 characters)', claimsBefore: 0 },
    });

    await h.drain();
    const out = await h.takeOutputs();
    expect(statuses(out)).toEqual(
      [
        ['HI-X12-0001', 'clean'],
        ['HI-X12-0002', 'flagged'],
        ['HI-X12-0003', 'flagged'],
        ['HI-X12-0004', 'clean'],
        ['HI-X12-0005', 'flagged'],
        ['HI-FHIR-0101', 'flagged'],
        ['HI-FHIR-0102', 'flagged'],
        ['HI-FHIR-0103', 'rejected'],
        ['HI-FHIR-0104', 'rejected'],
        ['A37YH556', 'rejected'],
        ['A37YH667', 'rejected'],
      ].sort(),
    );
    expect(out.alerts.map((a) => a.claimId).sort()).toEqual(['HI-FHIR-0101', 'HI-X12-0002']);
    expect(out.review.find((m) => m.claimId === 'A37YH556')?.result.findings[0]?.message).toBe(
      'X12 interchange ISA13 000000905, group GS06 1, transaction ST02 987654, claim CLM01 A37YH556 at segment 20 of the transaction (segment 22 of the file): ' +
        'The claim breaks the contract in 1 place: 2010AA NM1*85 NM109 (segment 7): NPI "1234567890" fails the NPI check digit',
    );
  });

  test('waits for a file to be completely written: a file still growing is not read half-way', async () => {
    await inbox.stop();
    const text = renamedClaims('x12_home_infusion_claims.txt', 'GROW-');
    const half = text.indexOf('CLM*GROW-0003');
    const seen: FolderFileOutcome[] = [];
    const still = new InboxFolder({ dir, settleMs: 1_000, send: (m) => sendToIntake(h.stack.clients.sqs, h.stack.resources.intakeQueueUrl, m), onFile: (o) => seen.push(o) });
    const t0 = Date.now();
    writeFileSync(join(dir, 'growing.837'), text.slice(0, half));
    expect(await still.poll(t0)).toEqual([]);
    expect(await still.poll(t0 + 900)).toEqual([]);
    appendFileSync(join(dir, 'growing.837'), text.slice(half));
    // The size changed: its settle time starts again.
    expect(await still.poll(t0 + 1_100)).toEqual([]);
    expect(await still.poll(t0 + 1_900)).toEqual([]);
    const [outcome] = await still.poll(t0 + 2_200);
    expect(outcome && 'report' in outcome && outcome.report).toMatchObject({ status: 'processed', claimsRead: 5, sent: 5 });
    expect(seen).toHaveLength(1);
    await h.drain();
    expect(statuses(await h.takeOutputs()).map(([id]) => id)).toEqual(['GROW-0001', 'GROW-0002', 'GROW-0003', 'GROW-0004', 'GROW-0005']);
  });

  test('a file that failed, once gone, does not keep a later file of its name from being read', async () => {
    await inbox.stop();
    const path = join(dir, 'vanishing.837');
    let vanish = true;
    const folder = new InboxFolder({
      dir,
      settleMs: 1_000,
      send: async (m) => {
        // The first time, the file is taken away while its claims are sent: it cannot be moved to processed/.
        if (vanish) rmSync(path);
        vanish = false;
        return sendToIntake(h.stack.clients.sqs, h.stack.resources.intakeQueueUrl, m);
      },
    });
    const t0 = Date.now();
    writeFileSync(path, renamedClaims('x12_home_infusion_claims.txt', 'GONE-'));
    await folder.poll(t0);
    const [failed] = await folder.poll(t0 + 1_100);
    expect(failed && 'error' in failed && failed.error).toMatch(/ENOENT/);
    expect(await folder.poll(t0 + 1_200)).toEqual([]);
    writeFileSync(path, renamedClaims('x12_home_infusion_claims.txt', 'BACK-'));
    await folder.poll(t0 + 1_300);
    const [read] = await folder.poll(t0 + 2_400);
    expect(read && 'report' in read && read.report).toMatchObject({ status: 'processed', claimsRead: 5, sent: 5 });
    await h.drain();
    expect(statuses(await h.takeOutputs()).filter(([id]) => id?.startsWith('BACK-'))).toHaveLength(5);
  });

  test('a file first seen while another was being read still waits its whole settle time', async () => {
    await inbox.stop();
    const folder = new InboxFolder({
      dir,
      settleMs: 1_000,
      send: async (m) => {
        await sleep(1_500);
        return sendToIntake(h.stack.clients.sqs, h.stack.resources.intakeQueueUrl, m);
      },
    });
    writeFileSync(join(dir, 'a-slow.837'), renamedClaims('x12_home_infusion_claims.txt', 'SLOW-'));
    await folder.poll();
    await sleep(1_100);
    // Listed with a-slow.837, b-next.837 is first looked at once a-slow.837 has been read, 1.5 s later.
    writeFileSync(join(dir, 'b-next.837'), renamedClaims('x12_home_infusion_claims.txt', 'NEXT-'));
    expect((await folder.poll()).map((o) => o.name)).toEqual(['a-slow.837']);
    expect((await folder.poll()).map((o) => o.name)).toEqual([]);
    await sleep(1_100);
    expect((await folder.poll()).map((o) => o.name)).toEqual(['b-next.837']);
    await h.drain();
    await h.takeOutputs();
  }, 20_000);

  test('a file copied under a partial name is read once renamed; a second file of the same name is kept beside the first', async () => {
    writeFileSync(join(dir, 'batch.837.part'), renamedClaims('x12_home_infusion_claims.txt', 'PART-'));
    await sleep(500);
    expect(processed()).toEqual([]);
    renameSync(join(dir, 'batch.837.part'), join(dir, 'batch.837'));
    await waitForProcessed(1);
    writeFileSync(join(dir, 'batch.837'), renamedClaims('x12_home_infusion_claims.txt', 'AGAIN-'));
    await waitForProcessed(2);
    expect(processed()).toEqual(['batch-2.837', 'batch-2.837.report.json', 'batch.837', 'batch.837.report.json']);
    expect(report('batch-2.837')).toMatchObject({ file: 'batch.837', claimsRead: 5 });
    await h.drain();
    expect(statuses(await h.takeOutputs())).toHaveLength(10);
  });
});

// What `--serve` prints a line for: each claim as the scrub function routes it, whichever way it came in.
describe('the routing feed', () => {
  test('lists each routed claim once, a corrected claim again, and a redelivery never; totals add up', async () => {
    await h.drain();
    await h.takeOutputs();
    const feed = new RoutingFeed({ ddb: h.stack.clients.dynamodb, table: h.stack.resources.names.resultsTable });
    await h.submit([cleanClaim('FEED-1'), medicareSuiteClaim('FEED-2')]);
    await h.drain();
    expect((await feed.poll()).map((c) => [c.claimId, c.status, c.destination, c.medicareDenialRisk])).toEqual(
      expect.arrayContaining([
        ['FEED-1', 'clean', 'clean', false],
        ['FEED-2', 'flagged', 'review', true],
      ]),
    );
    // The same message again: the scrubber skips it and writes no row. A corrected claim is routed again.
    await h.submit([cleanClaim('FEED-1'), { ...medicareSuiteClaim('FEED-2'), payer: { id: 'BVPPO', type: 'commercial' } }]);
    await h.drain();
    const again = await feed.poll();
    expect(again.map((c) => [c.claimId, c.status])).toEqual([['FEED-2', 'clean']]);
    expect(again[0]?.ruleIds).toEqual(expect.any(Array));
    expect(await feed.poll()).toEqual([]);
    expect(feed.totals).toEqual({ routed: 3, clean: 2, flagged: 1, rejected: 0, medicareDenialRisk: 1 });
    await h.takeOutputs();
  });
});
