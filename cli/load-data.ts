import { HcpcsFileError } from '../shared/codes/hcpcs-file.ts';
import type { CodeSet } from '../shared/codes/code-set.ts';
import { loadBundledCodeData, loadCodeDataFile } from '../shared/files/code-data-files.ts';
import { loadBundledPayerPolicy, loadPayerPolicyFile } from '../shared/files/payer-policy-files.ts';
import { PayerPolicyError, type PayerPolicy } from '../shared/payers/payer-policy.ts';

/** Code data or payer policy the user pointed at could not be used: exit code 2. */
export class DataFileError extends Error {}

export function loadCodes(path: string | undefined): CodeSet {
  try {
    return path ? loadCodeDataFile(path) : loadBundledCodeData();
  } catch (error) {
    if (error instanceof HcpcsFileError) throw new DataFileError(error.message);
    throw error;
  }
}

export function loadPayers(path: string | undefined): PayerPolicy {
  try {
    return path ? loadPayerPolicyFile(path) : loadBundledPayerPolicy();
  } catch (error) {
    if (error instanceof PayerPolicyError) throw new DataFileError(error.message);
    throw error;
  }
}
