import type { CodeRecord } from '../codes/code-record.ts';

/**
 * The general home-nursing codes that duplicate a home-infusion visit (99601/99602) on the same day:
 * S9123 and S9124 (RN and LPN, per hour) and T1030 and T1031 (RN and LPN, per diem). CMS's S9123
 * descriptor says it is "not to be used when cpt codes 99500-99602 can be used".
 */
export const GENERAL_NURSING_CODES: ReadonlySet<string> = new Set(['S9123', 'S9124', 'T1030', 'T1031']);

export type NurseCredential = 'RN' | 'LPN';

const BY_RN = /\bby registered nurse\b/i;
const BY_LPN = /\bby licensed practical nurse\b/i;

/**
 * The nurse a procedure code is for, read from its CMS long descriptor ("Nursing care, in the home; by
 * registered nurse, per hour" is S9123's, "... by licensed practical nurse, per diem" T1031's), so a
 * release that adds or rewords a code is read as it stands. Undefined when the descriptor names neither,
 * or both. Modifiers are never read: SD's descriptor also says "by registered nurse".
 */
export function nurseCredentialOf(record: Pick<CodeRecord, 'kind' | 'longDescription'>): NurseCredential | undefined {
  if (record.kind !== 'procedure') return undefined;
  const rn = BY_RN.test(record.longDescription);
  const lpn = BY_LPN.test(record.longDescription);
  if (rn === lpn) return undefined;
  return rn ? 'RN' : 'LPN';
}
