import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionResponse, ClaimResponse, CorrectionResponse, CountsResponse, ErrorResponse, ListResponse, ListRow, MeResponse } from '../../shared/application/worklist/api.ts';
import { receiveAll } from '../../local/outputs.ts';
import { OTHER_ORGANISATION_CLAIM, startWorklistTestStack, type WorklistTestStack } from '../support/worklist-stack.ts';

/**
 * The worklist API end to end on the local stack: the examples go through the pipeline, the feed puts
 * the flagged ones on the worklist, and every request goes through the local server's token check to
 * the same handler AWS runs.
 */
let t: WorklistTestStack;
let examples: { flaggedReferences: string[]; otherOrganisationReference: string };
const tokens: Record<string, string> = {};

async function signIn(credentials: { username: string; password: string }): Promise<string> {
  const response = await fetch(`${t.url}/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

interface Answer<T> {
  status: number;
  body: T;
  headers: Headers;
}

async function call<T>(who: string | undefined, method: string, path: string, body?: unknown): Promise<Answer<T>> {
  const response = await fetch(`${t.url}${path}`, {
    method,
    headers: { ...(who ? { authorization: `Bearer ${tokens[who] ?? who}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T, headers: response.headers };
}

const list = (who: string, request: object = {}) => call<ListResponse>(who, 'POST', '/api/worklist/query', request);
const claim = (who: string, reference: string) => call<ClaimResponse & ErrorResponse>(who, 'GET', `/api/claims/${reference}`);
const act = (who: string, reference: string, action: object) => call<ActionResponse & ErrorResponse>(who, 'POST', `/api/claims/${reference}/actions`, action);
const correct = (who: string, reference: string, request: object) => call<CorrectionResponse & ErrorResponse>(who, 'POST', `/api/claims/${reference}/corrections`, request);

/** The open item of this claim id, found through the API as a reviewer finds it. */
async function rowOf(claimId: string, who = 'reviewer'): Promise<ListRow> {
  const found = await list(who, { filters: { claimId } });
  const row = found.body.items[0];
  if (!row) throw new Error(`${claimId} is not on ${who}'s worklist`);
  return row;
}

beforeAll(async () => {
  t = await startWorklistTestStack();
  examples = await t.loadExamples();
  tokens.reviewer = await signIn(t.users.reviewer);
  tokens.supervisor = await signIn(t.users.supervisor);
  tokens.other = await signIn(t.users.otherOrganisation);
}, 180_000);
afterAll(async () => {
  await t?.stop();
});

