import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePayerPolicy, PayerPolicyError, type PayerPolicy } from './payer-policy.ts';

export const BUNDLED_PAYER_POLICY_PATH = fileURLToPath(new URL('../../data/payer-policy.json', import.meta.url));

/** Reads and validates a payer policy JSON file; throws PayerPolicyError with the file name on any problem. */
export function loadPayerPolicyFile(path: string): PayerPolicy {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new PayerPolicyError(`cannot read payer policy ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PayerPolicyError(`payer policy ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parsePayerPolicy(json, `payer policy ${path}`);
}

export function loadBundledPayerPolicy(): PayerPolicy {
  return loadPayerPolicyFile(BUNDLED_PAYER_POLICY_PATH);
}
