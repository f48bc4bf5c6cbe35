import { CLAIM_BOUNDS } from '../../claim/contract.ts';
import { validateClaim } from '../../claim/validate.ts';
import { openClaimsFile, UnreadableInputError, type IntakeItem } from '../../formats/index.ts';
import { claimVersion } from '../../intake/claim-version.ts';
import { claimReferenceOf, isJsonObject, resultKeyOf, submitterNpiOf } from '../claim-identity.ts';
import { ROUTED_MESSAGE_VERSION } from '../routing.ts';
import type { OutgoingMessage } from '../ports.ts';
import { canSee, visibleItem, WorklistForbidden, WorklistInvalid, WorklistStale } from './access.ts';
import { applyAction, type WorklistAction } from './actions.ts';
import type { ActionResponse, ClaimResponse, CorrectionResponse, CountsResponse, ListFilters, ListResponse, ListRow, MeResponse } from './api.ts';
import { claimViewOf, findingViews } from './claim-view.ts';
import { decodeCursor, encodeCursor, matchesFilters } from './filters.ts';
import type { AuditEntry, Organisation, WorklistItem, WorklistUser } from './model.ts';
import type { ListedItem, StoredItem, WorklistOutbox, WorklistStore } from './ports.ts';
import { DEFAULT_PAGE_SIZE, parseAction, parseCorrection, parseListRequest } from './requests.ts';

/** A correction that does not fit the claim contract's bound on the whole claim. */
export class WorklistTooLarge extends Error {
  override readonly name = 'WorklistTooLarge';
}

/** A correction whose claim breaks the contract: the problems say where. */
export class WorklistInvalidClaim extends WorklistInvalid {
  readonly problems: Array<{ path: string; message: string }>;
  constructor(message: string, problems: Array<{ path: string; message: string }>) {
    super(message);
    this.problems = problems;
  }
}

export interface WorklistServiceDeps {
  store: WorklistStore;
  outbox: WorklistOutbox;
  organisations: readonly Organisation[];
  /** The claim-reference key: a claim id searched for is found by its reference. */
  claimReferenceKey: () => Promise<string>;
  now?: () => Date;
}

/** Writers racing on one item (a reviewer and the feed) retry on the newer revision this often. */
const MAX_ATTEMPTS = 3;
/** What a correction's intake message says it came from, in place of a file name. */
export const CORRECTION_SOURCE = 'worklist-correction';

/**
 * What the worklist API does for a signed-in user: list, count, show and act on the claims of the
 * user's organisation. Requests arrive unparsed (JSON bodies) and are checked here; errors are the
 * Worklist* classes, which the API maps to status codes.
 */
export class WorklistService {
  private readonly deps: WorklistServiceDeps;
  private readonly now: () => Date;

  constructor(deps: WorklistServiceDeps) {
    this.deps = deps;
    this.now = deps.now ?? (() => new Date());
  }

  me(user: WorklistUser): MeResponse {
    const organisation = this.organisationOf(user);
    return { user: { id: user.id, roles: [...user.roles] }, organisation: { id: organisation.id, name: organisation.name ?? organisation.id } };
  }

  async list(user: WorklistUser, body: unknown): Promise<ListResponse> {
    const organisation = this.organisationOf(user);
    const request = parseListRequest(body);
    const filters = request.filters ?? {};
    if (filters.claimId !== undefined) return { items: (await this.findByClaimId(user, organisation, filters.claimId)).filter((row) => filters.state === undefined || row.state === filters.state) };
    const after = request.cursor === undefined ? undefined : decodeCursor(request.cursor);
    const page = await this.deps.store.list(organisation.billingNpis, filters.state ?? 'open', filters, after, request.limit ?? DEFAULT_PAGE_SIZE);
    return { items: page.rows.map(listRow), ...(page.after ? { next: encodeCursor(page.after) } : {}) };
  }

