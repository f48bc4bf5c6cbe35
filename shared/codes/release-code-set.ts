import type { CodeRecord, ReleaseCoverage } from './code-record.ts';
import { CodeSet } from './code-set.ts';
import { parseHcpcsRelease } from './hcpcs-file.ts';

/** A user's CPT file, parsed: its name (CodeLookup.cptSource) and its procedure records. */
export interface UserCptCodes {
  source: string;
  records: readonly CodeRecord[];
}

export interface ReleaseCodeSetOptions {
  /** Release id stored as each CMS record's `source`, e.g. 'HCPCS-2020'. */
  release: string;
  /** Named in error messages so the user knows which file to fix. */
  fileName: string;
  /** The project's own records (CPT home infusion visits), already parsed. */
  projectCodes: readonly CodeRecord[];
  /** The service dates the release speaks for, when known. */
  coverage?: ReleaseCoverage | undefined;
  /** A licensed CPT file loaded with the release. */
  cpt?: UserCptCodes | undefined;
}

/**
 * One release's code data: the CMS HCPCS release file's bytes parsed, plus the project's records and a
 * user's CPT file. CMS Level II codes start with a letter and CPT codes with a digit, so only the
 * project's records and the CPT file can define the same code; the CPT file then wins (see withUserCpt).
 */
export function releaseCodeSet(bytes: Uint8Array, options: ReleaseCodeSetOptions): CodeSet {
  const records = parseHcpcsRelease(bytes, { release: options.release, fileName: options.fileName });
  return new CodeSet(options.release, [...records, ...withUserCpt(options.projectCodes, options.cpt?.records ?? [])], {
    coverage: options.coverage,
    cptSource: options.cpt?.source,
  });
}

/**
 * The project's records with a user's CPT records over them. A licensed file's descriptor and dates are
 * better than the project's paraphrase, so it wins a code both define; whether SS belongs on the code
 * stays the project's judgement (a CPT file does not say), so 99601/99602 keep their home-infusion flag.
 */
export function withUserCpt(projectCodes: readonly CodeRecord[], cptRecords: readonly CodeRecord[]): CodeRecord[] {
  const projectProcedures = new Map(projectCodes.filter((r) => r.kind === 'procedure').map((r) => [r.code, r]));
  const userCodes = new Set(cptRecords.map((r) => r.code));
  const kept = projectCodes.filter((r) => r.kind !== 'procedure' || !userCodes.has(r.code));
  const user = cptRecords.map((record) => {
    const project = projectProcedures.get(record.code);
    return project ? { ...record, homeInfusionService: project.homeInfusionService } : record;
  });
  return [...kept, ...user];
}
