import type { Role, WorklistUser } from '../../shared/application/worklist/model.ts';
import { TOKEN_CLAIMS } from '../../shared/aws/worklist-token.ts';

const ROLES: readonly Role[] = ['reviewer', 'supervisor'];

/**
 * The user a verified token names. API Gateway's JWT authorizer hands the claims on as strings, a list
 * claim such as `cognito:groups` as "[reviewer supervisor]"; the local server hands them on the same
 * way. Undefined when the token names no organisation or no role: such a user may not use the worklist.
 */
export function userFromClaims(claims: Record<string, unknown> | undefined): WorklistUser | undefined {
  if (!claims) return undefined;
  const id = text(claims[TOKEN_CLAIMS.email]) ?? text(claims[TOKEN_CLAIMS.username]) ?? text(claims[TOKEN_CLAIMS.subject]);
  const organisationId = text(claims[TOKEN_CLAIMS.organisation]);
  const roles = groupsOf(claims[TOKEN_CLAIMS.groups]).filter((group): group is Role => (ROLES as readonly string[]).includes(group));
  if (!id || !organisationId || roles.length === 0) return undefined;
  return { id, organisationId, roles };
}

function groupsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value !== 'string') return [];
  return value.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter((g) => g.length > 0);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
