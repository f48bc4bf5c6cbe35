import { describe, expect, it } from 'vitest';
import type { IntakeDelivery } from '../../shared/application/intake-record.ts';
import type { ScrubPorts } from '../../shared/application/ports.ts';
import { ScrubBatch, type RecordOutcome, type ScrubObserver } from '../../shared/application/scrub-batch.ts';
import type { StoredResult } from '../../shared/application/stored-result.ts';
import { claimVersion } from '../../shared/intake/claim-version.ts';
import { cleanClaim, flaggedClaim, medicareSuiteClaim } from '../pipeline/support/claims.ts';
import { ScriptedFaults } from '../pipeline/support/faults.ts';
import { TEST_CLAIM_REFERENCE_KEY } from '../support/claim-reference-key.ts';
import { InMemoryScrubPorts } from '../support/in-memory-scrub-ports.ts';
import { withFaults } from '../support/port-faults.ts';

let nextId = 1;
function delivery(claim: object | string, options: { receiveCount?: number; version?: string } = {}): IntakeDelivery {
  return {
    messageId: `m-${nextId++}`,
    body: typeof claim === 'string' ? claim : JSON.stringify(claim),
    receiveCount: options.receiveCount ?? 1,
    attributes: options.version ? { claimVersion: options.version } : {},
  };
}
const again = (d: IntakeDelivery, receiveCount = 2): IntakeDelivery => ({ ...d, receiveCount });

function recordingObserver() {
  const events: string[] = [];
  const observer: ScrubObserver = {
    routed: (record, result, destination) => events.push(`routed ${record.trackingId} ${result.status} ${destination}`),
    duplicate: (record) => events.push(`duplicate ${record.trackingId}`),
    outdated: (record, outcome) => events.push(`${outcome} ${record.trackingId}`),
    alertCompleted: (record) => events.push(`alert-completed ${record.trackingId}`),
    alertUnmarked: (record) => events.push(`alert-unmarked ${record.trackingId}`),
    failed: (record) => events.push(`failed ${record.trackingId}`),
  };
  return { events, observer };
}

/** Runs one batch through the service as the scrub function does: every record on its own. */
async function runBatch(ports: ScrubPorts, deliveries: IntakeDelivery[], observer = recordingObserver().observer) {
  const batch = new ScrubBatch(deliveries, ports, observer, { resultRetentionDays: 400, deadline: Date.now() + 5_000, claimReferenceKey: TEST_CLAIM_REFERENCE_KEY });
  return Promise.allSettled(deliveries.map((d) => batch.process(d)));
}

const outcomes = (settled: PromiseSettledResult<RecordOutcome>[]) => settled.map((s) => (s.status === 'fulfilled' ? s.value : 'failed'));
const rowOf = (ports: InMemoryScrubPorts, claimId: string): StoredResult | undefined => [...ports.rows.values()].find((r) => r.claimId === claimId);
const alertBodies = (ports: InMemoryScrubPorts) => ports.alerts.map((a) => JSON.parse(a.body) as { claimReference: string; deduplicationId: string });

