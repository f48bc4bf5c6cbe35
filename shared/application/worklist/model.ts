import type { ScrubStatus } from '../../claim/result.ts';

/**
 * The review worklist's model: what a reviewer works (an item per claim), who may work it, and the
 * trail of what was done. Plain data; the stores and the API are adapters around it.
 */

export type Role = 'reviewer' | 'supervisor';

/** A signed-in user, as the API's token says: who, which organisation, which roles. */
export interface WorklistUser {
  id: string;
  organisationId: string;
  roles: readonly Role[];
}

/** An organisation and the billing NPIs it owns: its users see claims of these NPIs only. */
export interface Organisation {
  id: string;
  /** How the page names it; the id when not given. */
  name?: string;
  billingNpis: readonly string[];
}

/**
 * Where an item stands: `open` until someone resolves or overrides it, or a newer version of the claim
 * supersedes it (routed clean, it leaves the list; routed flagged again, it is open under the new version).
 */
export type ItemState = 'open' | 'resolved' | 'overridden' | 'superseded';

/** One claim on the worklist, at the newest version routed to review. */
export interface WorklistItem {
  /** The results table's key: billing NPI and claim id (claim-identity.ts). */
  resultKey: string;
  claimId: string;
  billingNpi: string | null;
  claimReference: string;
  claimVersion: string;
  deduplicationId: string;
  state: ItemState;
  scrubStatus: ScrubStatus;
  medicareDenialRisk: boolean;
  ruleIds: readonly string[];
  payerId: string | undefined;
  /** The first and last service dates of the claim's lines, when the message carries the claim. */
  serviceDates: { from: string; to: string } | undefined;
  assignee: string | undefined;
  /** When this claim first reached the list (ISO 8601); the list's age order. */
  openedAt: string;
  updatedAt: string;
}

export type ActionKind = 'resolve' | 'override' | 'assign' | 'note' | 'reopen' | 'correct';

/** One scrub of the claim, as the worklist saw it routed. */
export interface HistoryEntry {
  claimVersion: string;
  at: string;
  status: ScrubStatus;
  medicareDenialRisk: boolean;
  ruleIds: string[];
}

/** One line of the append-only audit trail of an item. */
export interface AuditEntry {
  resultKey: string;
  at: string;
  by: string;
  action: ActionKind | 'routed' | 'superseded';
  claimVersion: string;
  /** The reason, note or assignee the action was given. */
  detail?: string;
}