  async counts(user: WorklistUser, body: unknown): Promise<CountsResponse> {
    const organisation = this.organisationOf(user);
    const filters: ListFilters = parseListRequest(body).filters ?? {};
    const [open, inState] = await Promise.all([
      this.deps.store.listAll(organisation.billingNpis, 'open'),
      filters.state && filters.state !== 'open' ? this.deps.store.listAll(organisation.billingNpis, filters.state) : undefined,
    ]);
    // Counted in Maps: a payer id or an assignee is free text, and one named "constructor" or
    // "__proto__" must count like any other, not land on what every object inherits.
    const byStatus = new Map<string, number>();
    const byRule = new Map<string, number>();
    const byPayer = new Map<string, number>();
    const byAssignee = new Map<string, number>();
    const byRisk = { risk: 0, noRisk: 0 };
    let unassigned = 0;
    for (const row of open) {
      increment(byStatus, row.scrubStatus);
      for (const rule of row.ruleIds) increment(byRule, rule);
      if (row.payerId) increment(byPayer, row.payerId);
      if (row.medicareDenialRisk) byRisk.risk++;
      else byRisk.noRisk++;
      if (row.assignee) increment(byAssignee, row.assignee);
      else unassigned++;
    }
    return {
      matching: (inState ?? open).filter((row) => matchesFilters(row, filters)).length,
      open: open.length,
      // fromEntries defines each key as the object's own, "__proto__" included.
      byStatus: Object.fromEntries(byStatus),
      byRule: Object.fromEntries(byRule),
      byPayer: Object.fromEntries(byPayer),
      byRisk,
      byAssignee: Object.fromEntries(byAssignee),
      unassigned,
    };
  }

  async claim(user: WorklistUser, reference: string): Promise<ClaimResponse> {
    const organisation = this.organisationOf(user);
    const stored = await this.deps.store.get(reference);
    const item = visibleItem(user, organisation, stored?.item);
    const body = await this.deps.store.getClaimBody(reference, item.claimVersion);
    const view = body ? claimViewOf(body.claim) : null;
    return {
      item: listRow(item),
      claim: view,
      rawBody: view === null && body?.rawBody ? body.rawBody : null,
      findings: body && 'findings' in body.result ? findingViews(body.result.findings) : [],
      history: stored?.history ?? [],
      audit: stored?.audit ?? [],
      allowedActions: allowedActions(user, item),
    };
  }

  async act(user: WorklistUser, reference: string, body: unknown): Promise<ActionResponse> {
    const organisation = this.organisationOf(user);
    const action = parseAction(body);
    // An override sends the release before its save: a release that cannot be sent saves nothing, and
    // the supervisor tries again. Should the save then meet another user's write, the item is read
    // again: the release is not sent twice, and if the override no longer applies (the claim was
    // resolved or scrubbed again meanwhile), the release that went out is still recorded.
    let released: AuditEntry | undefined;
    return this.update(reference, async (stored) => {
      let outcome: { item: WorklistItem; audit: AuditEntry };
      try {
        outcome = applyAction(user, organisation, stored?.item, action, this.now().toISOString());
      } catch (error) {
        if (!released || !stored) throw error;
        const detail = `${released.detail ?? ''} (released to the clean queue while the claim was being ${stored.item.state === 'open' ? 'changed' : stored.item.state} by another user)`;
        return { item: stored.item, audit: { ...released, detail } };
      }
      // Tried again: the audit entry is the one the release went out with (its time and reason).
      if (released) return { item: outcome.item, audit: released };
      if (action.kind === 'override' && stored) {
        await this.release(stored, outcome.audit);
        released = outcome.audit;
      }
      return outcome;
    });
  }

