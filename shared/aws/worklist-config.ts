import type { Organisation } from '../application/worklist/model.ts';
import { isValidNpi } from '../claim/npi.ts';
import { awsConnectionFromEnv, CLAIM_CHECK_BUCKET_ENV, claimReferenceKeyFromEnv, ConfigError, resultRetentionDaysFromEnv, DEFAULT_NAMES, type AwsConnection, type ClaimReferenceKeySource, type Env, WORKLIST_URL_ENV } from './config.ts';

/** The worklist functions' environment variables, set by the CDK construct and by the local stack. */
export const WORKLIST_ENV = {
  table: 'WORKLIST_TABLE_NAME',
  /** JSON: `[{ "id": "…", "name": "…", "billingNpis": ["…"] }]`, the organisations and the NPIs each owns. */
  organisations: 'WORKLIST_ORGANISATIONS',
  intakeQueueUrl: 'INTAKE_QUEUE_URL',
  cleanQueueUrl: 'CLEAN_QUEUE_URL',
  /** The page's address: alerts link to a claim there (scrub function). */
  url: WORKLIST_URL_ENV,
} as const;


export interface WorklistConfig extends AwsConnection {
  table: string;
  organisations: readonly Organisation[];
  intakeQueueUrl: string;
  cleanQueueUrl: string;
  claimCheckBucket: string;
  claimReferenceKey: ClaimReferenceKeySource;
  /** Days a closed item and a claim version's row are kept (RESULT_RETENTION_DAYS, as for result rows). */
  retentionDays: number;
}

export function worklistConfigFromEnv(env: Env): WorklistConfig {
  const missing = [WORKLIST_ENV.organisations, WORKLIST_ENV.intakeQueueUrl, WORKLIST_ENV.cleanQueueUrl].filter((name) => !env[name]);
  if (missing.length > 0) throw new ConfigError(`the worklist needs the environment variables ${missing.join(', ')}`);
  return {
    ...awsConnectionFromEnv(env),
    table: env[WORKLIST_ENV.table] ?? DEFAULT_NAMES.worklistTable,
    organisations: parseOrganisations(env[WORKLIST_ENV.organisations] as string),
    intakeQueueUrl: env[WORKLIST_ENV.intakeQueueUrl] as string,
    cleanQueueUrl: env[WORKLIST_ENV.cleanQueueUrl] as string,
    claimCheckBucket: env[CLAIM_CHECK_BUCKET_ENV] ?? DEFAULT_NAMES.claimCheckBucket,
    claimReferenceKey: claimReferenceKeyFromEnv(env),
    retentionDays: resultRetentionDaysFromEnv(env),
  };
}

/**
 * The organisations, checked: each has an id and owns valid NPIs, and no NPI has two owners (a claim
 * would show on two organisations' lists).
 */
export function parseOrganisations(json: string): Organisation[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new ConfigError(`${WORKLIST_ENV.organisations} is not JSON`);
  }
  if (!Array.isArray(parsed) || parsed.length === 0) throw new ConfigError(`${WORKLIST_ENV.organisations} must be a non-empty list of organisations`);
  const owners = new Map<string, string>();
  return parsed.map((entry: unknown, i) => {
    const o = (entry ?? {}) as Record<string, unknown>;
    if (typeof o.id !== 'string' || !/^[A-Za-z0-9_.-]{1,64}$/.test(o.id)) throw new ConfigError(`organisation ${i + 1}: id must be 1-64 letters, digits, '.', '_' or '-'`);
    if (!Array.isArray(o.billingNpis) || o.billingNpis.length === 0) throw new ConfigError(`organisation ${o.id}: billingNpis must list the NPIs it owns`);
    for (const npi of o.billingNpis) {
      if (typeof npi !== 'string' || !isValidNpi(npi)) throw new ConfigError(`organisation ${o.id}: ${String(npi)} is not a valid NPI`);
      const owner = owners.get(npi);
      if (owner) throw new ConfigError(`NPI ${npi} is owned by both ${owner} and ${o.id}`);
      owners.set(npi, o.id);
    }
    return { id: o.id, name: typeof o.name === 'string' && o.name.length > 0 ? o.name : o.id, billingNpis: o.billingNpis as string[] };
  });
}
