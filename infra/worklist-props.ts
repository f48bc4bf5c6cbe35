import type * as acm from 'aws-cdk-lib/aws-certificatemanager';

/** An organisation whose users work the claims billed under its NPIs; no NPI may have two. */
export interface WorklistOrganisation {
  /** 1-64 letters, digits, '.', '_' or '-': the value of a user's `custom:organisation` attribute. */
  readonly id: string;
  /** @default - the id */
  readonly name?: string;
  /** The billing provider NPIs whose claims the organisation's users see. */
  readonly billingNpis: readonly string[];
}

/** The review worklist: who works it, and how its page is reached. */
export interface WorklistProps {
  /** At least one. Users see only their own organisation's claims. */
  readonly organisations: readonly WorklistOrganisation[];
  /**
   * The prefix of the Cognito hosted sign-in's domain, `https://<prefix>.auth.<region>.amazoncognito.com`:
   * unique in the region across all AWS accounts, lower-case letters, digits and hyphens, without
   * "aws", "amazon" or "cognito".
   * @default - the construct's unique name and the account id
   */
  readonly domainPrefix?: string;
  /** More addresses Cognito may send a signed-in user back to, besides the page's own. @default - none */
  readonly callbackUrls?: readonly string[];
  /**
   * `'optional'` lets users sign in without a second factor unless they set one up. For claims (PHI),
   * keep it required.
   * @default 'required' (TOTP)
   */
  readonly mfa?: 'required' | 'optional';
  /**
   * Serve the page under these names (with `certificate`) instead of only `<id>.cloudfront.net`; the
   * first is the page's address. Point them at the distribution (a DNS alias) yourself.
   * @default - the distribution's own domain
   */
  readonly domainNames?: readonly string[];
  /** An ACM certificate in us-east-1 covering `domainNames`; viewers then need TLS 1.2 or later. @default - none */
  readonly certificate?: acm.ICertificate;
  /** The ARN of an AWS WAF web ACL with CLOUDFRONT scope (made in us-east-1) for the distribution. @default - none */
  readonly webAclArn?: string;
  /** ISO 3166-1 country codes the page may be used from; any other country is refused. @default - every country */
  readonly allowedCountries?: readonly string[];
}
