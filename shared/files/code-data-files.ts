import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CodeRecord } from '../codes/code-record.ts';
import type { CodeSet } from '../codes/code-set.ts';
import { cptSourceName, CptFileError, parseCptFile } from '../codes/cpt-file.ts';
import { HcpcsFileError } from '../codes/hcpcs-file.ts';
import { parseProjectCodes, ProjectCodesError } from '../codes/project-codes.ts';
import { openReleaseFile } from '../codes/release-archive.ts';
import { releaseCodeSet, type UserCptCodes } from '../codes/release-code-set.ts';
import { releaseCoverageFromFileName, releaseIdFromFileName, resolveReleaseCoverage } from '../codes/release-id.ts';
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

/** Reads and parses a user's CPT file; throws CptFileError naming the file (and every bad line). */
export function loadCptFile(path: string): UserCptCodes {
  const bytes = readBytes(path, (message) => new CptFileError(`cannot read CPT file ${path}: ${message}`));
  const source = cptSourceName(path);
  return { source, records: parseCptFile(bytes, { fileName: path, cptSource: source }) };
}

export interface CodeDataFileOptions {
  /** The release id; default: from the CMS file name (inside the zip, for a zip). */
  release?: string | undefined;
  /** First service date the release applies to (YYYY-MM-DD or YYYYMMDD); default: from the CMS file name. */
  releaseDate?: string | undefined;
  /** Last service date it applies to; default: from the CMS file name. */
  coversThrough?: string | undefined;
  /** A user's licensed CPT file to load with the release. */
  cptPath?: string | undefined;
}

/**
 * Loads a CMS HCPCS release, the fixed-width file or the zip CMS publishes it in, plus the project's CPT
 * home-infusion records and a user's CPT file, into one CodeSet. Release id and coverage come from the
 * code file's name unless given. Throws HcpcsFileError, CptFileError or ReleaseCoverageError.
 */
export function loadCodeDataFile(path: string, options: CodeDataFileOptions = {}): CodeSet {
  const bytes = readBytes(path, (message) => new HcpcsFileError(`cannot read HCPCS release file ${path}: ${message}`));
  const file = openReleaseFile(bytes, path);
  const coverage = resolveReleaseCoverage(releaseCoverageFromFileName(file.name), { from: options.releaseDate, through: options.coversThrough });
  return releaseCodeSet(file.bytes, {
    release: options.release ?? releaseIdFromFileName(file.name),
    fileName: file.label,
    projectCodes: loadProjectCodesFile(),
    coverage,
    cpt: options.cptPath === undefined ? undefined : loadCptFile(options.cptPath),
  });
}

let bundled: CodeSet | undefined;

/** The bundled release; memoised because the CLI and warm Lambdas ask for it repeatedly and it never changes. */
export function loadBundledCodeData(): CodeSet {
  bundled ??= loadCodeDataFile(BUNDLED_HCPCS_PATH);
  return bundled;
}

function readBytes(path: string, toError: (message: string) => Error): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    throw toError((error as Error).message);
  }
}