describe('the worklist API: the list', () => {
  it('holds the flagged and rejected examples of the organisation, Medicare-denial risk first, then the oldest', async () => {
    const me = await call<MeResponse>('reviewer', 'GET', '/api/me');
    expect(me.body).toMatchObject({ user: { id: 'biller', roles: ['reviewer'] }, organisation: { id: 'riverbend', name: 'Riverbend Home Infusion' } });
    const page = await list('reviewer');
    expect(page.status).toBe(200);
    expect(page.body.items.map((i) => i.reference).sort()).toEqual([...examples.flaggedReferences].sort());
    // The Medicare examples first (HI-2020-0003, HI-2020-0016), each group oldest first.
    const risk = page.body.items.map((i) => i.medicareDenialRisk);
    expect(risk).toEqual([true, true, ...risk.slice(2).map(() => false)]);
    expect(page.body.items.slice(0, 2).map((i) => i.claimId).sort()).toEqual(['HI-2020-0003', 'HI-2020-0016']);
    for (const group of [true, false]) {
      const opened = page.body.items.filter((i) => i.medicareDenialRisk === group).map((i) => i.openedAt);
      expect(opened).toEqual([...opened].sort());
    }
    expect(page.body.items.map((i) => i.claimId)).not.toContain(OTHER_ORGANISATION_CLAIM.claimId);
  });

  it('pages by cursor without losing or repeating an item, and refuses a cursor it did not give', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list('reviewer', { limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((i) => i.reference));
      cursor = page.body.next;
    } while (cursor);
    expect(seen.sort()).toEqual([...examples.flaggedReferences].sort());
    const forged = await list('reviewer', { cursor: Buffer.from('0#2020-01-01T00:00:00.000Z#claim#1234567893#HI-2020-0003').toString('base64url') });
    expect(forged.status).toBe(400);
  });

  it('filters by rule, payer, denial risk, status and service dates, and counts per filter', async () => {
    const byRule = await list('reviewer', { filters: { ruleId: 'PAYER-SS-NOT-ACCEPTED' } });
    expect(byRule.body.items.map((i) => i.claimId)).toEqual(['HI-2020-0007']);
    expect((await list('reviewer', { filters: { payerId: 'ACME-HEALTH' } })).body.items.map((i) => i.claimId)).toEqual(['HI-2020-0008']);
    expect((await list('reviewer', { filters: { medicareDenialRisk: true } })).body.items.map((i) => i.claimId).sort()).toEqual(['HI-2020-0003', 'HI-2020-0016']);
    expect((await list('reviewer', { filters: { status: 'rejected' } })).body.items.every((i) => i.scrubStatus === 'rejected')).toBe(true);
    expect((await list('reviewer', { filters: { serviceFrom: '2099-01-01' } })).body.items.map((i) => i.claimId)).toEqual(['HI-2026-0012']);
    expect((await list('reviewer', { filters: { serviceTo: '2019-12-31' } })).body.items).toEqual([]);
    const counts = await call<CountsResponse>('reviewer', 'POST', '/api/worklist/counts', { filters: { ruleId: 'PAYER-SS-NOT-ACCEPTED' } });
    expect(counts.body).toMatchObject({ matching: 1, open: examples.flaggedReferences.length, byRisk: { risk: 2 } });
    expect(counts.body.byRule['PAYER-SS-NOT-ACCEPTED']).toBe(1);
    expect(counts.body.byPayer['ACME-HEALTH']).toBe(1);
  });

  it('refuses a malformed list request with the reason', async () => {
    const bad = await call<ErrorResponse>('reviewer', 'POST', '/api/worklist/query', { filters: { serviceFrom: 'yesterday' } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/serviceFrom/);
    expect((await call<ErrorResponse>('reviewer', 'POST', '/api/worklist/query', '{not json')).status).toBe(400);
  });
});

describe('the worklist API: who may see what', () => {
  it('answers 401 without a token, with an expired, a tampered or a foreign token', async () => {
    expect((await call<ErrorResponse>(undefined, 'POST', '/api/worklist/query', {})).status).toBe(401);
    const [header, payload, signature] = (tokens.reviewer as string).split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const promoted = Buffer.from(JSON.stringify({ ...claims, 'custom:organisation': 'lakeside', 'cognito:groups': ['supervisor'] })).toString('base64url');
    expect((await call<ErrorResponse>(`${header}.${promoted}.${signature}`, 'GET', '/api/me')).status).toBe(401);
    expect((await call<ErrorResponse>(`${header}.${payload}.${signature.slice(0, -2)}xx`, 'GET', '/api/me')).status).toBe(401);
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    expect((await call<ErrorResponse>(unsigned, 'GET', '/api/me')).status).toBe(401);
    const expired = (await t.worklist.server.tokens.issue(t.worklist.users.users[0] as never, Date.now() - 2 * 3_600_000)).token;
    expect((await call<ErrorResponse>(expired, 'GET', '/api/me')).status).toBe(401);
    const signIn401 = await fetch(`${t.url}/auth/token`, { method: 'POST', body: JSON.stringify({ username: 'biller', password: 'not-the-password' }) });
    expect(signIn401.status).toBe(401);
  });

  it('never shows another organisation\'s claim: not in the list, not by claim id, 404 by reference for reading and for every action', async () => {
    const other = examples.otherOrganisationReference;
    expect((await claim('reviewer', other)).status).toBe(404);
    expect((await list('reviewer', { filters: { claimId: OTHER_ORGANISATION_CLAIM.claimId } })).body.items).toEqual([]);
    for (const state of ['open', 'resolved', 'overridden', 'superseded']) {
      expect((await list('reviewer', { filters: { state } })).body.items.map((i) => i.reference)).not.toContain(other);
    }
    const version = (await rowOf(OTHER_ORGANISATION_CLAIM.claimId, 'other')).claimVersion;
    for (const who of ['reviewer', 'supervisor']) {
      expect((await act(who, other, { kind: 'override', claimVersion: version, reason: 'guessing' })).status).toBe(404);
      expect((await act(who, other, { kind: 'note', claimVersion: version, note: 'guessing' })).status).toBe(404);
      expect((await correct(who, other, { claimVersion: version, claim: OTHER_ORGANISATION_CLAIM })).status).toBe(404);
    }
    // The other organisation sees its own claim, and none of ours.
    expect((await claim('other', other)).status).toBe(200);
    const theirs = await list('other');
    expect(theirs.body.items.map((i) => i.reference)).toEqual([other]);
    expect((await claim('other', examples.flaggedReferences[0] as string)).status).toBe(404);
  });

  it('answers a guessed or malformed reference as not found, the same as another organisation\'s claim', async () => {
    const guessed = await claim('reviewer', 'cr-0123456789abcdef0123');
    const malformed = await claim('reviewer', 'HI-2020-0003');
    const foreign = await claim('reviewer', examples.otherOrganisationReference);
    expect([guessed.status, malformed.status, foreign.status]).toEqual([404, 404, 404]);
    expect(guessed.body).toEqual(foreign.body);
  });

  it('lets only a supervisor override; a reviewer is told so', async () => {
    const row = await rowOf('HI-2020-0005');
    const refused = await act('reviewer', row.reference, { kind: 'override', claimVersion: row.claimVersion, reason: 'payer agreed by phone' });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/supervisor/);
    expect((await claim('reviewer', row.reference)).body.allowedActions).not.toContain('override');
    expect((await claim('supervisor', row.reference)).body.allowedActions).toContain('override');
  });

  it('puts no claim id or member data in a URL, and sets the security headers on the page and the API', async () => {
    const page = await fetch(`${t.url}/`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const api = await list('reviewer');
    expect(api.headers.get('cache-control')).toBe('no-store');
    expect(api.headers.get('content-security-policy')).toBe(csp);
    for (const row of api.body.items) expect(row.reference).toMatch(/^cr-[0-9a-f]{20}$/);
  });
});

