import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_SIGN_IN_PATH, WORKLIST_ROUTES } from '../../shared/application/worklist/api.ts';
import { startWorklistServer, type WorklistServer } from '../../local/worklist-server.ts';
import { localUsers } from '../../local/worklist-users.ts';

let server: WorklistServer;
let token: string;
const calls: string[] = [];

beforeAll(async () => {
  const users = await localUsers(undefined);
  server = await startWorklistServer({
    page: new Map(),
    users,
    api: async (event) => {
      calls.push(event.routeKey);
      return { statusCode: 200, body: '{}', headers: { 'content-type': 'application/json' } };
    },
  });
  const user = users.users[0];
  const signedIn = await fetch(`${server.url}${LOCAL_SIGN_IN_PATH}`, { method: 'POST', body: JSON.stringify({ username: user?.username, password: user?.password }) });
  token = ((await signedIn.json()) as { token: string }).token;
});
afterAll(() => server?.stop());

describe('the local worklist server answers bad requests as API Gateway would, never with a 500 or a dropped connection', () => {
  it.each(['null', '"biller"', '[]', '7', 'not json'])('a sign-in body of %s is a 401', async (body) => {
    const response = await fetch(`${server.url}${LOCAL_SIGN_IN_PATH}`, { method: 'POST', body });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'unauthorized' });
  });

  it('a sign-in body over the limit is answered 413, not cut off', async () => {
    const response = await fetch(`${server.url}${LOCAL_SIGN_IN_PATH}`, { method: 'POST', body: 'x'.repeat(4 * 1024 * 1024 + 1) });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: 'too_large' });
  });

  it('an API request body over the limit is answered 413 and never reaches the handler', async () => {
    const route = WORKLIST_ROUTES.counts;
    const response = await fetch(`${server.url}${route.path}`, { method: route.method, headers: { authorization: `Bearer ${token}` }, body: 'x'.repeat(4 * 1024 * 1024 + 1) });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: 'too_large' });
    expect(calls).toEqual([]);
  });
});
