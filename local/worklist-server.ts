import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOCAL_SIGN_IN_PATH, PAGE_CONFIG_PATH, WORKLIST_ROUTES, type PageConfig } from '../shared/application/worklist/api.ts';
import type { WorklistApiEvent, WorklistApiHandler } from '../functions/worklist-api/create-handler.ts';
import { contentSecurityPolicy, SECURITY_HEADERS } from '../web/security-headers.ts';
import type { PageFile } from '../web/build.ts';
import { lambdaContext } from './lambda-context.ts';
import { LocalTokens } from './worklist-tokens.ts';
import { signIn, type LocalUsers } from './worklist-users.ts';

/** API Gateway's payload limit is 10 MB; a corrected claim file is at most 1 million characters. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;
const FUNCTION_TIMEOUT_MS = 29_000;

export interface WorklistServerOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  page: Map<string, PageFile>;
  api: WorklistApiHandler;
  users: LocalUsers;
  region?: string;
}

export interface WorklistServer {
  url: string;
  tokens: LocalTokens;
  stop(): Promise<void>;
}

const ROUTES = Object.values(WORKLIST_ROUTES).map((route) => ({
  ...route,
  pattern: new RegExp(`^${route.path.replace('{reference}', '(?<reference>[^/]+)')}$`),
}));

/**
 * The worklist on 127.0.0.1: the page, and the API in front of the same handler AWS runs. It plays
 * API Gateway's part: only a request with a valid token (signed here, at sign-in) reaches the handler,
 * with the token's claims where the JWT authorizer puts them. Every answer carries the page's security
 * headers. There is no open door: without a token, only the page itself and the sign-in answer.
 */
export async function startWorklistServer(options: WorklistServerOptions): Promise<WorklistServer> {
  const host = options.host ?? '127.0.0.1';
  const region = options.region ?? 'us-east-1';
  // Made at start: a restart signs everyone out.
  const tokens = new LocalTokens('claim-scrubber-local');
  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, json({ error: 'unavailable', message: 'the local worklist server failed on this request' }));
      process.stderr.write(`worklist server: ${error instanceof Error ? error.message : String(error)}\n`);
    });
  });
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://local');
    const method = request.method ?? 'GET';
    if (url.pathname === LOCAL_SIGN_IN_PATH) return signInAnswer(request, response, method);
    if (url.pathname.startsWith('/api/')) return apiAnswer(request, response, method, url.pathname);
    if (method !== 'GET' && method !== 'HEAD') return send(response, 405, json({ error: 'invalid', message: 'the page is read with GET' }));
    if (url.pathname === PAGE_CONFIG_PATH) return send(response, 200, json({ auth: 'local', signInPath: LOCAL_SIGN_IN_PATH } satisfies PageConfig));
    const file = options.page.get(url.pathname === '/' ? '/index.html' : url.pathname);
    if (!file) return send(response, 404, json({ error: 'not_found', message: 'no such page' }));
    return send(response, 200, { body: file.body, contentType: file.contentType }, url.pathname === '/' || url.pathname === '/index.html' ? 'no-cache' : 'public, max-age=31536000, immutable');
  };
  const signInAnswer = async (request: IncomingMessage, response: ServerResponse, method: string): Promise<void> => {
    if (method !== 'POST') return send(response, 405, json({ error: 'invalid', message: 'sign in with POST' }));
    const body = await readBody(request);
    if (body === undefined) return send(response, 413, json({ error: 'too_large', message: 'the request is too large' }));
    let credentials: { username?: unknown; password?: unknown } = {};
    try {
      const parsed: unknown = JSON.parse(body.toString('utf8'));
      // JSON that is not an object ("null", a list, a number) names no user either.
      if (typeof parsed === 'object' && parsed !== null) credentials = parsed;
    } catch {
      // Answered below as any bad sign-in.
    }
    const user = typeof credentials.username === 'string' && typeof credentials.password === 'string' ? signIn(options.users, credentials.username, credentials.password) : undefined;
    if (!user) return send(response, 401, json({ error: 'unauthorized', message: 'unknown user name or wrong password' }));
    return send(response, 200, json(await tokens.issue(user)));
  };
  const apiAnswer = async (request: IncomingMessage, response: ServerResponse, method: string, path: string): Promise<void> => {
    const route = ROUTES.find((r) => r.method === method && r.pattern.test(path));
    if (!route) return send(response, 404, json({ error: 'not_found', message: 'no such route' }));
    const claims = await tokens.verify(bearerToken(request));
    if (!claims) return send(response, 401, json({ error: 'unauthorized', message: 'sign in again: the request carries no valid token' }), undefined, { 'WWW-Authenticate': 'Bearer' });
    const body = await readBody(request);
    if (body === undefined) return send(response, 413, json({ error: 'too_large', message: 'the request is too large' }));
    const reference = route.pattern.exec(path)?.groups?.reference;
    const event = apiEvent(`${route.method} ${route.path}`, method, path, body, claims, reference);
    const result = await options.api(event, lambdaContext('worklist-api', region, Date.now() + FUNCTION_TIMEOUT_MS));
    const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)]));
    return send(response, result.statusCode ?? 200, { body: result.body ?? '', contentType: headers['content-type'] ?? 'application/json' }, 'no-store');
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}`;
  return {
    url,
    tokens,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function bearerToken(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

/** The request body, or undefined once it passes the limit. */
async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The event API Gateway (HTTP API, payload 2.0) sends after its JWT authorizer accepted the token. */
function apiEvent(routeKey: string, method: string, path: string, body: Buffer, claims: Record<string, string>, reference: string | undefined): WorklistApiEvent {
  const now = Date.now();
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    ...(body.length > 0 ? { body: body.toString('utf8') } : {}),
    isBase64Encoded: false,
    ...(reference === undefined ? {} : { pathParameters: { reference } }),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: '127.0.0.1',
      domainPrefix: 'local',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'local' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims, scopes: [] } },
    },
  } as WorklistApiEvent;
}

function json(value: unknown): { body: string; contentType: string } {
  return { body: JSON.stringify(value), contentType: 'application/json; charset=utf-8' };
}

function send(response: ServerResponse, status: number, content: { body: string | Uint8Array; contentType: string }, cache = 'no-store', extra: Record<string, string> = {}): void {
  response.writeHead(status, {
    'Content-Type': content.contentType,
    'Cache-Control': cache,
    'Content-Security-Policy': contentSecurityPolicy(),
    ...SECURITY_HEADERS,
    ...extra,
  });
  response.end(content.body);
}