describe('the worklist API: one claim and its actions', () => {
  it('shows the claim\'s lines, findings with explanation and remediation, the member reduced to what finds the chart, and its history', async () => {
    const row = await rowOf('HI-2020-0004');
    const page = await claim('reviewer', row.reference);
    expect(page.status).toBe(200);
    expect(page.body.claim?.lines.map((l) => l.procedureCode)).toEqual(['99601', '99602']);
    expect(page.body.claim?.member).toEqual({ memberId: 'XZW000401', name: 'RIVERA, D.' });
    expect(JSON.stringify(page.body)).not.toContain('1961-07-14');
    expect(JSON.stringify(page.body)).not.toContain('Dana');
    const finding = page.body.findings.find((f) => f.ruleId === 'SD-NOT-RN');
    expect(finding).toMatchObject({ lineNumber: 1 });
    expect(finding?.explanation).toMatch(/In simple words/);
    expect(finding?.remediation.length).toBeGreaterThan(10);
    expect(page.body.history).toEqual([expect.objectContaining({ claimVersion: row.claimVersion, status: 'flagged' })]);
    expect(page.body.audit.map((a) => a.action)).toEqual(['routed']);
  });

  it('resolves with a note, reopens with a reason, assigns, notes: each in the audit trail with who, when and why', async () => {
    const row = await rowOf('HI-2020-0004');
    expect((await act('reviewer', row.reference, { kind: 'resolve', claimVersion: row.claimVersion, note: '' })).status).toBe(400);
    const resolved = await act('reviewer', row.reference, { kind: 'resolve', claimVersion: row.claimVersion, note: 'fixed SD and POS in the billing system' });
    expect(resolved.status).toBe(200);
    expect(resolved.body.item.state).toBe('resolved');
    expect((await list('reviewer')).body.items.map((i) => i.reference)).not.toContain(row.reference);
    expect((await list('reviewer', { filters: { state: 'resolved' } })).body.items.map((i) => i.reference)).toEqual([row.reference]);
    expect((await act('reviewer', row.reference, { kind: 'resolve', claimVersion: row.claimVersion, note: 'again' })).status).toBe(400);
    // A closed item expires after the result retention, as result rows do; an open one is kept.
    const rawRow = async () => (await t.stack.clients.dynamodb.send(new GetCommand({ TableName: t.stack.resources.names.worklistTable, Key: { pk: `item#${row.reference}`, sk: 'item' } }))).Item;
    const days = ((await rawRow())?.expiresAt - Date.now() / 1000) / 86_400;
    expect(days).toBeGreaterThan(399);
    expect(days).toBeLessThanOrEqual(400);
    expect((await act('reviewer', row.reference, { kind: 'reopen', claimVersion: row.claimVersion, reason: 'payer still denies' })).body.item.state).toBe('open');
    expect((await rawRow())?.expiresAt).toBeUndefined();
    expect((await act('reviewer', row.reference, { kind: 'assign', claimVersion: row.claimVersion, assignee: 'supervisor' })).body.item.assignee).toBe('supervisor');
    expect((await list('reviewer', { filters: { assignee: 'supervisor' } })).body.items.map((i) => i.reference)).toEqual([row.reference]);
    expect((await act('reviewer', row.reference, { kind: 'note', claimVersion: row.claimVersion, note: 'called the payer' })).status).toBe(200);
    expect((await act('reviewer', row.reference, { kind: 'note', claimVersion: row.claimVersion, note: 'x'.repeat(1_001) })).status).toBe(400);
    const audit = (await claim('reviewer', row.reference)).body.audit;
    expect(audit.map((a) => [a.action, a.by, a.detail])).toEqual([
      ['routed', 'scrubber', undefined],
      ['resolve', 'biller', 'fixed SD and POS in the billing system'],
      ['reopen', 'biller', 'payer still denies'],
      ['assign', 'biller', 'supervisor'],
      ['note', 'biller', 'called the payer'],
    ]);
    for (const entry of audit) expect(Date.parse(entry.at)).toBeGreaterThan(0);
  });

  it('refuses an unknown action, a missing override reason, and an action on a version that is no longer the claim\'s', async () => {
    const row = await rowOf('HI-2020-0006');
    expect((await act('supervisor', row.reference, { kind: 'approve', claimVersion: row.claimVersion })).status).toBe(400);
    const noReason = await act('supervisor', row.reference, { kind: 'override', claimVersion: row.claimVersion, reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toMatch(/reason/);
    const stale = await act('reviewer', row.reference, { kind: 'note', claimVersion: '2020-01-01T00:00:00.000Z#000000000', note: 'old page' });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toBe('stale');
  });

  it('override: a supervisor releases a flagged claim to the clean queue with the reason, and it leaves the open list', async () => {
    const row = await rowOf('HI-2020-0008');
    const released = await act('supervisor', row.reference, { kind: 'override', claimVersion: row.claimVersion, reason: 'ACME-HEALTH policy confirmed by phone' });
    expect(released.status).toBe(200);
    expect(released.body.item.state).toBe('overridden');
    const clean = (await receiveAll(t.stack.clients.sqs, t.stack.resources.cleanQueueUrl, { remove: false })).map((m) => ({ body: JSON.parse(m.Body ?? '{}') as Record<string, unknown>, attributes: m.MessageAttributes }));
    const release = clean.find((m) => m.body.claimId === 'HI-2020-0008');
    expect(release?.body).toMatchObject({ release: { by: 'supervisor', reason: 'ACME-HEALTH policy confirmed by phone' }, result: { status: 'flagged' }, claimVersion: row.claimVersion });
    expect(release?.attributes?.released?.StringValue).toBe('true');
    expect((await list('reviewer')).body.items.map((i) => i.reference)).not.toContain(row.reference);
  });

  it('correct and rescrub: a corrected claim goes through the pipeline; clean, it leaves the list; a late copy of the old version changes nothing', async () => {
    const row = await rowOf('HI-2020-0007');
    const before = await t.store.get(row.reference);
    const body = await t.store.getClaimBody(row.reference, row.claimVersion);
    const page = await claim('reviewer', row.reference);
    const edited = { ...(body?.claim as Record<string, unknown>), patient: undefined, lines: page.body.claim?.lines.map((l) => ({ ...l, modifiers: [], infusionMinutes: undefined, placeOfService: undefined, performedBy: undefined, chargeAmount: undefined })) };
    const sent = await correct('reviewer', row.reference, { claimVersion: row.claimVersion, claim: JSON.parse(JSON.stringify(edited)) as object });
    expect(sent.status).toBe(202);
    expect(sent.body.claimVersion > row.claimVersion).toBe(true);
    await t.waitForItem(row.reference, (item) => item?.state === 'superseded');
    expect((await list('reviewer')).body.items.map((i) => i.reference)).not.toContain(row.reference);
    const after = await claim('reviewer', row.reference);
    expect(after.body.history.map((h) => h.status)).toEqual(['flagged', 'clean']);
    expect(after.body.audit.map((a) => a.action)).toEqual(['routed', 'correct', 'superseded']);

    // The old review message delivered again, late: the worklist keeps the newer version.
    const old = { messageVersion: 3, claimId: 'HI-2020-0007', billingNpi: before?.item.billingNpi, claimVersion: row.claimVersion, deduplicationId: before?.item.deduplicationId, claimReference: row.reference, claim: body?.claim, result: body?.result };
    await t.stack.clients.sqs.send(new SendMessageCommand({ QueueUrl: t.stack.resources.reviewQueueUrl, MessageBody: JSON.stringify(old) }));
    await t.stack.clients.sqs.send(new SendMessageCommand({ QueueUrl: t.stack.resources.reviewQueueUrl, MessageBody: JSON.stringify({ ...old, deduplicationId: 'a-different-copy' }) }));
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const stored = await t.store.get(row.reference);
    expect(stored?.item).toMatchObject({ state: 'superseded', claimVersion: sent.body.claimVersion });
  });

  it('correct and rescrub with a corrected claim file: still flagged, the item moves to the new version', async () => {
    const row = await rowOf('HI-2020-0005');
    const body = await t.store.getClaimBody(row.reference, row.claimVersion);
    const file = JSON.stringify({ ...(body?.claim as Record<string, unknown>), submittedAt: '2020-03-06T10:00:00Z' });
    const sent = await correct('reviewer', row.reference, { claimVersion: row.claimVersion, file: { name: 'corrected.json', text: file } });
    expect(sent.status).toBe(202);
    await t.waitForItem(row.reference, (item) => item?.claimVersion === sent.body.claimVersion);
    const after = await claim('reviewer', row.reference);
    expect(after.body.item).toMatchObject({ state: 'open', claimVersion: sent.body.claimVersion, scrubStatus: 'flagged' });
    expect(after.body.history).toHaveLength(2);
    // The page the reviewer had open names the old version: acting on it is refused.
    expect((await act('reviewer', row.reference, { kind: 'resolve', claimVersion: row.claimVersion, note: 'done' })).status).toBe(409);
  });

  it('refuses an invalid, an oversize, another claim\'s or an unreadable correction, saying why', async () => {
    const row = await rowOf('HI-2020-0006');
    const body = (await t.store.getClaimBody(row.reference, row.claimVersion))?.claim as Record<string, unknown>;
    const invalid = await correct('reviewer', row.reference, { claimVersion: row.claimVersion, claim: { ...body, lines: [{ lineNumber: 1, procedureCode: 'S9500', units: 0, serviceDate: '2020-02-30' }] } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.problems?.map((p) => p.path)).toEqual(expect.arrayContaining(['lines[0].units', 'lines[0].serviceDate']));
    const oversize = await correct('reviewer', row.reference, { claimVersion: row.claimVersion, claim: { ...body, notes: 'x'.repeat(250_000) } });
    expect(oversize.status).toBe(413);
    const renamed = await correct('reviewer', row.reference, { claimVersion: row.claimVersion, claim: { ...body, claimId: 'HI-2020-9999' } });
    expect(renamed.status).toBe(400);
    expect(renamed.body.message).toMatch(/claim id/);
    const unreadable = await correct('reviewer', row.reference, { claimVersion: row.claimVersion, file: { name: 'scan.pdf', text: '%PDF-1.7 binary' } });
    expect(unreadable.status).toBe(400);
    const stale = await correct('reviewer', row.reference, { claimVersion: '2020-01-01T00:00:00.000Z#000000000', claim: body });
    expect(stale.status).toBe(409);
    expect((await t.store.get(row.reference))?.item.claimVersion).toBe(row.claimVersion);
  });
});
