import { describe, expect, it } from 'vitest';
import { feedRoutedMessage, UnreadableRoutedMessage } from '../../shared/application/worklist/feed-service.ts';
import { cleanClaim, flaggedClaim } from '../pipeline/support/claims.ts';
import { InMemoryWorklistStore } from '../support/in-memory-worklist-store.ts';
import { routedMessageFor } from './support.ts';

const noClaimChecks = { get: async () => Promise.reject(new Error('no claim check expected')) };
const now = () => '2026-12-01T10:00:00.000Z';

describe('the worklist feed', () => {
  it('keeps the claim version\'s claim and result, and the item with its history and audit', async () => {
    const store = new InMemoryWorklistStore();
    const message = await routedMessageFor(flaggedClaim('F-1'));
    expect(await feedRoutedMessage(JSON.stringify(message), store, noClaimChecks, now)).toBe('applied');
    const stored = await store.get(message.claimReference);
    expect(stored).toMatchObject({ revision: 1, item: { state: 'open', claimVersion: message.claimVersion }, history: [{ status: 'flagged' }], audit: [{ action: 'routed', by: 'scrubber' }] });
    expect((await store.getClaimBody(message.claimReference, message.claimVersion))?.claim).toMatchObject({ claimId: 'F-1' });
    expect(await feedRoutedMessage(JSON.stringify(message), store, noClaimChecks, now)).toBe('unchanged');
  });

  it('applies the message again on the newer revision when someone wrote the item meanwhile, keeping both writes', async () => {
    const store = new InMemoryWorklistStore();
    const first = await routedMessageFor(flaggedClaim('F-2'), Date.parse('2026-11-30T09:00:00Z'));
    await feedRoutedMessage(JSON.stringify(first), store, noClaimChecks, now);
    const corrected = await routedMessageFor(cleanClaim('F-2'), Date.parse('2026-11-30T10:00:00Z'));
    store.beforeSave = () => {
      const racing = store.items.get(first.claimReference);
      if (racing) store.items.set(first.claimReference, { ...racing, revision: racing.revision + 1, audit: [...racing.audit, { ...racing.audit[0], action: 'note', by: 'rita', detail: 'meanwhile' } as never] });
    };
    expect(await feedRoutedMessage(JSON.stringify(corrected), store, noClaimChecks, now)).toBe('applied');
    const stored = await store.get(first.claimReference);
    expect(stored?.item.state).toBe('superseded');
    expect(stored?.audit.map((a) => a.action)).toEqual(['routed', 'note', 'superseded']);
  });

  it('reads a claim check from where the scrubber kept the full message', async () => {
    const store = new InMemoryWorklistStore();
    const full = await routedMessageFor(flaggedClaim('F-3'));
    const pointer = { ...full, claim: undefined, result: { status: 'flagged', medicareDenialRisk: false, ruleIds: ['PAYER-POLICY-UNKNOWN'] }, claimCheck: { bucket: 'b', key: 'claim-check/k' } };
    const seen: string[] = [];
    await feedRoutedMessage(JSON.stringify(pointer), store, { get: async (location) => (seen.push(location.key), JSON.stringify(full)) }, now);
    expect(seen).toEqual(['claim-check/k']);
    expect((await store.getClaimBody(full.claimReference, full.claimVersion))?.result).toMatchObject({ findings: [expect.objectContaining({ ruleId: 'PAYER-POLICY-UNKNOWN' })] });
  });

  it('refuses what is not a routed message, so it goes to the DLQ rather than onto the list', async () => {
    const store = new InMemoryWorklistStore();
    await expect(feedRoutedMessage('not json', store, noClaimChecks, now)).rejects.toBeInstanceOf(UnreadableRoutedMessage);
    await expect(feedRoutedMessage(JSON.stringify({ messageVersion: 2, claimId: 'x' }), store, noClaimChecks, now)).rejects.toThrow(/format version 3/);
    expect(store.items.size).toBe(0);
  });
});
