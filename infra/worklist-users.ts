import { Aws, Duration, Fn, Names, type RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { Role } from '../shared/application/worklist/model.ts';
import { ORGANISATION_ATTRIBUTE } from '../shared/aws/worklist-token.ts';
import { RESERVED_DOMAIN_WORDS, type WorklistSettings } from './worklist-settings.ts';

/** The Cognito groups the worklist's roles are, as the ID token's `cognito:groups` carries them. */
export const WORKLIST_GROUPS: Readonly<Record<Role, string>> = {
  reviewer: "Works the claims routed to review of the user's organisation",
  supervisor: 'May also override: release a flagged claim to the clean queue, with a reason',
};

export interface WorklistUsersProps {
  readonly settings: WorklistSettings;
  readonly removalPolicy: RemovalPolicy;
  readonly deletionProtection: boolean;
}

/**
 * Who may use the worklist: a Cognito user pool whose users an administrator creates (no self sign-up),
 * each with an organisation (`custom:organisation`) and a group per role, signing in with a strong
 * password and a second factor (TOTP) on Cognito's hosted sign-in, with threat protection enforced.
 */
export class WorklistUsers extends Construct {
  readonly userPool: cognito.UserPool;
  readonly domain: cognito.UserPoolDomain;

  constructor(scope: Construct, id: string, props: WorklistUsersProps) {
    super(scope, id);
    const { settings } = props;
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      // A username for the audit trail to name, and the email address to sign in with as well.
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      // Set by an administrator only: no app client may write it (see addPageClient).
      customAttributes: { [ORGANISATION_ATTRIBUTE]: new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: true }) },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      mfa: settings.mfa === 'required' ? cognito.Mfa.REQUIRED : cognito.Mfa.OPTIONAL,
      // An authenticator app: SMS can be intercepted and costs per message.
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Threat protection (compromised credentials, risky sign-ins) needs the Plus plan; enforced, not only audited.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      userInvitation: {
        emailSubject: 'Your claim review worklist account',
        emailBody:
          'Your username is {username} and your temporary password is {####}. Open the worklist address your administrator gave you, sign in, choose a new password and set up an authenticator app.',
      },
      deletionProtection: props.deletionProtection,
      removalPolicy: props.removalPolicy,
    });
    for (const [groupName, description] of Object.entries(WORKLIST_GROUPS)) {
      new cognito.UserPoolGroup(this, `${groupName[0]?.toUpperCase()}${groupName.slice(1)}Group`, { userPool: this.userPool, groupName, description });
    }
    this.domain = this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: settings.domainPrefix ?? this.defaultDomainPrefix() } });
  }

  /** The hosted sign-in's origin, `https://<prefix>.auth.<region>.amazoncognito.com`: the page's token exchange goes there. */
  signInOrigin(): string {
    return this.domain.baseUrl();
  }

  /**
   * The page's app client: public (a browser keeps no secret), the authorization-code grant only (the
   * page adds PKCE), back to the page's own address, ID tokens good for an hour, and no answer that
   * tells whether a username exists. It reads the organisation and writes nothing a user could raise
   * their access with.
   */
  addPageClient(pageUrls: readonly string[]): cognito.UserPoolClient {
    const client = this.userPool.addClient('PageClient', {
      generateSecret: false,
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        // What the page asks for (web/src/auth.ts).
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [...pageUrls],
        logoutUrls: [...pageUrls],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      // The page keeps only the ID token; a refresh token lives as short as Cognito allows.
      refreshTokenValidity: Duration.hours(1),
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, preferredUsername: true, fullname: true })
        .withCustomAttributes(ORGANISATION_ATTRIBUTE),
      // Cognito requires a required attribute to be writable by the client; the organisation is not.
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }),
    });
    // Sign-in happens on the hosted pages only: no password or SRP flow through the client's API.
    (client.node.defaultChild as cognito.CfnUserPoolClient).explicitAuthFlows = ['ALLOW_REFRESH_TOKEN_AUTH'];
    return client;
  }

  /**
   * Unique in the region across all accounts, as Cognito requires: the construct's unique name and the
   * account id, without the words Cognito refuses in a prefix.
   */
  private defaultDomainPrefix(): string {
    const unique = Names.uniqueResourceName(this, { maxLength: 40, separator: '-' })
      .toLowerCase()
      .replace(new RegExp(RESERVED_DOMAIN_WORDS.source, 'g'), '')
      .replace(/[^a-z0-9-]/g, '')
      .replace(/^-+|-+$/g, '');
    return Fn.join('-', [unique || 'worklist', Aws.ACCOUNT_ID]);
  }
}
