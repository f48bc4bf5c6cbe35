import { isJsonObject, resultKeyOf } from '../claim-identity.ts';
import type { RoutedMessageBody } from '../routing.ts';
import type { AuditEntry, WorklistItem } from './model.ts';

/** Who the audit trail says did what the pipeline did. */
export const SCRUBBER = 'scrubber';

export interface FeedOutcome {
  /** The item as it stands now; undefined when the message leaves the worklist as it was. */
  item: WorklistItem | undefined;
  audit: AuditEntry[];
}

/**
 * Applies one routed message (from the review or the clean queue) to the claim's worklist item, the
 * way the message contract asks a consumer to: a deduplication id already seen changes nothing, an
 * older claim version changes nothing, a newer flagged or rejected version opens the item under that
 * version, and a newer clean version closes it as superseded. So the list holds each claim once, at
 * its newest version, whatever copies and redeliveries the queues bring.
 */
export function applyRoutedMessage(existing: WorklistItem | undefined, message: RoutedMessageBody, now: string): FeedOutcome {
  if (existing && (existing.deduplicationId === message.deduplicationId || existing.claimVersion > message.claimVersion)) return { item: undefined, audit: [] };
  const resultKey = resultKeyOf(message.billingNpi, message.claimId);
  const entry = (action: AuditEntry['action']): AuditEntry => ({ resultKey, at: now, by: SCRUBBER, action, claimVersion: message.claimVersion });
  if (message.result.status === 'clean') {
    if (!existing || existing.state !== 'open') return { item: undefined, audit: [] };
    return { item: { ...existing, ...versionOf(message), state: 'superseded', scrubStatus: 'clean', medicareDenialRisk: false, ruleIds: [], updatedAt: now }, audit: [entry('superseded')] };
  }
  const claim = 'claim' in message ? message.claim : undefined;
  const item: WorklistItem = {
    resultKey,
    claimId: message.claimId,
    billingNpi: message.billingNpi,
    claimReference: message.claimReference,
    ...versionOf(message),
    state: 'open',
    scrubStatus: message.result.status,
    medicareDenialRisk: message.result.medicareDenialRisk,
    ruleIds: 'ruleIds' in message.result ? message.result.ruleIds : [...new Set(message.result.findings.map((f) => f.ruleId))],
    payerId: payerIdOf(claim) ?? existing?.payerId,
    serviceDates: serviceDatesOf(claim) ?? existing?.serviceDates,
    assignee: existing?.assignee,
    openedAt: existing?.openedAt ?? now,
    updatedAt: now,
  };
  return { item, audit: [entry('routed')] };
}

function versionOf(message: RoutedMessageBody): Pick<WorklistItem, 'claimVersion' | 'deduplicationId'> {
  return { claimVersion: message.claimVersion, deduplicationId: message.deduplicationId };
}

function payerIdOf(claim: unknown): string | undefined {
  if (!isJsonObject(claim) || !isJsonObject(claim.payer)) return undefined;
  return typeof claim.payer.id === 'string' ? claim.payer.id : undefined;
}

/** The first and last service date of the claim's lines (ISO dates sort as strings). */
function serviceDatesOf(claim: unknown): WorklistItem['serviceDates'] {
  if (!isJsonObject(claim) || !Array.isArray(claim.lines)) return undefined;
  const dates = claim.lines.flatMap((line: unknown) => (isJsonObject(line) && typeof line.serviceDate === 'string' ? [line.serviceDate] : [])).sort();
  const [from, to] = [dates[0], dates.at(-1)];
  return from && to ? { from, to } : undefined;
}
