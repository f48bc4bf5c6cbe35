import { createWorklistApiHandler } from './create-handler.ts';
import { worklistApiDepsFromEnv } from './dependencies.ts';

/** The Lambda entry point: API Gateway HTTP API (payload 2.0), every route behind the JWT authorizer. */
export const handler = createWorklistApiHandler(worklistApiDepsFromEnv(process.env));
