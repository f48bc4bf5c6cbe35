import type { Organisation, Role, WorklistItem, WorklistUser } from './model.ts';

/** An item the user may not see is reported as not found, so a guessed id tells nothing. */
export class WorklistNotFound extends Error {
  override readonly name = 'WorklistNotFound';
  constructor() {
    super('no such claim on the worklist');
  }
}

/** The user may see the item but not do this to it. */
export class WorklistForbidden extends Error {
  override readonly name = 'WorklistForbidden';
}

/** The request itself is wrong: a missing reason, an unknown assignee, an action the item's state does not allow. */
export class WorklistInvalid extends Error {
  override readonly name = 'WorklistInvalid';
}

/** The action names a claim version that is no longer the item's: someone rescrubbed it meanwhile. */
export class WorklistStale extends Error {
  override readonly name = 'WorklistStale';
}

/** Whether the user's organisation owns the item's billing NPI. A claim that names no NPI belongs to nobody's list. */
export function canSee(user: WorklistUser, organisation: Organisation, item: Pick<WorklistItem, 'billingNpi'>): boolean {
  return organisation.id === user.organisationId && item.billingNpi !== null && organisation.billingNpis.includes(item.billingNpi);
}

/** The item when the user may see it; otherwise not found (never "forbidden": that would confirm it exists). */
export function visibleItem(user: WorklistUser, organisation: Organisation, item: WorklistItem | undefined): WorklistItem {
  if (!item || !canSee(user, organisation, item)) throw new WorklistNotFound();
  return item;
}

export function requireRole(user: WorklistUser, role: Role, what: string): void {
  if (!user.roles.includes(role)) throw new WorklistForbidden(`only a ${role} may ${what}`);
}
