import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { TOKEN_CLAIMS } from '../shared/aws/worklist-token.ts';
import type { LocalUser } from './worklist-users.ts';

/** An hour, as the construct's user pool gives its ID tokens. */
export const TOKEN_LIFETIME_SECONDS = 3_600;
const AUDIENCE = 'claim-scrubber-worklist-local';

/**
 * The local stack's tokens: signed with a key made at start (so a restart signs everyone out), carrying
 * the claims a Cognito ID token carries (worklist-token.ts), and verified the way API Gateway's JWT
 * authorizer verifies Cognito's: signature, issuer, audience, expiry.
 */
export class LocalTokens {
  private readonly key = randomBytes(32);
  private readonly issuer: string;

  constructor(issuer: string) {
    this.issuer = issuer;
  }

  async issue(user: LocalUser, now = Date.now()): Promise<{ token: string; expiresAt: string }> {
    const issuedAt = Math.floor(now / 1000);
    const token = await new SignJWT({
      [TOKEN_CLAIMS.username]: user.username,
      [TOKEN_CLAIMS.groups]: user.roles,
      [TOKEN_CLAIMS.organisation]: user.organisationId,
      token_use: 'id',
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.username)
      .setIssuer(this.issuer)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + TOKEN_LIFETIME_SECONDS)
      .sign(this.key);
    return { token, expiresAt: new Date((issuedAt + TOKEN_LIFETIME_SECONDS) * 1000).toISOString() };
  }

  /**
   * The token's claims as API Gateway hands them to the function: every value a string, a list as
   * "[a b]". Undefined for a token that is missing, malformed, tampered with, expired or not ours.
   */
  async verify(token: string | undefined): Promise<Record<string, string> | undefined> {
    if (!token) return undefined;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.key, { issuer: this.issuer, audience: AUDIENCE, algorithms: ['HS256'] }));
    } catch {
      return undefined;
    }
    return Object.fromEntries(Object.entries(payload).map(([name, value]) => [name, Array.isArray(value) ? `[${value.join(' ')}]` : String(value)]));
  }
}
