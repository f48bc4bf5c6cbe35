import type { CodeRecord } from './code-record.ts';
import { CodeSet } from './code-set.ts';
import { parseHcpcsRelease } from './hcpcs-file.ts';

export interface ReleaseCodeSetOptions {
  /** Release id stored as each CMS record's `source`, e.g. 'HCPCS-2020'. */
  release: string;
  /** Named in error messages so the user knows which file to fix. */
  fileName: string;
  /** The project's own records (CPT home infusion visits), already parsed. */
  projectCodes: readonly CodeRecord[];
}

/**
 * One release's code data: the CMS HCPCS release file's bytes parsed, plus the project's records.
 * The two never clash: CMS Level II codes start with a letter, CPT codes are numeric.
 */
export function releaseCodeSet(bytes: Uint8Array, options: ReleaseCodeSetOptions): CodeSet {
  const records = parseHcpcsRelease(bytes, { release: options.release, fileName: options.fileName });
  return new CodeSet(options.release, [...records, ...options.projectCodes]);
}
