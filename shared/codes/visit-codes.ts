/** CPT home infusion visit, up to 2 hours. */
export const PRIMARY_VISIT_CODE = '99601';
/** CPT add-on: each additional hour beyond 99601's two. */
export const ADDON_HOUR_CODE = '99602';
/** The home-infusion nursing visit codes: the lines a specially trained RN (modifier SD) bills. */
export const VISIT_CODES: ReadonlySet<string> = new Set([PRIMARY_VISIT_CODE, ADDON_HOUR_CODE]);

/**
 * Whether a code as a sender wrote it (in any case) is a visit code. Upper-cased only when it holds
 * a lower-case or non-ASCII character: readers ask this of every line, and most codes arrive in
 * upper case, where making an upper-cased copy of each was most of the cost.
 */
export function isVisitCode(code: string): boolean {
  if (VISIT_CODES.has(code)) return true;
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || c >= 0x80) return VISIT_CODES.has(code.toUpperCase());
  }
  return false;
}
