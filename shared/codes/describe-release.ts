import type { CodeLookup } from './code-record.ts';

/**
 * One line on the code data in use, the same wherever it is printed (scrub, load-code-data, the local
 * stack): "HCPCS-2020 (covers 2020-01-01 to 2020-12-31; no CPT file)".
 */
export function describeRelease(codes: Pick<CodeLookup, 'release' | 'coverage' | 'cptSource'>): string {
  const coverage = codes.coverage ? `covers ${codes.coverage.from} to ${codes.coverage.through}` : 'service dates it covers unknown';
  const cpt = codes.cptSource ? `CPT file ${codes.cptSource}` : 'no CPT file';
  return `${codes.release} (${coverage}; ${cpt})`;
}
