import { requireRole, visibleItem, WorklistInvalid, WorklistStale } from './access.ts';
import type { AuditEntry, Organisation, WorklistItem, WorklistUser } from './model.ts';

/** The longest reason or note kept: enough for a sentence or two, not a pasted chart. */
export const MAX_DETAIL_LENGTH = 1_000;

/** What a reviewer asks for, about the claim version they were looking at. */
export type WorklistAction =
  | { kind: 'resolve'; claimVersion: string; note: string }
  | { kind: 'override'; claimVersion: string; reason: string }
  | { kind: 'assign'; claimVersion: string; assignee: string | null }
  | { kind: 'note'; claimVersion: string; note: string }
  | { kind: 'reopen'; claimVersion: string; reason: string };

export interface ActionOutcome {
  item: WorklistItem;
  audit: AuditEntry;
}

/**
 * Applies a reviewer's action to an item: checks that the user may see it (else not found) and may
 * do it (override is a supervisor's), that it is about the item's current version (else stale), and
 * that it carries what it needs (a reason, a note); returns the item as it becomes and its audit
 * entry. Override does not route the claim itself: the caller sends it to the clean queue once the
 * item is stored.
 */
export function applyAction(user: WorklistUser, organisation: Organisation, stored: WorklistItem | undefined, action: WorklistAction, now: string): ActionOutcome {
  const item = visibleItem(user, organisation, stored);
  if (action.claimVersion !== item.claimVersion) throw new WorklistStale(`the claim was scrubbed again (version ${item.claimVersion}): reload it and act on what it says now`);
  const entry = (detail: string | undefined): AuditEntry => ({
    resultKey: item.resultKey,
    at: now,
    by: user.id,
    action: action.kind,
    claimVersion: item.claimVersion,
    ...(detail === undefined ? {} : { detail }),
  });
  const next = (changes: Partial<WorklistItem>): WorklistItem => ({ ...item, ...changes, updatedAt: now });
  switch (action.kind) {
    case 'resolve': {
      requireOpen(item, 'resolve');
      const note = requiredText(action.note, 'a note saying how it was fixed');
      return { item: next({ state: 'resolved' }), audit: entry(note) };
    }
    case 'override': {
      requireRole(user, 'supervisor', 'release a flagged claim to the clean queue');
      requireOpen(item, 'override');
      if (item.scrubStatus === 'rejected') throw new WorklistInvalid('a rejected claim breaks the claim contract and cannot be released: correct it and rescrub it');
      const reason = requiredText(action.reason, 'a reason for releasing the claim despite its findings');
      return { item: next({ state: 'overridden' }), audit: entry(reason) };
    }
    case 'assign': {
      const assignee = action.assignee === null ? null : requiredText(action.assignee, 'the user to assign it to');
      return { item: next({ assignee: assignee ?? undefined }), audit: entry(assignee ?? 'unassigned') };
    }
    case 'note':
      return { item: next({}), audit: entry(requiredText(action.note, 'the note')) };
    case 'reopen': {
      if (item.state === 'open' || item.state === 'superseded') throw new WorklistInvalid(`the claim is ${item.state}: only a resolved or overridden claim can be reopened`);
      return { item: next({ state: 'open' }), audit: entry(requiredText(action.reason, 'a reason for reopening')) };
    }
  }
}

function requireOpen(item: WorklistItem, what: string): void {
  if (item.state !== 'open') throw new WorklistInvalid(`the claim is ${item.state}: only an open claim can be given ${what === 'override' ? 'an override' : 'a resolution'}`);
}

function requiredText(value: string, what: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text.length === 0) throw new WorklistInvalid(`${what} is required`);
  if (text.length > MAX_DETAIL_LENGTH) throw new WorklistInvalid(`${what} may be at most ${MAX_DETAIL_LENGTH.toLocaleString('en-US')} characters`);
  return text;
}
