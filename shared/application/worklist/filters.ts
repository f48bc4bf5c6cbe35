import type { ListFilters } from './api.ts';
import type { ListedItem } from './ports.ts';
import { WorklistInvalid } from './access.ts';

/**
 * Whether a row passes the list's filters (all of them; the state is the list's partition and the claim
 * id a lookup, so neither is checked here). The store filters its pages with this, and the counts
 * count with it, so the list and its counts never disagree.
 */
export function matchesFilters(row: ListedItem, filters: ListFilters): boolean {
  if (filters.status !== undefined && row.scrubStatus !== filters.status) return false;
  if (filters.ruleId !== undefined && !row.ruleIds.includes(filters.ruleId)) return false;
  if (filters.payerId !== undefined && row.payerId !== filters.payerId) return false;
  if (filters.medicareDenialRisk !== undefined && row.medicareDenialRisk !== filters.medicareDenialRisk) return false;
  if (filters.assignee !== undefined && (row.assignee ?? null) !== filters.assignee) return false;
  if (filters.serviceFrom !== undefined && (!row.serviceDates || row.serviceDates.to < filters.serviceFrom)) return false;
  if (filters.serviceTo !== undefined && (!row.serviceDates || row.serviceDates.from > filters.serviceTo)) return false;
  return true;
}

/**
 * An item's place in the list (worklist/ordering.ts): Medicare-denial risk first, then the oldest, then
 * the reference. It carries nothing of the claim, so it can be a cursor in a page's answer.
 */
export function listOrderOf(item: Pick<ListedItem, 'medicareDenialRisk' | 'openedAt' | 'claimReference'>): string {
  return `${item.medicareDenialRisk ? 0 : 1}#${item.openedAt}#${item.claimReference}`;
}

const LIST_ORDER = /^[01]#\d{4}-\d{2}-\d{2}T[\d:.]+Z#cr-[0-9a-f]{20}$/;

export function encodeCursor(after: string): string {
  return Buffer.from(after, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const after = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!LIST_ORDER.test(after)) throw new WorklistInvalid('the cursor is not one this list gave: start again from the first page');
  return after;
}