describe('the scrub service (in-memory ports)', () => {
  it('routes clean claims to the clean queue, flagged and rejected ones to review, alerts on Medicare denial, and records a row for each', async () => {
    const ports = new InMemoryScrubPorts();
    const { events, observer } = recordingObserver();
    const settled = await runBatch(ports, [delivery(cleanClaim('A-CLEAN')), delivery(flaggedClaim('A-FLAG')), delivery(medicareSuiteClaim('A-MCR')), delivery('not json')], observer);
    expect(outcomes(settled)).toEqual(['routed', 'routed', 'routed', 'routed']);
    expect(ports.routed('clean')).toEqual(['A-CLEAN']);
    expect(ports.routed('review').slice(0, 2).sort()).toEqual(['A-FLAG', 'A-MCR']);
    expect(ports.routed('review')[2]).toMatch(/^message-m-/);
    expect(ports.alerts).toHaveLength(1);
    expect([...ports.rows.values()].map((r) => [r.claimId.replace(/^message-.*/, 'message'), r.status, r.destination]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['A-CLEAN', 'clean', 'clean'],
      ['A-FLAG', 'flagged', 'review'],
      ['A-MCR', 'flagged', 'review'],
      ['message', 'rejected', 'review'],
    ]);
    expect(rowOf(ports, 'A-MCR')?.alert).toBe('sent');
    expect(rowOf(ports, 'A-CLEAN')?.alert).toBeUndefined();
    expect(events).toContain('routed A-CLEAN clean clean');
    expect(ports.reads).toBe(1);
  });

  it('names the claim in its alert by a keyed reference, never by its claim id, and the review message carries the same reference and deduplication id', async () => {
    const ports = new InMemoryScrubPorts();
    await runBatch(ports, [delivery(medicareSuiteClaim('PCN-SECRET-42'))]);
    const [alert] = ports.alerts;
    expect(alert?.body).not.toContain('PCN-SECRET-42');
    expect(JSON.stringify(alert?.attributes)).not.toContain('PCN-SECRET-42');
    const review = JSON.parse(ports.sent.review[0]?.body ?? '{}') as { claimReference: string; deduplicationId: string };
    expect(alertBodies(ports)[0]).toMatchObject({ claimReference: review.claimReference, deduplicationId: review.deduplicationId });
    expect(review.claimReference).toMatch(/^cr-[0-9a-f]{20}$/);
  });

  it('links the alert to the claim in the worklist by its reference when there is a worklist', async () => {
    const ports = new InMemoryScrubPorts();
    const batch = new ScrubBatch([], ports, recordingObserver().observer, {
      resultRetentionDays: 400,
      deadline: Date.now() + 5_000,
      claimReferenceKey: TEST_CLAIM_REFERENCE_KEY,
      worklistUrl: 'https://worklist.example.org/',
    });
    await batch.process(delivery(medicareSuiteClaim('PCN-LINKED')));
    const alert = JSON.parse(ports.alerts[0]?.body ?? '{}') as { claimReference: string; link: string; text: string };
    expect(alert.link).toBe(`https://worklist.example.org/#/claims/${alert.claimReference}`);
    expect(alert.text).toContain(alert.link);
    expect(ports.alerts[0]?.body).not.toContain('PCN-LINKED');
  });

  it('a redelivery of a recorded claim is skipped; a corrected claim under the same id is routed again', async () => {
    const ports = new InMemoryScrubPorts();
    const first = delivery(flaggedClaim('B-1'));
    await runBatch(ports, [first]);
    expect(outcomes(await runBatch(ports, [again(first)]))).toEqual(['duplicate']);
    expect(outcomes(await runBatch(ports, [delivery(cleanClaim('B-1'))]))).toEqual(['routed']);
    expect(ports.routed('clean')).toEqual(['B-1']);
    expect(rowOf(ports, 'B-1')?.status).toBe('clean');
    // The review queue hears that the claim it holds came back clean: the same message as the clean queue's.
    expect(ports.routed('review')).toEqual(['B-1', 'B-1']);
    expect(ports.sent.review[1]?.body).toBe(ports.sent.clean[0]?.body);
    expect(JSON.parse(ports.sent.review[1]?.body ?? '{}')).toMatchObject({ result: { status: 'clean' } });
  });

  it('a claim clean from the start, or clean again, does not reach the review queue', async () => {
    const ports = new InMemoryScrubPorts();
    await runBatch(ports, [delivery(cleanClaim('B-2'))]);
    await runBatch(ports, [delivery({ ...cleanClaim('B-2'), submittedAt: '2026-03-02T09:30:00Z' })]);
    expect(ports.routed('clean')).toEqual(['B-2', 'B-2']);
    expect(ports.routed('review')).toEqual([]);
  });

  it('the same claim in other bytes (keys reordered, spaces added) is the same claim: skipped as a duplicate', async () => {
    const ports = new InMemoryScrubPorts();
    const claim = flaggedClaim('B-BYTES');
    await runBatch(ports, [delivery(claim)]);
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(claim).reverse()), null, 2);
    expect(outcomes(await runBatch(ports, [delivery(reordered)]))).toEqual(['duplicate']);
    expect(ports.routed('review')).toEqual(['B-BYTES']);
  });

  it('two submitters with the same claim id are two claims: each routed, each with its own row', async () => {
    const ports = new InMemoryScrubPorts();
    const ours = flaggedClaim('1001');
    const theirs = { ...cleanClaim('1001'), billingProvider: { npi: '1245319599' } };
    expect(outcomes(await runBatch(ports, [delivery(ours), delivery(theirs)]))).toEqual(['routed', 'routed']);
    const rows = [...ports.rows.values()].filter((r) => r.claimId === '1001');
    expect(new Map(rows.map((r) => [r.billingNpi, r.status]))).toEqual(new Map([['1245319599', 'clean'], [ours.billingProvider.npi, 'flagged']]));
  });

  it('an older version delivered after a newer one (a redrive after a correction) is not routed and does not overwrite the newer row', async () => {
    const ports = new InMemoryScrubPorts();
    const older = delivery(flaggedClaim('S-1'), { version: claimVersion(Date.parse('2026-11-01T10:00:00Z'), 3) });
    const newer = delivery(cleanClaim('S-1'), { version: claimVersion(Date.parse('2026-11-02T10:00:00Z'), 0) });
    const { events, observer } = recordingObserver();
    expect(outcomes(await runBatch(ports, [newer], observer))).toEqual(['routed']);
    expect(outcomes(await runBatch(ports, [again(older, 4)], observer))).toEqual(['stale']);
    expect(events).toContain('stale S-1');
    expect(ports.routed('review')).toEqual([]);
    expect(rowOf(ports, 'S-1')).toMatchObject({ status: 'clean', version: newer.attributes.claimVersion });
  });

  it('within one file, the later copy of a claim id is the newer version', async () => {
    const ports = new InMemoryScrubPorts();
    const at = Date.parse('2026-11-01T10:00:00Z');
    const later = delivery(cleanClaim('S-2'), { version: claimVersion(at, 8) });
    const earlier = delivery(flaggedClaim('S-2'), { version: claimVersion(at, 2) });
    await runBatch(ports, [later]);
    expect(outcomes(await runBatch(ports, [earlier]))).toEqual(['stale']);
    expect(rowOf(ports, 'S-2')?.status).toBe('clean');
  });

  it('an older version racing a newer one (recorded between its read and its row) is routed but loses the row: superseded', async () => {
    const ports = new InMemoryScrubPorts();
    const newerRow = { version: claimVersion(Date.parse('2026-11-05T00:00:00Z')) };
    const racing: ScrubPorts = {
      codeData: ports.codeData,
      openBatch: () => {
        const writes = ports.openBatch();
        return {
          ...writes,
          results: {
            ...writes.results,
            record: async (row) => {
              ports.rows.set(row.resultKey, { ...row, ...newerRow, contentHash: 'newer-content' });
              return writes.results.record(row);
            },
          },
        };
      },
    };
    const older = delivery(flaggedClaim('S-3'), { version: claimVersion(Date.parse('2026-11-01T00:00:00Z')) });
    expect(outcomes(await runBatch(racing, [older]))).toEqual(['superseded']);
    expect(rowOf(ports, 'S-3')?.contentHash).toBe('newer-content');
    // It went out before the newer row appeared; its claimVersion lets a consumer keep the newer one.
    const routed = JSON.parse(ports.sent.review[0]?.body ?? '{}') as { claimVersion: string };
    expect(routed.claimVersion < newerRow.version).toBe(true);
  });

  it('the same message twice in one batch is routed once', async () => {
    const ports = new InMemoryScrubPorts();
    const copy = delivery(cleanClaim('C-1'));
    expect(outcomes(await runBatch(ports, [copy, { ...copy, messageId: 'm-copy' }]))).toEqual(['routed', 'duplicate']);
    expect(ports.routed('clean')).toEqual(['C-1']);
  });

  it('a crash before the outputs: nothing goes out, no row, the record fails alone and its redelivery routes it once', async () => {
    const ports = new InMemoryScrubPorts();
    const faulty = withFaults(ports, new ScriptedFaults().crash('D-CRASH', 'received'));
    const crashing = delivery(medicareSuiteClaim('D-CRASH'));
    expect(outcomes(await runBatch(faulty, [delivery(cleanClaim('D-OK')), crashing]))).toEqual(['routed', 'failed']);
    expect(ports.alerts).toEqual([]);
    expect(ports.routed('review')).toEqual([]);
    expect(rowOf(ports, 'D-CRASH')).toBeUndefined();
    expect(rowOf(ports, 'D-OK')).toBeDefined();
    expect(outcomes(await runBatch(faulty, [again(crashing)]))).toEqual(['routed']);
    expect(ports.routed('review')).toEqual(['D-CRASH']);
    expect(ports.alerts).toHaveLength(1);
  });

  it('a crash after the outputs and before the row: the redelivery routes the claim again, with the same deduplication id, and alerts once', async () => {
    const ports = new InMemoryScrubPorts();
    const faulty = withFaults(ports, new ScriptedFaults().crash('E-1', 'routed'));
    const once = delivery(medicareSuiteClaim('E-1'));
    expect(outcomes(await runBatch(faulty, [once, delivery(cleanClaim('E-OK'))]))).toEqual(['failed', 'routed']);
    expect(rowOf(ports, 'E-1')).toBeUndefined();
    expect(ports.alerts).toEqual([]);
    await runBatch(faulty, [again(once)]);
    expect(ports.routed('review')).toEqual(['E-1', 'E-1']);
    expect(new Set(ports.sent.review.map((m) => m.attributes.deduplicationId)).size).toBe(1);
    expect(ports.alerts).toHaveLength(1);
  });

  it('a crash after the row and before the alert: the redelivery sends the alert, once, and does not route the claim again', async () => {
    const ports = new InMemoryScrubPorts();
    const faulty = withFaults(ports, new ScriptedFaults().crash('F-ALERT', 'recorded'));
    const once = delivery(medicareSuiteClaim('F-ALERT'));
    expect(outcomes(await runBatch(faulty, [once]))).toEqual(['failed']);
    expect(rowOf(ports, 'F-ALERT')?.alert).toBe('pending');
    expect(ports.alerts).toEqual([]);
    expect(outcomes(await runBatch(faulty, [again(once)]))).toEqual(['alert-completed']);
    expect(outcomes(await runBatch(faulty, [again(once, 3)]))).toEqual(['duplicate']);
    expect(ports.routed('review')).toEqual(['F-ALERT']);
    expect(ports.alerts).toHaveLength(1);
    expect(rowOf(ports, 'F-ALERT')?.alert).toBe('sent');
  });

  it('a crash after the alert and before its mark: the redelivery alerts again with the same deduplication id (the one window left)', async () => {
    const ports = new InMemoryScrubPorts();
    const faulty = withFaults(ports, new ScriptedFaults().crash('F-MARK', 'alerted'));
    const once = delivery(medicareSuiteClaim('F-MARK'));
    expect(outcomes(await runBatch(faulty, [once]))).toEqual(['failed']);
    expect(outcomes(await runBatch(faulty, [again(once)]))).toEqual(['alert-completed']);
    expect(ports.routed('review')).toEqual(['F-MARK']);
    expect(new Set(alertBodies(ports).map((a) => a.deduplicationId)).size).toBe(1);
    expect(ports.alerts).toHaveLength(2);
  });

  it('a crash after the last write: the redelivery is skipped as a duplicate, so the claim is routed once', async () => {
    const ports = new InMemoryScrubPorts();
    const faulty = withFaults(ports, new ScriptedFaults().crash('F-1', 'committed'));
    const once = delivery(flaggedClaim('F-1'));
    expect(outcomes(await runBatch(faulty, [once]))).toEqual(['failed']);
    expect(outcomes(await runBatch(faulty, [again(once)]))).toEqual(['duplicate']);
    expect(ports.routed('review')).toEqual(['F-1']);
  });

  it('an alert that went out but could not be marked sent does not fail the claim (failing would alert again): it is reported', async () => {
    const ports = new InMemoryScrubPorts();
    const faulty = withFaults(ports, new ScriptedFaults().crash('F-2', 'committed'));
    const { events, observer } = recordingObserver();
    expect(outcomes(await runBatch(faulty, [delivery(medicareSuiteClaim('F-2'))], observer))).toEqual(['routed']);
    expect(events).toContain('alert-unmarked F-2');
    expect(ports.alerts).toHaveLength(1);
  });

  it('the code data source failing fails every record of the batch, with nothing sent', async () => {
    const ports = new InMemoryScrubPorts();
    const down: ScrubPorts = { openBatch: () => ports.openBatch(), codeData: { read: () => Promise.reject(new Error('DynamoDB unreachable')) } };
    const { events, observer } = recordingObserver();
    expect(outcomes(await runBatch(down, [delivery(cleanClaim('G-1')), delivery(flaggedClaim('G-2'))], observer))).toEqual(['failed', 'failed']);
    expect(events.sort()).toEqual(['failed G-1', 'failed G-2']);
    expect(ports.routed('clean')).toEqual([]);
  });
});