  async correct(user: WorklistUser, reference: string, body: unknown): Promise<CorrectionResponse> {
    const organisation = this.organisationOf(user);
    const request = parseCorrection(body);
    const stored = await this.deps.store.get(reference);
    const item = visibleItem(user, organisation, stored?.item);
    if (request.claimVersion !== item.claimVersion) throw staleError(item);
    if (item.state !== 'open') throw new WorklistInvalid(`the claim is ${item.state}: reopen it to correct it`);
    const routed = await this.deps.store.getClaimBody(reference, item.claimVersion);
    const claim = 'claim' in request ? withStoredPatient(request.claim, routed?.claim) : await claimFromFile(request.file.text);
    checkCorrectedClaim(claim, item);
    const version = claimVersion(this.now());
    if (version <= item.claimVersion) throw new WorklistInvalid('the clock is behind the claim version: try again in a moment');
    await this.deps.outbox.sendCorrection({
      body: JSON.stringify(claim),
      claimId: item.claimId,
      attributes: { sourceFile: CORRECTION_SOURCE, sourceIndex: '0', claimVersion: version },
    });
    await this.update(reference, async (current) => {
      const latest = visibleItem(user, organisation, current?.item);
      const at = this.now().toISOString();
      const audit: AuditEntry = { resultKey: latest.resultKey, at, by: user.id, action: 'correct', claimVersion: latest.claimVersion, detail: `corrected claim handed in as version ${version}` };
      return { item: { ...latest, updatedAt: at }, audit };
    });
    return { claimVersion: version };
  }

  /** The claim of this id among the organisation's NPIs, found by its reference (one read per NPI). */
  private async findByClaimId(user: WorklistUser, organisation: Organisation, claimId: string): Promise<ListRow[]> {
    const key = await this.deps.claimReferenceKey();
    const found = await Promise.all(organisation.billingNpis.map((npi) => this.deps.store.get(claimReferenceOf(key, resultKeyOf(npi, claimId)))));
    return found.flatMap((stored) => (stored && canSee(user, organisation, stored.item) ? [listRow(stored.item)] : []));
  }

  /** Reads, applies and writes, again on a newer revision if someone wrote the item meanwhile. */
  private async update(reference: string, change: (stored: StoredItem | undefined) => Promise<{ item: WorklistItem; audit: AuditEntry }>): Promise<ActionResponse> {
    for (let attempt = 1; ; attempt++) {
      const stored = await this.deps.store.get(reference);
      const { item, audit } = await change(stored);
      const next: StoredItem = { item, revision: (stored?.revision ?? 0) + 1, history: stored?.history ?? [], audit: [...(stored?.audit ?? []), audit] };
      if ((await this.deps.store.save(next, stored?.revision)) === 'saved') return { item: listRow(item), audit };
      if (attempt >= MAX_ATTEMPTS) throw new WorklistStale('the claim changed while this was being saved: reload it and try again');
    }
  }

  /**
   * Sends a flagged claim to the clean queue as a supervisor released it: the routed message it came
   * with, marked released (who, when, why), under a deduplication id of its own, so a consumer that
   * already saw the flagged message still takes the release, and a retried release once.
   */
  private async release(stored: StoredItem, audit: AuditEntry): Promise<void> {
    const { item } = stored;
    const body = await this.deps.store.getClaimBody(item.claimReference, item.claimVersion);
    if (!body) throw new WorklistInvalid('the claim as routed is not kept here, so it cannot be released: correct and rescrub it');
    const message = {
      messageVersion: ROUTED_MESSAGE_VERSION,
      claimId: item.claimId,
      billingNpi: item.billingNpi,
      claimVersion: item.claimVersion,
      deduplicationId: releaseDeduplicationId(item.deduplicationId),
      claimReference: item.claimReference,
      ...(body.rawBody === null ? { claim: body.claim } : { rawBody: body.rawBody }),
      result: body.result,
      release: { by: audit.by, at: audit.at, reason: audit.detail ?? '' },
    };
    const outgoing: OutgoingMessage = {
      body: JSON.stringify(message),
      attributes: { claimId: item.claimId, deduplicationId: message.deduplicationId, claimVersion: item.claimVersion, status: item.scrubStatus, medicareDenialRisk: String(item.medicareDenialRisk), released: 'true' },
    };
    await this.deps.outbox.release(outgoing);
  }

