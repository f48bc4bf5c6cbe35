import type { Documentation, PayerType } from '../../claim/contract.ts';
import type { Finding, ScrubStatus } from '../../claim/result.ts';
import type { WorklistAction } from './actions.ts';
import type { AuditEntry, HistoryEntry, ItemState, Role } from './model.ts';

export type { AuditEntry, HistoryEntry } from './model.ts';

/**
 * The worklist API as the page (and any other client) speaks it: routes, requests and responses. Every
 * route but the local sign-in takes `Authorization: Bearer <token>`. Nothing that names a patient or a
 * claim travels in a URL: claims are addressed by their opaque claim reference, and searches and
 * filters go in request bodies.
 */
export const WORKLIST_ROUTES = {
  me: { method: 'GET', path: '/api/me' },
  list: { method: 'POST', path: '/api/worklist/query' },
  counts: { method: 'POST', path: '/api/worklist/counts' },
  claim: { method: 'GET', path: '/api/claims/{reference}' },
  action: { method: 'POST', path: '/api/claims/{reference}/actions' },
  correction: { method: 'POST', path: '/api/claims/{reference}/corrections' },
} as const;

/** Where the page reads how to sign in and where the API is (served beside the page). */
export const PAGE_CONFIG_PATH = '/config.json';
/** The local stack's sign-in: POST `{ username, password }`, answered with `{ token, expiresAt }`. */
export const LOCAL_SIGN_IN_PATH = '/auth/token';

export type RouteName = keyof typeof WORKLIST_ROUTES;

/** How the page signs a user in: the local stack's own form, or Amazon Cognito's hosted sign-in (OAuth code flow with PKCE). */
export type PageConfig =
  | { auth: 'local'; signInPath: typeof LOCAL_SIGN_IN_PATH }
  | { auth: 'cognito'; domain: string; clientId: string; redirectUri: string; region: string };

export interface MeResponse {
  user: { id: string; roles: Role[] };
  organisation: { id: string; name: string };
}

/** The list's filters; all optional, all combined with AND. */
export interface ListFilters {
  /** Default `open`: the work. Closed items can be listed by their state. */
  state?: ItemState;
  status?: Extract<ScrubStatus, 'flagged' | 'rejected'>;
  ruleId?: string;
  payerId?: string;
  medicareDenialRisk?: boolean;
  /** Claims with a line served on or after / on or before this date (YYYY-MM-DD). */
  serviceFrom?: string;
  serviceTo?: string;
  /** A user id, or `null` for unassigned. */
  assignee?: string | null;
  /** An exact claim id: the one claim of that id among the organisation's NPIs. */
  claimId?: string;
}

export interface ListRequest {
  filters?: ListFilters;
  /** The `next` of the previous page. */
  cursor?: string;
  /** Items per page, 1-100 (default 50). */
  limit?: number;
}

/** One row of the list: enough to choose what to open. */
export interface ListRow {
  reference: string;
  claimId: string;
  claimVersion: string;
  state: ItemState;
  scrubStatus: ScrubStatus;
  medicareDenialRisk: boolean;
  ruleIds: string[];
  payerId: string | null;
  serviceDates: { from: string; to: string } | null;
  assignee: string | null;
  openedAt: string;
  updatedAt: string;
}

export interface ListResponse {
  items: ListRow[];
  /** Present when there is a further page. Opaque; carries no claim data. */
  next?: string;
}

/** How many items match the filters, and how the open items split by each filter's values. */
export interface CountsResponse {
  matching: number;
  open: number;
  byStatus: Record<string, number>;
  byRule: Record<string, number>;
  byPayer: Record<string, number>;
  byRisk: { risk: number; noRisk: number };
  byAssignee: Record<string, number>;
  unassigned: number;
}

/** A finding as the claim page shows it: with the rule's plain-words explanation and remediation. */
export type FindingView = Finding & { medicareDenial: boolean };

/** One line of the claim as the reviewer sees it. */
export interface LineView {
  lineNumber: number;
  procedureCode: string;
  modifiers: string[];
  units: number;
  infusionMinutes: number | null;
  serviceDate: string;
  placeOfService: string | null;
  performedBy: string | null;
  chargeAmount: number | null;
}

/**
 * The claim as the page shows and edits it. The member is reduced to what finds the chart (member id and
 * the patient's name as "LAST, F."); birth date and full names stay out of the page, and a correction
 * keeps the stored ones.
 */
export interface ClaimView {
  claimId: string;
  payer: { id: string; name: string | null; type: PayerType };
  billingProvider: { npi: string; name: string | null };
  renderingProvider: { npi: string | null; credential: string | null } | null;
  member: { memberId: string; name: string | null };
  placeOfService: string | null;
  diagnosisCodes: string[];
  lines: LineView[];
  documentation: Documentation | null;
}

export interface ClaimResponse {
  item: ListRow;
  /** Null when the routed message carried no readable claim (a rejected body that is not JSON). */
  claim: ClaimView | null;
  /** The claim as received, when it could not be read as a claim: what a rejected body held, escaped. */
  rawBody: string | null;
  findings: FindingView[];
  history: HistoryEntry[];
  audit: AuditEntry[];
  /** What the user may do now, so the page offers only these. */
  allowedActions: Array<WorklistAction['kind'] | 'correct'>;
}

export type ActionRequest = WorklistAction;

export interface ActionResponse {
  item: ListRow;
  audit: AuditEntry;
}

/**
 * A correction: the claim as edited on the page (its `patient` is taken from the stored claim), or a
 * corrected claim file (JSON, X12 837P or FHIR) holding this one claim. Either way it must keep the
 * claim id and billing NPI, and goes through the intake queue as a new version of the claim.
 */
export type CorrectionRequest =
  | { claimVersion: string; claim: Record<string, unknown> }
  | { claimVersion: string; file: { name: string; text: string } };

export interface CorrectionResponse {
  /** The version the corrected claim was handed in as; the item moves on when it is scrubbed. */
  claimVersion: string;
}

/** Every error answer: a status code and a sentence the page can show as it is. */
export interface ErrorResponse {
  error: 'unauthorized' | 'not_found' | 'forbidden' | 'invalid' | 'stale' | 'too_large' | 'unavailable';
  message: string;
  /** For `invalid` corrections: where in the claim, and what is wrong. */
  problems?: Array<{ path: string; message: string }>;
}
