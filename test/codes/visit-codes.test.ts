import { describe, expect, it } from 'vitest';
import { isVisitCode, VISIT_CODES } from '../../shared/codes/visit-codes.ts';

describe('isVisitCode', () => {
  it('is VISIT_CODES asked of the upper-cased code, for codes in any case and any characters', () => {
    const samples = ['99601', '99602', '99603', 'S9500', 's9500', 'J1100', '', '9960', '996011', ' 99601', '99601 ', 'ǆ9960', 'ß', '٩٩٦٠١', '\u0130', 'a'];
    for (const code of [...samples, ...VISIT_CODES].flatMap((c) => [c, c.toLowerCase(), c.toUpperCase()])) {
      expect(isVisitCode(code), code).toBe(VISIT_CODES.has(code.toUpperCase()));
    }
  });

  it('every visit code is one', () => {
    for (const code of VISIT_CODES) expect(isVisitCode(code)).toBe(true);
  });
});
