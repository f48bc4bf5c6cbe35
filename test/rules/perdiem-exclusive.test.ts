import { perdiemExclusive } from '../../shared/rules/perdiem-exclusive.ts';
import { claim, line } from '../support/claims.ts';
import { ruleTable } from '../support/rule-table.ts';

const span = (first: string, last: string, units: number) => ({ serviceDate: first, serviceDateEnd: last, units });

ruleTable(perdiemExclusive, {
  valid: [
    { name: 'the default claim', claim: claim() },
    { name: 'S9494 and an hourly antibiotic code on days that do not overlap', claim: claim({ lines: [line(1, 'S9494', span('2020-03-01', '2020-03-04', 4)), line(2, 'S9502', span('2020-03-05', '2020-03-10', 6))] }) },
    { name: 'two therapies CMS does not pair (antibiotic and hydration)', claim: claim({ lines: [line(1, 'S9494'), line(2, 'S9373', { modifiers: ['SH'] })] }) },
    { name: 'TPN by volume with hydration by volume', claim: claim({ lines: [line(1, 'S9365'), line(2, 'S9374', { modifiers: ['SH'] })] }) },
    { name: 'S9810 pharmacy hours with a visit and a drug, no per diem', claim: claim({ lines: [line(1, 'S9810', { units: 2 }), line(2, '99601'), line(3, 'J0696')] }) },
    { name: 'S9810 the day after a per diem ends', claim: claim({ lines: [line(1, 'S9500', span('2020-03-01', '2020-03-02', 2)), line(2, 'S9810', { serviceDate: '2020-03-03' })] }) },
    { name: 'OB home management with a home per diem that is not a home infusion one (S9061)', claim: claim({ lines: [line(1, 'S9208'), line(2, 'S9061')] }) },
    { name: 'the same code twice is PERDIEM-OVERLAP\'s', claim: claim({ lines: [line(1, 'S9494'), line(2, 'S9494')] }) },
  ],
  invalid: [
    {
      name: 'S9494 with S9500 the same day, reported on the later line',
      claim: claim({ lines: [line(1, 'S9500', { modifiers: ['SS'] }), line(2, 'S9494')] }),
      reports: [
        {
          messageId: 'doNotUseWith',
          line: 2,
          data: { code: 'S9494', otherCode: 'S9500', otherLine: 1, days: '2020-03-02', ownerCode: 'S9494', wording: 'home infusion codes for hourly dosing schedules S9497-S9504' },
        },
      ],
    },
    {
      name: 'pain management: the general code with the continuous one, on the overlapping days only',
      claim: claim({ lines: [line(1, 'S9325', span('2020-03-01', '2020-03-10', 10)), line(2, 'S9326', span('2020-03-08', '2020-03-14', 7))] }),
      reports: [{ messageId: 'doNotUseWith', line: 2, data: { code: 'S9326', otherCode: 'S9325', otherLine: 1, days: '2020-03-08 to 2020-03-10', ownerCode: 'S9325', wording: 'S9326, S9327 or S9328' } }],
    },
    {
      name: 'chemotherapy, TPN and hydration: each general code with its specific one',
      claim: claim({
        lines: [line(1, 'S9331'), line(2, 'S9329', { modifiers: ['SH'] }), line(3, 'S9367', { serviceDate: '2020-03-05' }), line(4, 'S9364', { serviceDate: '2020-03-05' }), line(5, 'S9373', { serviceDate: '2020-03-07' }), line(6, 'S9377', { serviceDate: '2020-03-07' })],
      }),
      reports: [
        { messageId: 'doNotUseWith', line: 2, data: { code: 'S9329', otherCode: 'S9331', otherLine: 1, days: '2020-03-02', ownerCode: 'S9329', wording: 'S9330 or S9331' } },
        { messageId: 'doNotUseWith', line: 4, data: { code: 'S9364', otherCode: 'S9367', otherLine: 3, days: '2020-03-05', ownerCode: 'S9364', wording: 'home infusion codes S9365-S9368 using daily volume scales' } },
        { messageId: 'doNotUseWith', line: 6, data: { code: 'S9377', otherCode: 'S9373', otherLine: 5, days: '2020-03-07', ownerCode: 'S9373', wording: 'hydration therapy codes S9374-S9377 using daily volume scales' } },
      ],
    },
    {
      name: 'S9810 pharmacy hours on a day two per diems cover: one report for each',
      claim: claim({ lines: [line(1, 'S9500', span('2020-03-01', '2020-03-05', 5)), line(2, 'T1030', { serviceDate: '2020-03-03' }), line(3, 'S9810', { units: 2, serviceDate: '2020-03-03' })] }),
      reports: [
        { messageId: 'doNotUseWith', line: 3, data: { code: 'S9810', otherCode: 'S9500', otherLine: 1, days: '2020-03-03', ownerCode: 'S9810', wording: 'any per diem code' } },
        { messageId: 'doNotUseWith', line: 3, data: { code: 'S9810', otherCode: 'T1030', otherLine: 2, days: '2020-03-03', ownerCode: 'S9810', wording: 'any per diem code' } },
      ],
    },
    {
      name: 'home management of preterm labor with a home infusion per diem, the clause on the earlier line',
      claim: claim({ lines: [line(1, 'S9208', span('2020-03-01', '2020-03-03', 3)), line(2, 'S9349', span('2020-03-03', '2020-03-04', 2))] }),
      reports: [{ messageId: 'doNotUseWith', line: 2, data: { code: 'S9349', otherCode: 'S9208', otherLine: 1, days: '2020-03-03', ownerCode: 'S9208', wording: 'any home infusion per diem code' } }],
    },
    {
      name: 'later by line number, whatever the order the lines arrive in',
      claim: claim({ lines: [line(5, 'S9494'), line(3, 'S9503')] }),
      reports: [{ messageId: 'doNotUseWith', line: 5, data: { code: 'S9494', otherCode: 'S9503', otherLine: 3, days: '2020-03-02', ownerCode: 'S9494', wording: 'home infusion codes for hourly dosing schedules S9497-S9504' } }],
    },
  ],
});
