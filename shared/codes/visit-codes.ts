/** CPT home infusion visit, up to 2 hours. */
export const PRIMARY_VISIT_CODE = '99601';
/** CPT add-on: each additional hour beyond 99601's two. */
export const ADDON_HOUR_CODE = '99602';
/** The home-infusion nursing visit codes: the lines a specially trained RN (modifier SD) bills. */
export const VISIT_CODES: ReadonlySet<string> = new Set([PRIMARY_VISIT_CODE, ADDON_HOUR_CODE]);
