import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLAIM_FILING_INDICATORS, type RejectedItem } from '../../shared/formats/index.ts';
import { readClaims, X12_FIXTURES } from './read-file.ts';
import { payerTypeForTypology } from '../../shared/formats/fhir/payer-type.ts';
import { dottedIcd10 } from '../../shared/formats/icd10.ts';
import { performerForTaxonomy } from '../../shared/formats/provider-taxonomy.ts';
import { readIsaHeader } from '../../shared/formats/x12/isa-header.ts';

describe('SBR09 claim filing indicator → payer type', () => {
  it('holds the 23 codes of 005010X222A1', () => {
    expect(Object.keys(CLAIM_FILING_INDICATORS).sort()).toEqual(
      ['11', '12', '13', '14', '15', '16', '17', 'AM', 'BL', 'CH', 'CI', 'DS', 'FI', 'HM', 'LM', 'MA', 'MB', 'MC', 'OF', 'TV', 'VA', 'WC', 'ZZ'].sort(),
    );
  });

  it.each([
    ['MA', 'medicare'],
    ['MB', 'medicare'],
    ['16', 'medicare_advantage'],
    ['MC', 'medicaid'],
    ['CI', 'commercial'],
    ['BL', 'commercial'],
    ['HM', 'commercial'],
    ['12', 'commercial'],
    ['FI', 'commercial'],
    ['CH', 'other'],
    ['VA', 'other'],
    ['WC', 'other'],
    ['ZZ', 'other'],
  ])('%s → %s', (code, type) => {
    expect(CLAIM_FILING_INDICATORS[code]?.type).toBe(type);
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('SBR09 %s, a name every object answers to, is not a filing indicator', async (code) => {
    const claims = readFileSync(join(X12_FIXTURES, 'x12_home_infusion_claims.txt'), 'latin1');
    const { items } = await readClaims(claims.replace('SBR*P*18*GRP100******CI~', `SBR*P*18*GRP100******${code}~`));
    const rejected = items.find((item): item is RejectedItem => item.kind === 'rejected');
    expect(rejected?.errors).toContainEqual({ path: expect.stringContaining('SBR09'), message: `"${code}" is not a claim filing indicator code` });
  });
});

describe('FHIR Source of Payment Typology → payer type', () => {
  it.each([
    ['1', 'medicare'],
    ['121', 'medicare'],
    ['11', 'medicare_advantage'],
    ['111', 'medicare_advantage'],
    ['14', 'medicare_advantage'],
    ['122', 'other'],
    ['2', 'medicaid'],
    ['21', 'medicaid'],
    ['5', 'commercial'],
    ['6', 'commercial'],
    ['81', 'other'],
    ['X', undefined],
  ])('%s → %s', (code, type) => {
    expect(payerTypeForTypology(code)).toBe(type);
  });
});

describe('small mappings', () => {
  it('ICD-10-CM gets its dot after the third character', () => {
    expect(['A419', 'T8144XA', 'a41.9', 'Z23'].map(dottedIcd10)).toEqual(['A41.9', 'T81.44XA', 'A41.9', 'Z23']);
  });

  it('NUCC taxonomy → performer: only registered nurses are RN', () => {
    expect(['163W00000X', '163WI0600X', '164W00000X', '1835G0000X', '207Q00000X', '363L00000X', '3336H0001X'].map(performerForTaxonomy)).toEqual([
      'RN',
      'RN',
      'LPN',
      'pharmacist',
      'physician',
      'other',
      'other',
    ]);
  });
});

describe('ISA header', () => {
  const isa = 'ISA*00*          *00*          *ZZ*RIVERBEND      *ZZ*CLEARINGHOUSE  *200305*1400*^*00501*000000101*0*T*:~';

  it('declares the separators and the control number', () => {
    expect(readIsaHeader(isa)).toEqual({ separators: { element: '*', component: ':', segment: '~', repetition: '^' }, controlNumber: '000000101', version: '00501' });
    expect(readIsaHeader(isa.replaceAll('*', '|').replace(':~', '>\n')).separators).toEqual({ element: '|', component: '>', segment: '\n', repetition: '^' });
  });

  it.each([
    [isa.replace('RIVERBEND      ', 'RIVERBEND'), 'ISA06 is 9 characters long but must be exactly 15'],
    [isa.replace('*0*T', '*0*T*'), 'ISA16 "*" cannot be the component separator'],
    [isa.replace(':~', 'A~'), 'ISA16 "A" cannot be the component separator'],
    [isa.replace(':~', ':*'), '"*" after ISA16 cannot be the segment terminator'],
    [isa.slice(0, 60), 'it ends before ISA08'],
    ['ISAX00', 'the character after "ISA" must be the element separator'],
  ])('rejects %s', (text, message) => {
    expect(() => readIsaHeader(text)).toThrow(message);
  });
});
