import { ConfigError } from '../shared/aws/config.ts';
import type { Organisation } from '../shared/application/worklist/model.ts';
import { parseOrganisations } from '../shared/aws/worklist-config.ts';
import type { WorklistProps } from './worklist-props.ts';

/** The worklist props with their defaults applied, checked at synth rather than by a failed deploy. */
export interface WorklistSettings {
  /** As the functions read them (WORKLIST_ORGANISATIONS). */
  readonly organisations: readonly Organisation[];
  readonly domainPrefix: string | undefined;
  readonly callbackUrls: readonly string[];
  readonly mfa: 'required' | 'optional';
  readonly domainNames: readonly string[];
  readonly certificate: WorklistProps['certificate'];
  readonly webAclArn: string | undefined;
  readonly allowedCountries: readonly string[];
}

/** Cognito's rule for a domain prefix, and the words it refuses in one. */
const DOMAIN_PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
export const RESERVED_DOMAIN_WORDS = /aws|amazon|cognito/;

export function resolveWorklistSettings(props: WorklistProps): WorklistSettings {
  const problems: string[] = [];
  const organisations = checkedOrganisations(props, problems);
  const { domainPrefix } = props;
  if (domainPrefix !== undefined && (!DOMAIN_PREFIX.test(domainPrefix) || RESERVED_DOMAIN_WORDS.test(domainPrefix))) {
    problems.push(`worklist.domainPrefix '${domainPrefix}' must be 1-63 lower-case letters, digits and hyphens (not first or last), without "aws", "amazon" or "cognito"`);
  }
  for (const url of props.callbackUrls ?? []) {
    // Cognito takes plain HTTP for localhost only.
    if (!/^https:\/\/[^\s/]+/.test(url) && !/^http:\/\/localhost(?::\d+)?(?:\/|$)/.test(url)) problems.push(`worklist.callbackUrls: '${url}' must be an https:// address (or http://localhost)`);
  }
  const domainNames = props.domainNames ?? [];
  if ((domainNames.length > 0) !== (props.certificate !== undefined)) problems.push('worklist.domainNames and worklist.certificate go together: give both or neither');
  const allowedCountries = props.allowedCountries ?? [];
  for (const country of allowedCountries) if (!/^[A-Z]{2}$/.test(country)) problems.push(`worklist.allowedCountries: '${country}' is not a two-letter ISO 3166-1 code`);
  if (props.allowedCountries !== undefined && allowedCountries.length === 0) problems.push('worklist.allowedCountries is empty: nobody could open the page');
  if (problems.length > 0) throw new Error(`ClaimScrubber: ${problems.join('; ')}`);
  return {
    organisations,
    domainPrefix,
    callbackUrls: props.callbackUrls ?? [],
    mfa: props.mfa ?? 'required',
    domainNames,
    certificate: props.certificate,
    webAclArn: props.webAclArn,
    allowedCountries,
  };
}

/** The same check the functions make when they start (shared/aws/worklist-config.ts), made before a deploy. */
function checkedOrganisations(props: WorklistProps, problems: string[]): Organisation[] {
  if (props.organisations.length === 0) {
    problems.push('worklist.organisations must list at least one organisation: there are no default organisations');
    return [];
  }
  try {
    return parseOrganisations(JSON.stringify(props.organisations));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(`worklist.organisations: ${error.message}`);
    return [];
  }
}
