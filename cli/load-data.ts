import { CptFileError } from '../shared/codes/cpt-file.ts';
import { HcpcsFileError } from '../shared/codes/hcpcs-file.ts';
import type { CodeSet } from '../shared/codes/code-set.ts';
import { ReleaseCoverageError } from '../shared/codes/release-id.ts';
import { BUNDLED_HCPCS_PATH, loadBundledCodeData, loadCodeDataFile, type CodeDataFileOptions } from '../shared/files/code-data-files.ts';
import { loadNcciFiles, type NcciFilePaths } from '../shared/files/ncci-files.ts';
import { loadBundledPayerPolicy, loadPayerPolicyFile } from '../shared/files/payer-policy-files.ts';
import type { NcciSet } from '../shared/ncci/ncci-edits.ts';
import { NcciFileError } from '../shared/ncci/ncci-file.ts';
import { PayerPolicyError, type PayerPolicy } from '../shared/payers/payer-policy.ts';

/** Code data or payer policy the user pointed at could not be used: exit code 2. */
export class DataFileError extends Error {
  override readonly name = 'DataFileError';
}

/** The options every command that takes a release file shares (`--codes`/`--hcpcs`, `--cpt`, the dates). */
export type CodeDataOptions = Omit<CodeDataFileOptions, 'cptPath'> & { cpt?: string | undefined };

/**
 * The release file at `path` (a CMS fixed-width file or CMS's zip), else the bundled release; with a
 * user's CPT file when one is named. The release id and dates come from the file name unless given.
 */
export function loadCodes(path: string | undefined, options: CodeDataOptions = {}): CodeSet {
  const { cpt, ...release } = options;
  const customised = cpt !== undefined || Object.values(release).some((value) => value !== undefined);
  try {
    if (path === undefined && !customised) return loadBundledCodeData();
    return loadCodeDataFile(path ?? BUNDLED_HCPCS_PATH, { ...release, cptPath: cpt });
  } catch (error) {
    if (error instanceof HcpcsFileError || error instanceof CptFileError) throw new DataFileError(error.message);
    if (error instanceof ReleaseCoverageError) throw new DataFileError(`${error.message} (--release-date, --covers-through)`);
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

/** The CMS NCCI tables at these paths as one set; a file that cannot be used is a DataFileError naming it. */
export function loadNcci(paths: NcciFilePaths): NcciSet {
  try {
    return loadNcciFiles(paths);
  } catch (error) {
    if (error instanceof NcciFileError) throw new DataFileError(error.message);
    throw error;
  }
}
