import type { WorklistItem } from './model.ts';

/**
 * The list's order: open items first; among them Medicare-denial risk first (money lost for sure),
 * then the oldest first (timely filing runs from the service date, and a claim that waits ages);
 * ties by result key, so paging by cursor is stable.
 */
export function compareForList(a: WorklistItem, b: WorklistItem): number {
  return (
    rank(a.state === 'open') - rank(b.state === 'open') ||
    rank(a.medicareDenialRisk) - rank(b.medicareDenialRisk) ||
    a.openedAt.localeCompare(b.openedAt) ||
    a.resultKey.localeCompare(b.resultKey)
  );
}

/** True sorts first. */
function rank(first: boolean): number {
  return first ? 0 : 1;
}
