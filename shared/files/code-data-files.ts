import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CodeRecord } from '../codes/code-record.ts';
import type { CodeSet } from '../codes/code-set.ts';
import { HcpcsFileError } from '../codes/hcpcs-file.ts';
import { parseProjectCodes, ProjectCodesError } from '../codes/project-codes.ts';
import { releaseCodeSet } from '../codes/release-code-set.ts';
import { releaseIdFromFileName } from '../codes/release-id.ts';
import { readJsonFile } from './read-json-file.ts';

// The paths are relative to this module, two directories below the root like the staged Lambda bundle
// (infra/stage-bundle.ts), so they resolve in the load-code-data package as in the repository.

/** The CMS release shipped with the scrubber: the 2020 annual alpha-numeric file (see data/hcpcs/PROVENANCE.md). */
export const BUNDLED_HCPCS_PATH = fileURLToPath(new URL('../../data/hcpcs/HCPC2020_ANWEB_w_disclaimer.txt', import.meta.url));

/** Codes the CMS Level II file lacks (CPT home infusion visits), kept in the project's own words. */
export const PROJECT_CODES_PATH = fileURLToPath(new URL('../../data/cpt-home-infusion.json', import.meta.url));

/** Reads and validates a project code file; throws ProjectCodesError with the file name on any problem. */
export function loadProjectCodesFile(path: string = PROJECT_CODES_PATH): CodeRecord[] {
  const json = readJsonFile(path, 'project code file', (message) => new ProjectCodesError(message));
  return parseProjectCodes(json, `project code file ${path}`);
}

/**
 * Loads a CMS HCPCS release file plus the project's CPT home-infusion records into one CodeSet.
 * The release id comes from the file name unless given.
 */
export function loadCodeDataFile(path: string, options: { release?: string } = {}): CodeSet {
  const release = options.release ?? releaseIdFromFileName(path);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new HcpcsFileError(`cannot read HCPCS release file ${path}: ${(error as Error).message}`);
  }
  return releaseCodeSet(bytes, { release, fileName: path, projectCodes: loadProjectCodesFile() });
}

let bundled: CodeSet | undefined;

/** The bundled release; memoised because the CLI and warm Lambdas ask for it repeatedly and it never changes. */
export function loadBundledCodeData(): CodeSet {
  bundled ??= loadCodeDataFile(BUNDLED_HCPCS_PATH);
  return bundled;
}
