import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClaimResponse, CountsResponse, ErrorResponse, ListResponse, MeResponse } from '../../shared/application/worklist/api.ts';
import { startWorklistTestStack, type WorklistTestStack } from '../support/worklist-stack.ts';

let t: WorklistTestStack;
let examples: { flaggedReferences: string[]; otherOrganisationReference: string };
const tokens: Record<string, string> = {};

async function signIn(credentials: { username: string; password: string }): Promise<string> {
  const response = await fetch(`${t.url}/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

async function call<T>(who: string | undefined, method: string, path: string, body?: unknown): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(`${t.url}${path}`, {
    method,
    headers: { ...(who ? { authorization: `Bearer ${tokens[who] ?? who}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T, headers: response.headers };
}

beforeAll(async () => {
  t = await startWorklistTestStack();
  examples = await t.loadExamples();
  tokens.reviewer = await signIn(t.users.reviewer);
  tokens.supervisor = await signIn(t.users.supervisor);
  tokens.other = await signIn(t.users.otherOrganisation);
}, 120_000);
afterAll(async () => {
  await t?.stop();
});

describe('the worklist API on the local stack', () => {
  it('lists the flagged examples, denial risk first', async () => {
    const me = await call<MeResponse>('reviewer', 'GET', '/api/me');
    expect(me.body).toMatchObject({ user: { id: 'biller', roles: ['reviewer'] }, organisation: { id: 'riverbend' } });
    const list = await call<ListResponse>('reviewer', 'POST', '/api/worklist/query', {});
    expect(list.status).toBe(200);
    expect(list.body.items.map((i) => i.reference).sort()).toEqual([...examples.flaggedReferences].sort());
    const risks = list.body.items.map((i) => i.medicareDenialRisk);
    expect(risks).toEqual([...risks].sort((a, b) => Number(b) - Number(a)));
    const counts = await call<CountsResponse>('reviewer', 'POST', '/api/worklist/counts', {});
    expect(counts.body.open).toBe(examples.flaggedReferences.length);
    const reference = examples.flaggedReferences[0] as string;
    const claim = await call<ClaimResponse>('reviewer', 'GET', `/api/claims/${reference}`);
    expect(claim.status).toBe(200);
    expect(claim.body.findings.length).toBeGreaterThan(0);
    const other = await call<ErrorResponse>('reviewer', 'GET', `/api/claims/${examples.otherOrganisationReference}`);
    expect(other.status).toBe(404);
  });
});
