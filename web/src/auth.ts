import type { PageConfig } from '../../shared/application/worklist/api.ts';
import { ApiError, postJson, send } from './api.ts';

/**
 * Signing in. The token lives in sessionStorage (this tab only, gone when it closes) and travels only
 * in the Authorization header. Locally the page posts a username and password to the local stack's
 * sign-in; in AWS it sends the user to Amazon Cognito's hosted sign-in with the authorization-code flow
 * and PKCE, and exchanges the code for tokens itself (the ID token is the bearer: it carries the user's
 * groups and organisation).
 */

export interface Session {
  token: string;
  /** ISO 8601. */
  expiresAt: string;
}

const SESSION_KEY = 'worklist.session';
const PKCE_KEY = 'worklist.pkce';

export function currentSession(): Session | null {
  const stored = readJson<Session>(SESSION_KEY);
  if (!stored || typeof stored.token !== 'string' || typeof stored.expiresAt !== 'string') return null;
  // A minute's margin, so a request does not leave with a token about to expire.
  if (Date.parse(stored.expiresAt) - 60_000 <= Date.now()) {
    sessionStorage.removeItem(SESSION_KEY);
    return null;
  }
  return stored;
}

function keep(session: Session): Session {
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  return session;
}

/** The local stack's sign-in form. A wrong username or password is a 401 whose message is shown. */
export async function signInLocally(signInPath: string, username: string, password: string): Promise<Session> {
  const answer = await postJson<{ token: string; expiresAt: string }>(signInPath, { username, password });
  return keep({ token: answer.token, expiresAt: answer.expiresAt });
}

/** Forgets the token; in AWS also ends the hosted sign-in's session and comes back to the page. */
export function signOut(config: PageConfig | null): void {
  sessionStorage.removeItem(SESSION_KEY);
  if (config?.auth === 'cognito') {
    const logout = new URL('/logout', cognitoOrigin(config.domain));
    logout.searchParams.set('client_id', config.clientId);
    logout.searchParams.set('logout_uri', config.redirectUri);
    window.location.assign(logout.toString());
  }
}

interface PkceState {
  verifier: string;
  state: string;
  /** The page's hash when sign-in began (a claim an alert linked to), restored afterwards. */
  hash: string;
}

/** Sends the browser to the hosted sign-in. */
export async function beginCognitoSignIn(config: Extract<PageConfig, { auth: 'cognito' }>): Promise<void> {
  const verifier = randomToken(48);
  const state = randomToken(24);
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state, hash: window.location.hash } satisfies PkceState));
  const authorize = new URL('/oauth2/authorize', cognitoOrigin(config.domain));
  authorize.searchParams.set('response_type', 'code');
  authorize.searchParams.set('client_id', config.clientId);
  authorize.searchParams.set('redirect_uri', config.redirectUri);
  authorize.searchParams.set('scope', 'openid email profile');
  authorize.searchParams.set('state', state);
  authorize.searchParams.set('code_challenge_method', 'S256');
  authorize.searchParams.set('code_challenge', challenge);
  window.location.assign(authorize.toString());
}

/**
 * When the hosted sign-in sent the browser back with `?code=…&state=…`: exchanges the code (with the
 * PKCE verifier) for tokens, keeps the ID token, and takes the code out of the address bar. Null when
 * the page was not opened from a sign-in.
 */
export async function completeCognitoSignIn(config: Extract<PageConfig, { auth: 'cognito' }>): Promise<Session | null> {
  const params = new URLSearchParams(window.location.search);
  const code = params.get('code');
  const returnedState = params.get('state');
  const failure = params.get('error_description') ?? params.get('error');
  if (!code && !failure) return null;
  const pkce = readJson<PkceState>(PKCE_KEY);
  sessionStorage.removeItem(PKCE_KEY);
  window.history.replaceState(null, '', `${window.location.pathname}${pkce?.hash ?? ''}`);
  if (failure) throw new ApiError(401, { error: 'unauthorized', message: `Sign-in failed: ${failure}` });
  if (!pkce || pkce.state !== returnedState) throw new ApiError(401, { error: 'unauthorized', message: 'That sign-in was not started from this tab. Sign in again.' });
  const body = new URLSearchParams({ grant_type: 'authorization_code', client_id: config.clientId, code: code ?? '', redirect_uri: config.redirectUri, code_verifier: pkce.verifier });
  const response = await send(new URL('/oauth2/token', cognitoOrigin(config.domain)).toString(), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: body.toString(),
  });
  if (!response.ok) throw new ApiError(401, { error: 'unauthorized', message: 'The sign-in service did not accept the sign-in. Sign in again.' });
  const tokens = (await response.json()) as { id_token?: string; expires_in?: number };
  if (!tokens.id_token) throw new ApiError(401, { error: 'unauthorized', message: 'The sign-in service gave no ID token. Sign in again.' });
  return keep({ token: tokens.id_token, expiresAt: new Date(Date.now() + (tokens.expires_in ?? 3600) * 1000).toISOString() });
}

/** The hosted sign-in's origin: the configured domain, with or without its scheme. */
function cognitoOrigin(domain: string): string {
  return /^https:\/\//.test(domain) ? domain : `https://${domain}`;
}

function randomToken(bytes: number): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function readJson<T>(key: string): T | null {
  try {
    const raw = sessionStorage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}
