import { describe, expect, it } from 'vitest';
import { HIT_CATEGORY_OF, hitCategoryCodes, isHitCode } from '../../shared/rules/hit-codes.ts';
import { nurseCredentialOf } from '../../shared/rules/nursing-codes.ts';
import { hitFixtureCodes } from '../support/hit-release.ts';
import { scrubData } from '../support/scrub-data.ts';

describe('HIT payment categories (42 CFR 414.1550, BPM ch.15 §320.8)', () => {
  it('pairs each follow-up code with its initial-visit code', () => {
    expect([1, 2, 3].map((c) => hitCategoryCodes(c as 1 | 2 | 3))).toEqual(['G0068/G0088', 'G0069/G0089', 'G0070/G0090']);
    expect(HIT_CATEGORY_OF.size).toBe(6);
    expect(isHitCode('G0071')).toBe(false);
  });
});

describe('the HIT G-code test release', () => {
  const codes = hitFixtureCodes();

  it('holds CMS\'s G0068-G0070 as in the 2020 file, and G0090', () => {
    const bundled = scrubData().codes;
    for (const code of ['G0068', 'G0069', 'G0070']) {
      expect(codes.procedure(code)).toEqual({ ...bundled.procedure(code), source: 'HIT-FIXTURE' });
    }
    expect(codes.procedure('G0090')).toMatchObject({
      longDescription:
        "Professional services, initial visit, for the administration of intravenous chemotherapy or other highly complex infusion drug or biological for each infusion drug administration calendar day in the individual's home, each 15 minutes",
      shortDescription: 'Adm iv chemo 1st home visit',
      coverage: 'D',
      betos: 'M4A',
    });
    expect(codes.modifier('SS')).toEqual({ ...scrubData().codes.modifier('SS'), source: 'HIT-FIXTURE' });
  });

  it('leaves out G0088 and G0089 (no public copy of their CMS descriptors; see PROVENANCE.md) and brings 99601/99602', () => {
    expect(codes.procedure('G0088')).toBeUndefined();
    expect(codes.procedure('G0089')).toBeUndefined();
    expect(codes.procedure('99601')?.source).toBe('project');
    expect(codes.release).toBe('HIT-FIXTURE');
    expect(codes.coverage).toBeUndefined();
  });
});

describe('nurseCredentialOf reads the CMS long descriptor', () => {
  const { codes } = scrubData();
  it.each([
    ['S9123', 'RN'],
    ['T1030', 'RN'],
    ['S9124', 'LPN'],
    ['T1031', 'LPN'],
    ['S9500', undefined],
    ['G0299', undefined],
  ])('%s → %s', (code, credential) => {
    const record = codes.procedure(code);
    expect(record).toBeDefined();
    if (record) expect(nurseCredentialOf(record)).toBe(credential);
  });

  it('never reads a modifier (SD says "by registered nurse" too)', () => {
    const sd = codes.modifier('SD');
    expect(sd?.longDescription).toMatch(/by registered nurse/);
    if (sd) expect(nurseCredentialOf(sd)).toBeUndefined();
  });
});
