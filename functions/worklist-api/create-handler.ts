import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { WorklistForbidden, WorklistInvalid, WorklistNotFound, WorklistStale } from '../../shared/application/worklist/access.ts';
import { WORKLIST_ROUTES, type ErrorResponse, type RouteName } from '../../shared/application/worklist/api.ts';
import type { WorklistUser } from '../../shared/application/worklist/model.ts';
import { WorklistInvalidClaim, WorklistTooLarge } from '../../shared/application/worklist/service.ts';
import type { WorklistApiDeps } from './dependencies.ts';
import { WORKLIST_METRICS } from './metric-names.ts';
import { userFromClaims } from './user-from-claims.ts';

export type WorklistApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type WorklistApiResult = APIGatewayProxyStructuredResultV2;
export type WorklistApiHandler = (event: WorklistApiEvent, context: Context) => Promise<WorklistApiResult>;

const ROUTE_BY_KEY = new Map<string, RouteName>(Object.entries(WORKLIST_ROUTES).map(([name, route]) => [`${route.method} ${route.path}`, name as RouteName]));
const REFERENCE = /^cr-[0-9a-f]{20}$/;

/**
 * The worklist API behind API Gateway's JWT authorizer (in AWS) or the local server (which verifies its
 * own tokens the same way): reads the user from the verified token's claims, calls the worklist service
 * and maps its errors to status codes. Logs say which route answered what, never which claim.
 */
export function createWorklistApiHandler(deps: WorklistApiDeps): WorklistApiHandler {
  const { logger, metrics } = deps;
  const answer = async (event: WorklistApiEvent): Promise<WorklistApiResult> => {
    const route = ROUTE_BY_KEY.get(event.routeKey);
    if (!route) return error(404, 'not_found', 'no such route');
    const user = userFromClaims(event.requestContext.authorizer?.jwt?.claims);
    if (!user) return error(403, 'forbidden', 'your sign-in names no organisation or role for the worklist: ask an administrator');
    try {
      const result = await dispatch(route, user, event, deps);
      return { statusCode: route === 'correction' ? 202 : 200, headers: JSON_HEADERS, body: JSON.stringify(result) };
    } catch (thrown) {
      const mapped = errorAnswer(thrown);
      if (mapped) return mapped;
      metrics.addMetric(WORKLIST_METRICS.apiFailures, MetricUnit.Count, 1);
      logger.error('worklist request failed', { route, error: thrown instanceof Error ? { name: thrown.name, stack: thrown.stack } : String(thrown) });
      return error(503, 'unavailable', 'the worklist could not answer just now: try again in a moment');
    }
  };
  const handle = async (event: WorklistApiEvent): Promise<WorklistApiResult> => {
    const started = Date.now();
    const result = await answer(event);
    metrics.addMetric(WORKLIST_METRICS.requests, MetricUnit.Count, 1);
    logger.info('worklist request', { route: event.routeKey, status: result.statusCode, ms: Date.now() - started });
    return result;
  };
  return middy<WorklistApiEvent, WorklistApiResult, Error, Context>(handle)
    .use(captureLambdaHandler(deps.tracer, { captureResponse: false }))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics));
}

async function dispatch(route: RouteName, user: WorklistUser, event: WorklistApiEvent, deps: WorklistApiDeps): Promise<unknown> {
  const { service, metrics } = deps;
  const reference = event.pathParameters?.reference;
  const claimRoute = route === 'claim' || route === 'action' || route === 'correction';
  if (claimRoute && (reference === undefined || !REFERENCE.test(reference))) throw new WorklistNotFound();
  switch (route) {
    case 'me':
      return service.me(user);
    case 'list':
      return service.list(user, bodyOf(event));
    case 'counts':
      return service.counts(user, bodyOf(event));
    case 'claim':
      return service.claim(user, reference as string);
    case 'action': {
      const outcome = await service.act(user, reference as string, bodyOf(event));
      metrics.addDimensions({ action: outcome.audit.action });
      metrics.addMetric(WORKLIST_METRICS.actions, MetricUnit.Count, 1);
      return outcome;
    }
    case 'correction': {
      const outcome = await service.correct(user, reference as string, bodyOf(event));
      metrics.addMetric(WORKLIST_METRICS.corrections, MetricUnit.Count, 1);
      return outcome;
    }
  }
}

function bodyOf(event: WorklistApiEvent): unknown {
  if (event.body === undefined || event.body === '') return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch {
    throw new WorklistInvalid('the request body is not JSON');
  }
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

function error(statusCode: number, code: ErrorResponse['error'], message: string, problems?: ErrorResponse['problems']): WorklistApiResult {
  const body: ErrorResponse = { error: code, message, ...(problems ? { problems } : {}) };
  return { statusCode, headers: JSON_HEADERS, body: JSON.stringify(body) };
}

/** The worklist's own errors as answers; anything else is the API's failure (undefined here). */
function errorAnswer(thrown: unknown): WorklistApiResult | undefined {
  if (thrown instanceof WorklistNotFound) return error(404, 'not_found', thrown.message);
  if (thrown instanceof WorklistForbidden) return error(403, 'forbidden', thrown.message);
  if (thrown instanceof WorklistStale) return error(409, 'stale', thrown.message);
  if (thrown instanceof WorklistTooLarge) return error(413, 'too_large', thrown.message);
  if (thrown instanceof WorklistInvalidClaim) return error(400, 'invalid', thrown.message, thrown.problems);
  if (thrown instanceof WorklistInvalid) return error(400, 'invalid', thrown.message);
  return undefined;
}
