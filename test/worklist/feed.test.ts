import { describe, expect, it } from 'vitest';
import { applyRoutedMessage } from '../../shared/application/worklist/feed.ts';
import type { WorklistItem } from '../../shared/application/worklist/model.ts';
import { cleanClaim, flaggedClaim, medicareSuiteClaim } from '../pipeline/support/claims.ts';
import { routedMessageFor } from './support.ts';

const T1 = '2026-11-30T10:00:00.000Z';
const T2 = '2026-11-30T11:00:00.000Z';
const DAY = 86_400_000;

describe('the worklist fed from the routed messages', () => {
  it('opens an item for a flagged claim: its version, denial risk, rule ids, payer and service dates, and a routed entry in the trail', async () => {
    const message = await routedMessageFor(medicareSuiteClaim('WL-1'));
    const { item, audit } = applyRoutedMessage(undefined, message, T1);
    expect(item).toMatchObject({
      claimId: 'WL-1',
      billingNpi: '1234567893',
      resultKey: 'claim#1234567893#WL-1',
      claimReference: message.claimReference,
      claimVersion: message.claimVersion,
      state: 'open',
      scrubStatus: 'flagged',
      medicareDenialRisk: true,
      payerId: 'MCR-JM',
      serviceDates: { from: '2020-03-02', to: '2020-03-02' },
      openedAt: T1,
    });
    expect(item?.ruleIds).toContain('SS-MEDICARE');
    expect(audit).toEqual([{ resultKey: 'claim#1234567893#WL-1', at: T1, by: 'scrubber', action: 'routed', claimVersion: message.claimVersion }]);
  });

  it('a copy with the same deduplication id, or an older version, changes nothing', async () => {
    const newer = await routedMessageFor(flaggedClaim('WL-2'), Date.parse('2026-11-30T09:00:00Z'));
    const older = await routedMessageFor({ ...flaggedClaim('WL-2'), patient: { memberId: 'M-OLD' } }, Date.parse('2026-11-30T09:00:00Z') - DAY);
    const { item } = applyRoutedMessage(undefined, newer, T1);
    expect(applyRoutedMessage(item, newer, T2)).toEqual({ item: undefined, audit: [] });
    expect(applyRoutedMessage(item, older, T2)).toEqual({ item: undefined, audit: [] });
  });

  it('a newer flagged version re-opens the item under that version and keeps its age and assignee', async () => {
    const first = applyRoutedMessage(undefined, await routedMessageFor(flaggedClaim('WL-3')), T1).item as WorklistItem;
    const resolved = { ...first, state: 'resolved' as const, assignee: 'rita' };
    const newer = await routedMessageFor({ ...flaggedClaim('WL-3'), patient: { memberId: 'M-NEW' } }, Date.parse('2026-11-30T09:00:00Z') + DAY);
    const { item } = applyRoutedMessage(resolved, newer, T2);
    expect(item).toMatchObject({ state: 'open', claimVersion: newer.claimVersion, openedAt: T1, assignee: 'rita', updatedAt: T2 });
  });

  it('a newer clean version (a corrected claim, rescrubbed) takes an open item off the list as superseded; a clean claim never on the list stays off', async () => {
    const open = applyRoutedMessage(undefined, await routedMessageFor(flaggedClaim('WL-4')), T1).item as WorklistItem;
    const corrected = await routedMessageFor(cleanClaim('WL-4'), Date.parse('2026-11-30T09:00:00Z') + DAY);
    const { item, audit } = applyRoutedMessage(open, corrected, T2);
    expect(item).toMatchObject({ state: 'superseded', scrubStatus: 'clean', claimVersion: corrected.claimVersion, medicareDenialRisk: false });
    expect(audit.map((a) => a.action)).toEqual(['superseded']);
    expect(applyRoutedMessage(undefined, await routedMessageFor(cleanClaim('WL-5')), T1)).toEqual({ item: undefined, audit: [] });
  });
});
