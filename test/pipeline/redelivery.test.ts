import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cleanClaim, flaggedClaim, medicareSuiteClaim } from './support/claims.ts';
import { ScriptedFaults } from './support/faults.ts';
import { startHarness, type Harness } from './support/harness.ts';

const faults = new ScriptedFaults()
  .crash('D-AFTER-COMMIT', 'committed')
  .crash('D-ALERT-AFTER-ROW', 'recorded')
  .crash('D-BEFORE-WORK', 'received')
  .crash('D-POISON', 'received', 'always');

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ faults, maxReceiveCount: 3 });
});
afterAll(() => h?.stop());

describe('at-least-once delivery', () => {
  test('a crash after the claim was routed and recorded (before its alert): the redelivery produces no second output message, and the alert goes out once', async () => {
    await h.submit([cleanClaim('D-AFTER-COMMIT'), medicareSuiteClaim('D-ALERT-AFTER-ROW'), flaggedClaim('D-NEIGHBOUR')]);
    await h.drain();
    const out = await h.takeOutputs();

    expect(faults.crashes.map((c) => `${c.claimId} ${c.stage}`).sort()).toEqual(['D-AFTER-COMMIT committed', 'D-ALERT-AFTER-ROW recorded']);
    expect(out.clean.map((m) => m.claimId)).toEqual(['D-AFTER-COMMIT']);
    expect(out.review.map((m) => m.claimId).sort()).toEqual(['D-ALERT-AFTER-ROW', 'D-NEIGHBOUR']);
    expect(out.alerts.map((a) => a.claimId)).toEqual(['D-ALERT-AFTER-ROW']);
    // Both crashed claims really were delivered twice.
    expect(h.stack.eventSource.stats.failedRecords).toBeGreaterThanOrEqual(2);
  });

  test('a crash before any work: the redelivery routes the claim once', async () => {
    await h.submit([flaggedClaim('D-BEFORE-WORK')]);
    await h.drain();
    const out = await h.takeOutputs();
    expect(faults.crashes.some((c) => c.claimId === 'D-BEFORE-WORK' && c.attempt === 1)).toBe(true);
    expect(out.review.map((m) => m.claimId)).toEqual(['D-BEFORE-WORK']);
  });

  test('the same message sent twice is routed once; a corrected claim under the same id is routed again', async () => {
    const claim = flaggedClaim('D-TWICE');
    await h.submit([claim, claim]);
    await h.drain();
    expect((await h.takeOutputs()).review.map((m) => m.claimId)).toEqual(['D-TWICE']);

    await h.submit([claim]);
    await h.drain();
    expect((await h.takeOutputs()).review).toHaveLength(0);

    const corrected = cleanClaim('D-TWICE');
    await h.submit([corrected]);
    await h.drain();
    const out = await h.takeOutputs();
    expect(out.clean.map((m) => m.claimId)).toEqual(['D-TWICE']);
    expect((await h.results(['D-TWICE'])).get('D-TWICE')).toMatchObject({ status: 'clean' });
  });

  test('a poison message reaches the DLQ after maxReceiveCount, with no output and no result row', async () => {
    await h.submit([medicareSuiteClaim('D-POISON'), cleanClaim('D-POISON-NEIGHBOUR')]);
    await h.drain(30_000);
    const out = await h.takeOutputs();

    expect(faults.crashes.filter((c) => c.claimId === 'D-POISON').map((c) => c.attempt)).toEqual([1, 2, 3]);
    expect(out.dlq).toHaveLength(1);
    expect(out.dlq[0]?.MessageAttributes?.claimId?.StringValue).toBe('D-POISON');
    expect(JSON.parse(out.dlq[0]?.Body ?? '')).toMatchObject({ claimId: 'D-POISON' });
    expect(out.review).toHaveLength(0);
    expect(out.alerts).toHaveLength(0);
    expect(out.clean.map((m) => m.claimId)).toEqual(['D-POISON-NEIGHBOUR']);
    expect((await h.results(['D-POISON'])).size).toBe(0);
  });
});
