import { describe, expect, it } from 'vitest';
import { isDrugCode, isDrugRecord } from '../../shared/rules/drug-codes.ts';
import { scrubData } from '../support/scrub-data.ts';

const { codes } = scrubData();

describe('isDrugCode (bundled CMS 2020 release)', () => {
  it.each(['J3370', 'J0696', 'J3490', 'J3590', 'J7699', 'J7799', 'J9999', 'S5000', 'S5001', 'Q0138', 'Q5115', 'Q2050'])('%s is a drug code', (code) => {
    expect(isDrugCode(code, codes)).toBe(true);
  });

  it.each([
    ['S9500', 'a per diem'],
    ['99601', 'a visit'],
    ['Q0083', 'chemotherapy administration (BETOS O1D, not a drug)'],
    ['Q0510', 'a pharmacy supply fee (BETOS O1E, not a drug)'],
    ['Q4101', 'a skin substitute (BETOS O1E, not a drug)'],
    ['Q0162', 'an oral anti-emetic (not an injection)'],
    ['Q9999', 'a Q-code the release does not hold'],
    ['A4222', 'an infusion supply'],
  ])('%s is not (%s)', (code) => {
    expect(isDrugCode(code, codes)).toBe(false);
  });

  it('explain asks the same of a record', () => {
    const q = codes.procedure('Q5115');
    const admin = codes.procedure('Q0083');
    const j = codes.procedure('J3370');
    expect(q && isDrugRecord(q)).toBe(true);
    expect(admin && isDrugRecord(admin)).toBe(false);
    expect(j && isDrugRecord(j)).toBe(true);
  });
});