  private organisationOf(user: WorklistUser): Organisation {
    const organisation = this.deps.organisations.find((o) => o.id === user.organisationId);
    if (!organisation) throw new WorklistForbidden('your organisation is not set up on this worklist: ask an administrator');
    return organisation;
  }
}

/** The deduplication id of a release: its own, since the clean queue's consumer saw none for this claim version. */
export function releaseDeduplicationId(deduplicationId: string): string {
  return `${deduplicationId}-released`;
}

export function listRow(item: ListedItem): ListRow {
  return {
    reference: item.claimReference,
    claimId: item.claimId,
    claimVersion: item.claimVersion,
    state: item.state,
    scrubStatus: item.scrubStatus,
    medicareDenialRisk: item.medicareDenialRisk,
    ruleIds: [...item.ruleIds],
    payerId: item.payerId ?? null,
    serviceDates: item.serviceDates ?? null,
    assignee: item.assignee ?? null,
    openedAt: item.openedAt,
    updatedAt: item.updatedAt,
  };
}

/** What the page offers: what applyAction would accept from this user now, and correcting an open claim. */
export function allowedActions(user: WorklistUser, item: WorklistItem): ClaimResponse['allowedActions'] {
  const kinds: ClaimResponse['allowedActions'] = ['note', 'assign'];
  if (item.state === 'open') {
    kinds.push('resolve', 'correct');
    if (user.roles.includes('supervisor') && item.scrubStatus === 'flagged') kinds.push('override');
  }
  if (item.state === 'resolved' || item.state === 'overridden') kinds.push('reopen');
  return kinds;
}

function staleError(item: WorklistItem): WorklistStale {
  return new WorklistStale(`the claim was scrubbed again (version ${item.claimVersion}): reload it and act on what it says now`);
}

/** The page edits the claim without the member's details; they come back from the claim as routed. */
function withStoredPatient(edited: Record<string, unknown>, stored: unknown): Record<string, unknown> {
  const { patient: _ignored, ...rest } = edited;
  return isJsonObject(stored) && stored.patient !== undefined ? { ...rest, patient: stored.patient } : edited;
}

/** The one claim of a corrected claim file, in any format the intake reads. */
async function claimFromFile(text: string): Promise<unknown> {
  const items: IntakeItem[] = [];
  try {
    const file = await openClaimsFile(text);
    for await (const item of file.items) {
      items.push(item);
      if (items.length > 1) break;
    }
  } catch (error) {
    if (error instanceof UnreadableInputError) throw new WorklistInvalid(`the file cannot be read: ${error.message}`);
    throw error;
  }
  if (items.length !== 1) throw new WorklistInvalid(`a corrected claim file must hold exactly this one claim; it holds ${items.length === 0 ? 'none' : 'more than one'}`);
  const [item] = items as [IntakeItem];
  if (item.kind !== 'claim') throw new WorklistInvalidClaim('the file\'s claim cannot be read as a claim', item.errors.map((e) => ({ path: e.path, message: e.message })));
  return item.claim;
}

/** A corrected claim must meet the contract, fit its bound, and still be this claim (same claim id, same billing NPI). */
function checkCorrectedClaim(claim: unknown, item: WorklistItem): void {
  const characters = JSON.stringify(claim).length;
  if (characters > CLAIM_BOUNDS.jsonCharacters) {
    throw new WorklistTooLarge(`the corrected claim is ${characters.toLocaleString('en-US')} characters as JSON; a claim may be at most ${CLAIM_BOUNDS.jsonCharacters.toLocaleString('en-US')}`);
  }
  const validation = validateClaim(claim);
  if (!validation.ok) throw new WorklistInvalidClaim('the corrected claim breaks the claim contract', validation.errors.map((e) => ({ path: e.path, message: e.message })));
  if (resultKeyOf(submitterNpiOf(claim), validation.claim.claimId) !== item.resultKey) {
    throw new WorklistInvalid('a correction must keep the claim id and the billing provider\'s NPI: a claim under another id or NPI is another claim');
  }
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

export type { WorklistAction };
