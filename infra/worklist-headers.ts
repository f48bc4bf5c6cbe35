import { Duration } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';
import { contentSecurityPolicy, SECURITY_HEADERS } from '../web/security-headers.ts';

/** The headers CloudFront sets in its own security-headers config; it refuses them as custom headers. */
const SECURITY_CONFIG_HEADERS = ['Content-Security-Policy', 'X-Content-Type-Options', 'X-Frame-Options', 'Referrer-Policy', 'Strict-Transport-Security'] as const;

/**
 * The page's and the API's response headers through CloudFront: the same set the local server sends
 * (web/security-headers.ts), the content security policy letting the page also reach the Cognito
 * sign-in origin (the token exchange). Each replaces whatever the origin sent.
 */
export function createResponseHeadersPolicy(scope: Construct, id: string, signInOrigin: string): cloudfront.ResponseHeadersPolicy {
  const hsts = /^max-age=(\d+)(; includeSubDomains)?$/.exec(SECURITY_HEADERS['Strict-Transport-Security']);
  if (!hsts) throw new Error(`Strict-Transport-Security '${SECURITY_HEADERS['Strict-Transport-Security']}' is not max-age=<seconds>[; includeSubDomains]`);
  return new cloudfront.ResponseHeadersPolicy(scope, id, {
    comment: 'Claim scrubber review worklist: CSP and security headers',
    securityHeadersBehavior: {
      contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy([signInOrigin]), override: true },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: enumValue(cloudfront.HeadersFrameOption, SECURITY_HEADERS['X-Frame-Options']), override: true },
      referrerPolicy: { referrerPolicy: enumValue(cloudfront.HeadersReferrerPolicy, SECURITY_HEADERS['Referrer-Policy']), override: true },
      strictTransportSecurity: { accessControlMaxAge: Duration.seconds(Number(hsts[1])), includeSubdomains: hsts[2] !== undefined, override: true },
    },
    customHeadersBehavior: {
      customHeaders: Object.entries(SECURITY_HEADERS)
        .filter(([header]) => !(SECURITY_CONFIG_HEADERS as readonly string[]).includes(header))
        .map(([header, value]) => ({ header, value, override: true })),
    },
  });
}

/** The member of a CloudFront enum whose value is the header's value, so a value CloudFront has no member for fails synthesis. */
function enumValue<T extends string>(members: Record<string, T>, value: string): T {
  const member = Object.values(members).find((m) => m.toLowerCase() === value.toLowerCase());
  if (!member) throw new Error(`CloudFront has no setting for the header value '${value}'`);
  return member;
}
