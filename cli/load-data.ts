import { HcpcsFileError } from '../shared/codes/hcpcs-file.ts';
import type { CodeSet } from '../shared/codes/code-set.ts';
import { loadBundledCodeData, loadCodeDataFile } from '../shared/files/code-data-files.ts';
import { loadBundledPayerPolicy, loadPayerPolicyFile } from '../shared/files/payer-policy-files.ts';
import { PayerPolicyError, type PayerPolicy } from '../shared/payers/payer-policy.ts';

/** Code data or payer policy the user pointed at could not be used: exit code 2. */
export class DataFileError extends Error {
  override readonly name = 'DataFileError';
}

/** The release file at `path` (its release id from the file name unless given), else the bundled release. */
export function loadCodes(path: string | undefined, options: { release?: string } = {}): CodeSet {
  try {
    return path ? loadCodeDataFile(path, options) : loadBundledCodeData();
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
