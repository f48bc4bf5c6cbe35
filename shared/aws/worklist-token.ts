/**
 * The token claims the worklist API reads a user from. They are Amazon Cognito ID-token claims, so the
 * same API handler reads a Cognito token (verified by API Gateway's JWT authorizer) and a token the local
 * stack signs (verified by the local server) alike.
 */
export const TOKEN_CLAIMS = {
  subject: 'sub',
  /** The name the audit trail records the user by. */
  username: 'cognito:username',
  email: 'email',
  /** Cognito groups, which are the roles: `reviewer`, `supervisor`. */
  groups: 'cognito:groups',
  /** A custom attribute of the user pool: the organisation the user works for. */
  organisation: 'custom:organisation',
} as const;

/** The user pool's custom attribute behind TOKEN_CLAIMS.organisation, as the construct declares it. */
export const ORGANISATION_ATTRIBUTE = 'organisation';
