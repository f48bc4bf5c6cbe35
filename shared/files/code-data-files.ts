import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CodeSet } from './code-set.ts';
import { HcpcsFileError, parseHcpcsRelease } from './hcpcs-file.ts';
import { loadProjectCodes } from './project-codes.ts';

/** The CMS release shipped with the scrubber: the 2020 annual alpha-numeric file (see data/hcpcs/PROVENANCE.md). */
export const BUNDLED_HCPCS_PATH = fileURLToPath(new URL('../../data/hcpcs/HCPC2020_ANWEB_w_disclaimer.txt', import.meta.url));

// CMS names files HCPC<year>[_<quarter month>]_..., e.g. HCPC2020_ANWEB_w_disclaimer.txt, HCPC2026_JAN_ANWEB_01122026.txt.
const CMS_FILE_NAME = /^HCPCS?(\d{4})(?:_(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*(?=[_.]|$))?/i;

/** A release id from a CMS file name ('HCPCS-2020', 'HCPCS-2026-JAN'); otherwise the base name without extension. */
export function releaseIdFromFileName(path: string): string {
  const name = basename(path);
  const match = CMS_FILE_NAME.exec(name);
  if (match) {
    const [, year, month] = match;
    return month ? `HCPCS-${year}-${month.toUpperCase()}` : `HCPCS-${year}`;
  }
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/**
 * Loads a CMS HCPCS release file plus the project's CPT home-infusion records into one CodeSet.
 * The two never clash: CMS Level II codes start with a letter, CPT codes are numeric.
 */
export function loadCodeDataFile(path: string, options: { release?: string } = {}): CodeSet {
  const release = options.release ?? releaseIdFromFileName(path);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new HcpcsFileError(`cannot read HCPCS release file ${path}: ${(error as Error).message}`);
  }
  const records = parseHcpcsRelease(bytes, { release, fileName: path });
  return new CodeSet(release, [...records, ...loadProjectCodes()]);
}

let bundled: CodeSet | undefined;

/** The bundled release; memoised because the CLI and warm Lambdas ask for it repeatedly and it never changes. */
export function loadBundledCodeData(): CodeSet {
  bundled ??= loadCodeDataFile(BUNDLED_HCPCS_PATH);
  return bundled;
}
