import { describe, expect, it } from 'vitest';
import type { IntakeDelivery } from '../../shared/application/intake-record.ts';
import { ScrubBatch, type RecordOutcome, type ScrubObserver } from '../../shared/application/scrub-batch.ts';
import type { ScrubPorts } from '../../shared/application/ports.ts';
import { cleanClaim, flaggedClaim, medicareSuiteClaim } from '../pipeline/support/claims.ts';
import { ScriptedFaults } from '../pipeline/support/faults.ts';
import { InMemoryScrubPorts } from '../support/in-memory-scrub-ports.ts';
import { withFaults } from '../support/port-faults.ts';

let nextId = 1;
function delivery(claim: object | string, receiveCount = 1): IntakeDelivery {
  return { messageId: `m-${nextId++}`, body: typeof claim === 'string' ? claim : JSON.stringify(claim), receiveCount, attributes: {} };
}

function recordingObserver() {
  const events: string[] = [];
  const observer: ScrubObserver = {
    routed: (record, result, destination) => events.push(`routed ${record.trackingId} ${result.status} ${destination}`),
    duplicate: (record) => events.push(`duplicate ${record.trackingId}`),
    failed: (record) => events.push(`failed ${record.trackingId}`),
  };
  return { events, observer };
}

/** Runs one batch through the service as the scrub function does: every record on its own. */
async function runBatch(ports: ScrubPorts, deliveries: IntakeDelivery[], observer = recordingObserver().observer) {
  const batch = new ScrubBatch(deliveries, ports, observer, { resultRetentionDays: 400, deadline: Date.now() + 5_000 });
  return Promise.allSettled(deliveries.map((d) => batch.process(d)));
}

const outcomes = (settled: PromiseSettledResult<RecordOutcome>[]) => settled.map((s) => (s.status === 'fulfilled' ? s.value : 'failed'));

describe('the scrub service (in-memory ports)', () => {
  it('routes clean claims to the clean queue, flagged and rejected ones to review, alerts on Medicare denial, and records a row for each', async () => {
    const ports = new InMemoryScrubPorts();
    const { events, observer } = recordingObserver();
    const settled = await runBatch(ports, [delivery(cleanClaim('A-CLEAN')), delivery(flaggedClaim('A-FLAG')), delivery(medicareSuiteClaim('A-MCR')), delivery('not json')], observer);
    expect(outcomes(settled)).toEqual(['routed', 'routed', 'routed', 'routed']);
    expect(ports.routed('clean')).toEqual(['A-CLEAN']);
    expect(ports.routed('review').slice(0, 2).sort()).toEqual(['A-FLAG', 'A-MCR']);
    expect(ports.routed('review')[2]).toMatch(/^message-m-/);
    expect(ports.alerts.map((a) => a.attributes.claimId)).toEqual(['A-MCR']);
    expect([...ports.rows.values()].map((r) => [r.claimId.replace(/^message-.*/, 'message'), r.status, r.destination]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['A-CLEAN', 'clean', 'clean'],
      ['A-FLAG', 'flagged', 'review'],
      ['A-MCR', 'flagged', 'review'],
      ['message', 'rejected', 'review'],
    ]);
    expect(events).toContain('routed A-CLEAN clean clean');
    expect(ports.reads).toBe(1);
  });

  it('a redelivery of a recorded claim is skipped; a corrected claim under the same id is routed again', async () => {
    const ports = new InMemoryScrubPorts();
    const first = delivery(flaggedClaim('B-1'));
    await runBatch(ports, [first]);
    expect(outcomes(await runBatch(ports, [{ ...first, receiveCount: 2 }]))).toEqual(['duplicate']);
    expect(outcomes(await runBatch(ports, [delivery(cleanClaim('B-1'))]))).toEqual(['routed']);
    expect(ports.routed('review')).toEqual(['B-1']);
    expect(ports.routed('clean')).toEqual(['B-1']);
    expect(ports.rows.get('B-1')?.status).toBe('clean');
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
    expect(ports.rows.has('D-CRASH')).toBe(false);
    expect(ports.rows.has('D-OK')).toBe(true);
    expect(outcomes(await runBatch(faulty, [{ ...crashing, receiveCount: 2 }]))).toEqual(['routed']);
    expect(ports.routed('review')).toEqual(['D-CRASH']);
    expect(ports.alerts).toHaveLength(1);
  });

  it('a crash after the outputs and before the row: the redelivery routes the claim again (the documented duplicate window)', async () => {
    const ports = new InMemoryScrubPorts();
    const faulty = withFaults(ports, new ScriptedFaults().crash('E-1', 'routed'));
    const once = delivery(flaggedClaim('E-1'));
    expect(outcomes(await runBatch(faulty, [once, delivery(cleanClaim('E-OK'))]))).toEqual(['failed', 'routed']);
    expect(ports.rows.has('E-1')).toBe(false);
    expect(ports.rows.has('E-OK')).toBe(true);
    await runBatch(faulty, [{ ...once, receiveCount: 2 }]);
    expect(ports.routed('review')).toEqual(['E-1', 'E-1']);
  });

  it('a crash after the row: the redelivery is skipped as a duplicate, so the claim is routed once', async () => {
    const ports = new InMemoryScrubPorts();
    const faulty = withFaults(ports, new ScriptedFaults().crash('F-1', 'committed'));
    const once = delivery(medicareSuiteClaim('F-1'));
    expect(outcomes(await runBatch(faulty, [once]))).toEqual(['failed']);
    expect(outcomes(await runBatch(faulty, [{ ...once, receiveCount: 2 }]))).toEqual(['duplicate']);
    expect(ports.routed('review')).toEqual(['F-1']);
    expect(ports.alerts).toHaveLength(1);
  });

  it('the code data source failing fails every record of the batch, with nothing sent', async () => {
    const ports = new InMemoryScrubPorts();
    const down: ScrubPorts = { ...ports, openBatch: (n) => ports.openBatch(n), codeData: { read: () => Promise.reject(new Error('DynamoDB unreachable')) } };
    const { events, observer } = recordingObserver();
    expect(outcomes(await runBatch(down, [delivery(cleanClaim('G-1')), delivery(flaggedClaim('G-2'))], observer))).toEqual(['failed', 'failed']);
    expect(events.sort()).toEqual(['failed G-1', 'failed G-2']);
    expect(ports.routed('clean')).toEqual([]);
  });
});

describe('the Medicare-denial alert', () => {
  it('goes out only after the claim reached its queue: a claim the outbox refused raises none, and its redelivery raises one', async () => {
    const ports = new InMemoryScrubPorts();
    let refuse = true;
    const flaky: ScrubPorts = {
      codeData: ports.codeData,
      openBatch: (n) => {
        const writes = ports.openBatch(n);
        return { ...writes, outbox: { send: (destination, message) => (refuse ? Promise.reject(new Error('SQS unreachable')) : writes.outbox.send(destination, message)) } };
      },
    };
    const once = delivery(medicareSuiteClaim('H-MCR'));
    expect(outcomes(await runBatch(flaky, [once]))).toEqual(['failed']);
    expect(ports.alerts).toEqual([]);
    refuse = false;
    expect(outcomes(await runBatch(flaky, [{ ...once, receiveCount: 2 }]))).toEqual(['routed']);
    expect(ports.alerts.map((a) => a.attributes.claimId)).toEqual(['H-MCR']);
  });
});
