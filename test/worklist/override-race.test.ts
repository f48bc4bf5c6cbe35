import { describe, expect, it } from 'vitest';
import { feedRoutedMessage } from '../../shared/application/worklist/feed-service.ts';
import type { AuditEntry } from '../../shared/application/worklist/model.ts';
import type { OutgoingMessage } from '../../shared/application/ports.ts';
import type { StoredItem, WorklistOutbox } from '../../shared/application/worklist/ports.ts';
import { WorklistService } from '../../shared/application/worklist/service.ts';
import { flaggedClaim } from '../pipeline/support/claims.ts';
import { InMemoryWorklistStore } from '../support/in-memory-worklist-store.ts';
import { ACME, routedMessageFor, supervisor } from './support.ts';

const noClaimChecks = { get: async () => Promise.reject(new Error('no claim check expected')) };

/** A flagged claim on the worklist, a service over it, and the releases it sends. */
async function worklist(claimId: string) {
  const store = new InMemoryWorklistStore();
  const message = await routedMessageFor(flaggedClaim(claimId));
  await feedRoutedMessage(JSON.stringify(message), store, noClaimChecks, () => '2026-12-01T10:00:00.000Z');
  const releases: OutgoingMessage[] = [];
  const outbox: WorklistOutbox = { sendCorrection: async () => undefined, release: async (m) => void releases.push(m) };
  const service = new WorklistService({ store, outbox, organisations: [ACME], claimReferenceKey: async () => 'key', now: () => new Date('2026-12-01T11:00:00.000Z') });
  return { store, service, releases, reference: message.claimReference, claimVersion: message.claimVersion };
}

/** Another user's write landing between the supervisor's read and save. */
function racing(store: InMemoryWorklistStore, reference: string, change: (stored: StoredItem) => StoredItem): void {
  store.beforeSave = () => {
    const current = store.items.get(reference);
    if (current) store.items.set(reference, change(current));
  };
}

const entry = (stored: StoredItem, action: AuditEntry['action'], by: string): AuditEntry => ({ resultKey: stored.item.resultKey, at: '2026-12-01T10:59:59.000Z', by, action, claimVersion: stored.item.claimVersion });

describe('an override racing another user', () => {
  it('is released once, and its release recorded, when the claim was resolved meanwhile', async () => {
    const { store, service, releases, reference, claimVersion } = await worklist('RACE-1');
    racing(store, reference, (s) => ({ ...s, revision: s.revision + 1, item: { ...s.item, state: 'resolved' }, audit: [...s.audit, entry(s, 'resolve', 'rita')] }));
    const answer = await service.act(supervisor, reference, { kind: 'override', claimVersion, reason: 'payer confirmed by phone, ref 8812' });
    expect(releases).toHaveLength(1);
    const stored = await store.get(reference);
    expect(stored?.audit.map((a) => [a.action, a.by])).toEqual([
      ['routed', 'scrubber'],
      ['resolve', 'rita'],
      ['override', 'sam'],
    ]);
    expect(stored?.audit.at(-1)?.detail).toMatch(/^payer confirmed by phone, ref 8812 \(released to the clean queue while the claim was being resolved by another user\)$/);
    // The other user's resolution stands; the answer says what the item is now.
    expect(stored?.item.state).toBe('resolved');
    expect(answer.item.state).toBe('resolved');
  });

  it('is released once, not once per attempt, when another write only made it try again', async () => {
    const { store, service, releases, reference, claimVersion } = await worklist('RACE-2');
    racing(store, reference, (s) => ({ ...s, revision: s.revision + 1, item: { ...s.item, assignee: 'rita' }, audit: [...s.audit, entry(s, 'assign', 'rita')] }));
    const answer = await service.act(supervisor, reference, { kind: 'override', claimVersion, reason: 'payer confirmed by phone, ref 8812' });
    expect(releases).toHaveLength(1);
    expect(answer.item.state).toBe('overridden');
    expect((await store.get(reference))?.audit.map((a) => a.action)).toEqual(['routed', 'assign', 'override']);
  });
});