describe('a claim too large for a queue message', () => {
  it('is routed by claim check: its full message kept aside, a pointer sent, its small neighbours routed as they are', async () => {
    const ports = new InMemoryScrubPorts(undefined, { maxMessageBytes: 3_000 });
    const base = flaggedClaim('BIG-1');
    const big = { ...base, lines: Array.from({ length: 40 }, (_, i) => ({ ...base.lines[0], lineNumber: i + 1 })) };
    const small = cleanClaim('SMALL-1');
    const bigBody = JSON.stringify(big);
    expect(Buffer.byteLength(bigBody)).toBeGreaterThan(3_000);
    expect(Buffer.byteLength(JSON.stringify(small))).toBeLessThan(1_500);
    expect(outcomes(await runBatch(ports, [delivery(big), delivery(small)]))).toEqual(['routed', 'routed']);
    const pointer = JSON.parse(ports.sent.review[0]?.body ?? '{}') as { claimCheck: { key: string }; claimId: string; result: { status: string; ruleIds: string[] } };
    expect(pointer).toMatchObject({ claimId: 'BIG-1', result: { status: 'flagged' } });
    expect(ports.sent.review[0]?.attributes.claimCheck).toBe('true');
    const kept = JSON.parse(ports.claimChecks.get(pointer.claimCheck.key) ?? '{}') as { claim: { claimId: string }; result: { findings: unknown[] } };
    expect(kept.claim.claimId).toBe('BIG-1');
    expect(kept.result.findings.length).toBeGreaterThan(0);
    expect(JSON.parse(ports.sent.clean[0]?.body ?? '{}')).toHaveProperty('claim');
  });
});

describe('the Medicare-denial alert', () => {
  it('goes out only after the claim reached its queue: a claim the outbox refused raises none, and its redelivery raises one', async () => {
    const ports = new InMemoryScrubPorts();
    let refuse = true;
    const flaky: ScrubPorts = {
      codeData: ports.codeData,
      openBatch: () => {
        const writes = ports.openBatch();
        return {
          ...writes,
          outbox: { fits: writes.outbox.fits, send: (destination, message) => (refuse ? Promise.reject(new Error('SQS unreachable')) : writes.outbox.send(destination, message)) },
        };
      },
    };
    const once = delivery(medicareSuiteClaim('H-MCR'));
    expect(outcomes(await runBatch(flaky, [once]))).toEqual(['failed']);
    expect(ports.alerts).toEqual([]);
    refuse = false;
    expect(outcomes(await runBatch(flaky, [again(once)]))).toEqual(['routed']);
    expect(ports.alerts).toHaveLength(1);
  });
});
