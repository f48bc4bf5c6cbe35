import { readFileSync } from 'node:fs';
import type { WorklistOrganisation, WorklistProps } from './worklist-props.ts';

/**
 * The organisation `-c worklistOrganisations=example` deploys the worklist with: the billing NPIs the
 * claims under examples/ are billed by, as the local stack's example organisation has them.
 */
export const EXAMPLE_ORGANISATIONS: readonly WorklistOrganisation[] = [{ id: 'riverbend', name: 'Riverbend Home Infusion', billingNpis: ['1234567893', '1245319599'] }];

/**
 * The worklist from `-c` options: `worklistOrganisations=<file>` (a JSON list of
 * `{ "id", "name", "billingNpis" }`) or `=example`, and `worklistDomainPrefix=<prefix>`. Without
 * worklistOrganisations there is no worklist: the review queue is left for your own consumer.
 */
export function worklistFromContext(text: (key: string) => string | undefined): { worklist?: WorklistProps } {
  const source = text('worklistOrganisations');
  if (source === undefined) return {};
  const organisations = source === 'example' ? EXAMPLE_ORGANISATIONS : readOrganisations(source);
  const domainPrefix = text('worklistDomainPrefix');
  return { worklist: { organisations, ...(domainPrefix === undefined ? {} : { domainPrefix }) } };
}

/** The file's JSON as given: the construct checks it (ids, NPIs, no NPI owned twice) and names what is wrong. */
function readOrganisations(path: string): WorklistOrganisation[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`worklistOrganisations: cannot read ${path} as JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  if (!Array.isArray(json)) throw new Error(`worklistOrganisations: ${path} must hold a JSON list of organisations`);
  return json as WorklistOrganisation[];
}
