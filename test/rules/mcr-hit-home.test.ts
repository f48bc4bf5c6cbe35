import { mcrHitHome } from '../../shared/rules/mcr-hit-home.ts';
import { claim, line } from '../support/claims.ts';
import { hitFixtureCodes } from '../support/hit-release.ts';
import { ruleTable } from '../support/rule-table.ts';

const codes = hitFixtureCodes();
const MEDICARE = { id: 'MCARE', type: 'medicare' } as const;
const visit = (n: number, code: string, extra: Parameters<typeof line>[2] = {}) => line(n, code, { serviceDate: '2021-03-02', units: 4, ...extra });

ruleTable(mcrHitHome, {
  valid: [
    { name: 'G0068 at home (POS 12)', claim: claim({ payer: MEDICARE, placeOfService: '12', lines: [visit(1, 'G0068')] }), codes },
    {
      name: 'every residence POS: 13 assisted living, 14 group home, 33 custodial care',
      claim: claim({ payer: MEDICARE, placeOfService: '13', lines: [visit(1, 'G0088'), visit(2, 'G0069', { placeOfService: '14' }), visit(3, 'G0090', { placeOfService: '33' })] }),
      codes,
    },
    { name: 'claim POS 49, the visit line\'s own POS 12', claim: claim({ payer: MEDICARE, placeOfService: '49', lines: [visit(1, 'G0070', { placeOfService: '12' })] }), codes },
    { name: 'not Medicare: a commercial payer in the suite', claim: claim({ placeOfService: '49', lines: [visit(1, 'G0068', { modifiers: ['SS'] })] }), codes },
    { name: 'not Medicare: Medicare Advantage is judged by its plan', claim: claim({ payer: { id: 'SUMMA', type: 'medicare_advantage' }, placeOfService: '11', lines: [visit(1, 'G0068')] }), codes },
    { name: 'a non-HIT code at the office', claim: claim({ payer: MEDICARE, placeOfService: '11', lines: [visit(1, '99601')] }), codes },
  ],
  invalid: [
    {
      name: 'office (POS 11)',
      claim: claim({ payer: MEDICARE, placeOfService: '11', lines: [visit(1, 'G0068')] }),
      codes,
      reports: [{ messageId: 'notHome', line: 1, data: { code: 'G0068', pos: '11' } }],
    },
    {
      name: 'the suite with SS: one finding, for SS',
      claim: claim({ payer: MEDICARE, placeOfService: '49', lines: [visit(1, 'G0089', { modifiers: ['SS'] })] }),
      codes,
      reports: [{ messageId: 'suiteModifier', line: 1, data: { code: 'G0089' } }],
    },
    {
      name: 'SS at POS 12 is still the suite',
      claim: claim({ payer: MEDICARE, placeOfService: '12', lines: [visit(1, 'G0070', { modifiers: ['SS'] })] }),
      codes,
      reports: [{ messageId: 'suiteModifier', line: 1, data: { code: 'G0070' } }],
    },
    {
      name: 'each not-home POS: 19, 21, 22, 23, 24, 31, 49, 61 (a line\'s own POS overrides the claim\'s 12)',
      claim: claim({
        payer: MEDICARE,
        placeOfService: '12',
        lines: [
          visit(1, 'G0068', { placeOfService: '19' }),
          visit(2, 'G0068', { placeOfService: '21', serviceDate: '2021-03-03' }),
          visit(3, 'G0068', { placeOfService: '22', serviceDate: '2021-03-04' }),
          visit(4, 'G0068', { placeOfService: '23', serviceDate: '2021-03-05' }),
          visit(5, 'G0068', { placeOfService: '24', serviceDate: '2021-03-06' }),
          visit(6, 'G0090', { placeOfService: '31' }),
          visit(7, 'G0069', { placeOfService: '49' }),
          visit(8, 'G0088', { placeOfService: '61', serviceDate: '2021-03-07' }),
          visit(9, 'G0068', { serviceDate: '2021-03-08' }),
        ],
      }),
      codes,
      reports: [
        { messageId: 'notHome', line: 1, data: { code: 'G0068', pos: '19' } },
        { messageId: 'notHome', line: 2, data: { code: 'G0068', pos: '21' } },
        { messageId: 'notHome', line: 3, data: { code: 'G0068', pos: '22' } },
        { messageId: 'notHome', line: 4, data: { code: 'G0068', pos: '23' } },
        { messageId: 'notHome', line: 5, data: { code: 'G0068', pos: '24' } },
        { messageId: 'notHome', line: 6, data: { code: 'G0090', pos: '31' } },
        { messageId: 'notHome', line: 7, data: { code: 'G0069', pos: '49' } },
        { messageId: 'notHome', line: 8, data: { code: 'G0088', pos: '61' } },
      ],
    },
    {
      name: 'a POS neither home nor excluded (34 hospice, 32 nursing facility): a warning to confirm',
      claim: claim({ payer: MEDICARE, placeOfService: '34', lines: [visit(1, 'G0068'), visit(2, 'G0069', { placeOfService: '32' })] }),
      codes,
      reports: [
        { messageId: 'confirmHome', line: 1, data: { code: 'G0068', pos: '34' } },
        { messageId: 'confirmHome', line: 2, data: { code: 'G0069', pos: '32' } },
      ],
    },
    {
      name: 'no POS on the line or the claim: a warning to confirm',
      claim: claim({ payer: MEDICARE, placeOfService: undefined, lines: [visit(1, 'G0088')] }),
      codes,
      reports: [{ messageId: 'noPlaceOfService', line: 1, data: { code: 'G0088' } }],
    },
  ],
});
