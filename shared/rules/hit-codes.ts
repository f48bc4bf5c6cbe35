/**
 * Medicare home infusion therapy (HIT) services: the G-codes and their payment categories.
 *
 * 42 CFR 414.1550(b) pays "a unit of single payment ... per payment category for each infusion drug
 * administration calendar day"; Medicare Benefit Policy Manual ch.15 §320.8 sets three categories, each
 * with a subsequent-visit code (G0068-G0070, since 2019) and, from 1 January 2021, an initial-visit code
 * (G0088-G0090, §320.8.3):
 * - category 1: IV anti-infective, pain management, chelation, pulmonary hypertension, inotropic and other
 *   IV drugs of the external infusion pump LCD: G0068 (subsequent), G0088 (initial);
 * - category 2: subcutaneous immunotherapy and other subcutaneous infusion drugs: G0069, G0089;
 * - category 3: IV chemotherapy and other highly complex drugs: G0070, G0090.
 * This table is the regulation's, not CMS descriptor text, so it is written here once.
 */
export type HitCategory = 1 | 2 | 3;

export const HIT_CATEGORY_OF: ReadonlyMap<string, HitCategory> = new Map<string, HitCategory>([
  ['G0068', 1],
  ['G0088', 1],
  ['G0069', 2],
  ['G0089', 2],
  ['G0070', 3],
  ['G0090', 3],
]);

/** The HIT service visit codes, subsequent and initial. */
export const HIT_CODES: ReadonlySet<string> = new Set(HIT_CATEGORY_OF.keys());

export function isHitCode(code: string): boolean {
  return HIT_CATEGORY_OF.has(code);
}

/** The category's codes as a message names them, e.g. "G0068/G0088". */
export function hitCategoryCodes(category: HitCategory): string {
  return [...HIT_CATEGORY_OF].filter(([, c]) => c === category).map(([code]) => code).join('/');
}

/**
 * 42 CFR 486.505: "home" is the patient's residence, including an institution used as a home, but not a
 * hospital, a critical access hospital (CAH) or a skilled nursing facility (SNF). The CMS place-of-service
 * codes of a residence: 12 home, 13 assisted living facility, 14 group home, 33 custodial care facility.
 */
export const HIT_HOME_POS: ReadonlySet<string> = new Set(['12', '13', '14', '33']);

/**
 * Places of service that are not a home for the HIT benefit: 11 office, 19 and 22 off- and on-campus
 * outpatient hospital, 21 inpatient hospital, 23 emergency room, 24 ambulatory surgical center,
 * 31 skilled nursing facility, 49 independent clinic (the infusion suite), 61 comprehensive inpatient
 * rehabilitation facility.
 */
export const HIT_NOT_HOME_POS: ReadonlySet<string> = new Set(['11', '19', '21', '22', '23', '24', '31', '49', '61']);
