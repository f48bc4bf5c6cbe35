/** HCPCS coverage codes (CMS record layout, field 16). */
export const COVERAGE_MEANINGS = {
  C: 'Carrier judgment',
  D: 'Special coverage instructions apply',
  I: 'Not payable by Medicare',
  M: 'Non-covered by Medicare',
  S: 'Non-covered by Medicare statute',
} as const;
export type CoverageCode = keyof typeof COVERAGE_MEANINGS;

/** Coverage codes under which Medicare never pays the code. */
export const MEDICARE_NONPAYABLE_COVERAGE: ReadonlySet<string> = new Set<CoverageCode>(['I', 'M', 'S']);

/** HCPCS action codes (CMS record layout, field 30). */
export const ACTION_MEANINGS = {
  A: 'Add procedure or modifier code',
  B: 'Change in both administrative data field and long description',
  C: 'Change in long description',
  D: 'Discontinue procedure or modifier code',
  F: 'Change in administrative data field',
  N: 'No maintenance for this code',
  P: 'Payment change',
  R: 'Re-activate discontinued/deleted procedure or modifier code',
  S: 'Change in short description',
  T: 'Miscellaneous change (BETOS, type of service)',
} as const;
export type ActionCode = keyof typeof ACTION_MEANINGS;

export type CodeKind = 'procedure' | 'modifier';

/** One HCPCS procedure or modifier as the code data knows it. Dates are YYYY-MM-DD. */
export interface CodeRecord {
  kind: CodeKind;
  code: string;
  longDescription: string;
  shortDescription: string;
  coverage?: CoverageCode;
  betos?: string;
  addedDate?: string;
  actionEffectiveDate?: string;
  terminationDate?: string;
  actionCode?: ActionCode;
  /** A home-infusion service code: the codes modifier SS may be appended to. */
  homeInfusionService: boolean;
  /** Where the record comes from: the CMS release id, or the project's own data file. */
  source: string;
}

/** Read access to code data: the whole release in memory, or a prefetched slice of a table. */
/** The service dates a code release speaks for: CMS's annual file a year, a quarterly update its quarter. */
export interface ReleaseCoverage {
  /** First service date the release applies to (YYYY-MM-DD). */
  readonly from: string;
  /** Last service date it speaks for (YYYY-MM-DD): a code added after this date cannot be in it. */
  readonly through: string;
}

export interface CodeLookup {
  /** Identifies the code data in use, reported on every scrub result. */
  readonly release: string;
  /** The dates the release covers, when known (from a CMS file name, or as loaded); rules say when a claim is past them. */
  readonly coverage?: ReleaseCoverage | undefined;
  /**
   * The licensed CPT file loaded with the release, if any (its name). Without one, the data holds only
   * the project's own 99601/99602 records, so a CPT code it lacks proves nothing.
   */
  readonly cptSource?: string | undefined;
  procedure(code: string): CodeRecord | undefined;
  modifier(code: string): CodeRecord | undefined;
}

/** CMS's descriptor family for the HIT S-codes: where SS belongs, per NHIA's coding standard. */
export function describesHomeInfusionService(longDescription: string): boolean {
  return /^home infusion therapy\b/i.test(longDescription.trim());
}

/** True when the code may be billed on the date: on or after it was added, on or before termination. */
export function isActiveOn(record: Pick<CodeRecord, 'addedDate' | 'terminationDate'>, date: string): boolean {
  if (record.addedDate && date < record.addedDate) return false;
  if (record.terminationDate && date > record.terminationDate) return false;
  return true;
}
