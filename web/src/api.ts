import type {
  ActionRequest,
  ActionResponse,
  ClaimResponse,
  CorrectionRequest,
  CorrectionResponse,
  CountsResponse,
  ErrorResponse,
  ListRequest,
  ListResponse,
  MeResponse,
  PageConfig,
  RouteName,
} from '../../shared/application/worklist/api.ts';
import { PAGE_CONFIG_PATH, WORKLIST_ROUTES } from '../../shared/application/worklist/api.ts';

/**
 * The page's client of the worklist API. The token goes in the Authorization header, never in a cookie
 * (`credentials: 'omit'`), and nothing about a claim goes in a URL but its opaque reference: filters and
 * the claim id searched for travel in request bodies.
 */

/** An answer the page shows as it is: the API's ErrorResponse, or one made up for a failure without one. */
export class ApiError extends Error {
  readonly status: number;
  readonly body: ErrorResponse;

  constructor(status: number, body: ErrorResponse) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }

  get kind(): ErrorResponse['error'] {
    return this.body.error;
  }
}

export interface WorklistApi {
  me(): Promise<MeResponse>;
  list(request: ListRequest): Promise<ListResponse>;
  counts(request: ListRequest): Promise<CountsResponse>;
  claim(reference: string): Promise<ClaimResponse>;
  action(reference: string, request: ActionRequest): Promise<ActionResponse>;
  correct(reference: string, request: CorrectionRequest): Promise<CorrectionResponse>;
}

/**
 * @param token the current bearer token, read per request
 * @param onUnauthorized called on a 401 (the token expired or was revoked): the page asks to sign in again
 */
export function worklistApi(token: () => string | null, onUnauthorized: (message: string) => void): WorklistApi {
  async function call<T>(route: RouteName, options: { reference?: string; body?: unknown } = {}): Promise<T> {
    const { method, path } = WORKLIST_ROUTES[route];
    const url = options.reference === undefined ? path : path.replace('{reference}', encodeURIComponent(options.reference));
    const headers: Record<string, string> = { Accept: 'application/json' };
    const bearer = token();
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await send(url, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    if (response.status === 401) {
      const error = await errorOf(response);
      onUnauthorized(error.message);
      throw error;
    }
    if (!response.ok) throw await errorOf(response);
    return (await response.json()) as T;
  }

  return {
    me: () => call<MeResponse>('me'),
    list: (request) => call<ListResponse>('list', { body: request }),
    counts: (request) => call<CountsResponse>('counts', { body: request }),
    claim: (reference) => call<ClaimResponse>('claim', { reference }),
    action: (reference, request) => call<ActionResponse>('action', { reference, body: request }),
    correct: (reference, request) => call<CorrectionResponse>('correction', { reference, body: request }),
  };
}

/** How to sign in, from beside the page. */
export async function loadPageConfig(): Promise<PageConfig> {
  const response = await send(PAGE_CONFIG_PATH, { method: 'GET', headers: { Accept: 'application/json' } });
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as PageConfig;
}

/** A POST of JSON to the page's own origin, without credentials (the local sign-in). */
export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const response = await send(path, { method: 'POST', headers: { Accept: 'application/json', 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as T;
}

/** fetch without cookies or cache, and a sentence when the service cannot be reached. */
export async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer' });
  } catch {
    throw new ApiError(0, { error: 'unavailable', message: 'The worklist service could not be reached. Check your connection and try again.' });
  }
}

async function errorOf(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (isErrorResponse(body)) return new ApiError(response.status, body);
  const error: ErrorResponse['error'] =
    response.status === 401 ? 'unauthorized' : response.status === 403 ? 'forbidden' : response.status === 404 ? 'not_found' : response.status === 413 ? 'too_large' : 'unavailable';
  return new ApiError(response.status, { error, message: `The worklist service answered ${response.status} ${response.statusText}`.trim() + '. Try again in a moment.' });
}

function isErrorResponse(value: unknown): value is ErrorResponse {
  return typeof value === 'object' && value !== null && typeof (value as ErrorResponse).error === 'string' && typeof (value as ErrorResponse).message === 'string';
}

/** The sentence to show for any failure. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.body.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
