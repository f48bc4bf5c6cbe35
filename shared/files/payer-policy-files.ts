import { fileURLToPath } from 'node:url';
import { parsePayerPolicy, PayerPolicyError, type PayerPolicy } from '../payers/payer-policy.ts';
import { readJsonFile } from './read-json-file.ts';

/** The payer policy shipped with the scrubber; relative to this module, like the code data paths. */
export const BUNDLED_PAYER_POLICY_PATH = fileURLToPath(new URL('../../data/payer-policy.json', import.meta.url));

/** Reads and validates a payer policy JSON file; throws PayerPolicyError with the file name on any problem. */
export function loadPayerPolicyFile(path: string): PayerPolicy {
  const json = readJsonFile(path, 'payer policy', (message) => new PayerPolicyError(message));
  return parsePayerPolicy(json, `payer policy ${path}`);
}

export function loadBundledPayerPolicy(): PayerPolicy {
  return loadPayerPolicyFile(BUNDLED_PAYER_POLICY_PATH);
}
