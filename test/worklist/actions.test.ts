import { beforeAll, describe, expect, it } from 'vitest';
import { WorklistForbidden, WorklistInvalid, WorklistNotFound, WorklistStale } from '../../shared/application/worklist/access.ts';
import { applyAction, MAX_DETAIL_LENGTH, type WorklistAction } from '../../shared/application/worklist/actions.ts';
import { applyRoutedMessage } from '../../shared/application/worklist/feed.ts';
import type { WorklistItem } from '../../shared/application/worklist/model.ts';
import { compareForList } from '../../shared/application/worklist/ordering.ts';
import { brokenClaim, flaggedClaim, medicareSuiteClaim } from '../pipeline/support/claims.ts';
import { ACME, OTHER, outsider, reviewer, routedMessageFor, supervisor } from './support.ts';

const NOW = '2026-12-01T08:00:00.000Z';
let flagged: WorklistItem;
let rejected: WorklistItem;
beforeAll(async () => {
  flagged = applyRoutedMessage(undefined, await routedMessageFor(flaggedClaim('WA-1')), '2026-11-30T10:00:00.000Z').item as WorklistItem;
  rejected = applyRoutedMessage(undefined, await routedMessageFor({ ...brokenClaim('WA-2'), billingProvider: { npi: '1234567893' } }), '2026-11-30T10:00:00.000Z').item as WorklistItem;
});
const at = (item: WorklistItem) => item.claimVersion;

describe('worklist actions', () => {
  it('resolve: closes an open item, with the note in the audit trail under who and when', () => {
    const { item, audit } = applyAction(reviewer, ACME, flagged, { kind: 'resolve', claimVersion: at(flagged), note: '  fixed the payer in the billing system ' }, NOW);
    expect(item).toMatchObject({ state: 'resolved', updatedAt: NOW });
    expect(audit).toEqual({ resultKey: flagged.resultKey, at: NOW, by: 'rita', action: 'resolve', claimVersion: at(flagged), detail: 'fixed the payer in the billing system' });
  });

  it('override: a supervisor releases a flagged claim with a reason; a reviewer may not, nor may anyone release a rejected claim', () => {
    expect(applyAction(supervisor, ACME, flagged, { kind: 'override', claimVersion: at(flagged), reason: 'payer confirmed SS coverage by phone, ref 8812' }, NOW).item.state).toBe('overridden');
    expect(() => applyAction(reviewer, ACME, flagged, { kind: 'override', claimVersion: at(flagged), reason: 'looks fine' }, NOW)).toThrow(WorklistForbidden);
    expect(() => applyAction(supervisor, ACME, rejected, { kind: 'override', claimVersion: at(rejected), reason: 'release it' }, NOW)).toThrow(/cannot be released/);
  });

  it.each<[string, WorklistAction['kind'], Record<string, string>]>([
    ['resolve without a note', 'resolve', { note: '   ' }],
    ['override without a reason', 'override', { reason: '' }],
    ['reopen without a reason', 'reopen', { reason: '' }],
    ['a note too long', 'note', { note: 'x'.repeat(MAX_DETAIL_LENGTH + 1) }],
  ])('refuses %s', (_name, kind, fields) => {
    const base = kind === 'reopen' ? { ...flagged, state: 'resolved' as const } : flagged;
    expect(() => applyAction(supervisor, ACME, base, { kind, claimVersion: at(base), ...fields } as WorklistAction, NOW)).toThrow(WorklistInvalid);
  });

  it('assign, note and reopen, each recorded; reopening an open item is refused', () => {
    expect(applyAction(reviewer, ACME, flagged, { kind: 'assign', claimVersion: at(flagged), assignee: 'sam' }, NOW).item.assignee).toBe('sam');
    expect(applyAction(reviewer, ACME, { ...flagged, assignee: 'sam' }, { kind: 'assign', claimVersion: at(flagged), assignee: null }, NOW)).toMatchObject({ item: { assignee: undefined }, audit: { detail: 'unassigned' } });
    expect(applyAction(reviewer, ACME, flagged, { kind: 'note', claimVersion: at(flagged), note: 'called the clinic' }, NOW).audit).toMatchObject({ action: 'note', detail: 'called the clinic' });
    expect(applyAction(reviewer, ACME, { ...flagged, state: 'resolved' }, { kind: 'reopen', claimVersion: at(flagged), reason: 'payer denied it after all' }, NOW).item.state).toBe('open');
    expect(() => applyAction(reviewer, ACME, flagged, { kind: 'reopen', claimVersion: at(flagged), reason: 'again' }, NOW)).toThrow(WorklistInvalid);
  });

  it('an action about a version that is no longer the item\'s is stale', () => {
    expect(() => applyAction(reviewer, ACME, flagged, { kind: 'resolve', claimVersion: '2026-01-01T00:00:00.000Z#000000000', note: 'fixed' }, NOW)).toThrow(WorklistStale);
  });

  it('another organisation\'s claim, and a claim that does not exist, are both "not found", whatever the role', () => {
    expect(() => applyAction(outsider, OTHER, flagged, { kind: 'note', claimVersion: at(flagged), note: 'peek' }, NOW)).toThrow(WorklistNotFound);
    // A user presenting another organisation's record still sees only their own.
    expect(() => applyAction(outsider, ACME, flagged, { kind: 'note', claimVersion: at(flagged), note: 'peek' }, NOW)).toThrow(WorklistNotFound);
    expect(() => applyAction(reviewer, ACME, undefined, { kind: 'note', claimVersion: at(flagged), note: 'peek' }, NOW)).toThrow(WorklistNotFound);
  });
});

describe('the list order', () => {
  it('open first, Medicare-denial risk first among them, then the oldest', async () => {
    const risk = applyRoutedMessage(undefined, await routedMessageFor(medicareSuiteClaim('WO-RISK')), '2026-11-30T12:00:00.000Z').item as WorklistItem;
    const old = { ...flagged, resultKey: 'claim#1234567893#WO-OLD', openedAt: '2026-11-29T00:00:00.000Z' };
    const done = { ...old, resultKey: 'claim#1234567893#WO-DONE', state: 'resolved' as const, medicareDenialRisk: true };
    expect([done, flagged, old, risk].sort(compareForList).map((i) => i.resultKey.split('#').at(-1))).toEqual(['WO-RISK', 'WO-OLD', 'WA-1', 'WO-DONE']);
  });
});
