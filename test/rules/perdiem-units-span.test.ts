import { PayerPolicy } from '../../shared/payers/payer-policy.ts';
import { perdiemUnitsSpan } from '../../shared/rules/perdiem-units-span.ts';
import { claim, line } from '../support/claims.ts';
import { ruleTable } from '../support/rule-table.ts';

/** One plan that states each day basis outright, the other leaving it to the default (calendar_days). */
const payers = new PayerPolicy({
  version: 'test',
  payers: [
    { id: 'CAL', name: 'Calendar-day plan', type: 'commercial', acceptsSS: true, perDiemDayBasis: 'calendar_days' },
    { id: 'THER', name: 'Therapy-day plan', type: 'medicaid', acceptsSS: true, perDiemDayBasis: 'therapy_days' },
    { id: 'PLAIN', name: 'Plan with no billing settings', type: 'commercial', acceptsSS: true },
  ],
});
const calendar = { id: 'CAL', type: 'commercial' } as const;
const fortnight = { serviceDate: '2020-11-01', serviceDateEnd: '2020-11-14' };

ruleTable(perdiemUnitsSpan, {
  valid: [
    { name: 'the default claim: 1 unit of S9500 for one day', claim: claim() },
    { name: '14 units for 14 days', claim: claim({ lines: [line(1, 'S9500', { units: 14, ...fortnight })] }) },
    { name: 'span across 29 February 2020 (3 days)', claim: claim({ lines: [line(1, 'S9373', { units: 3, serviceDate: '2020-02-28', serviceDateEnd: '2020-03-01' })] }) },
    { name: 'end date equal to the service date, 1 unit', claim: claim({ lines: [line(1, 'S9500', { serviceDateEnd: '2020-03-02' })] }) },
    { name: 'fewer units than days to a therapy-day payer (the example BCBS-modelled plan)', claim: claim({ lines: [line(1, 'S9500', { units: 5, ...fortnight })] }) },
    { name: 'fewer units than days to a plan that states therapy_days', claim: claim({ payer: { id: 'THER', type: 'medicaid' }, lines: [line(1, 'S9500', { units: 5, ...fortnight })] }), payers },
    { name: 'nursing per diem T1030 on fewer days than its span, calendar-day payer', claim: claim({ payer: calendar, lines: [line(1, 'T1030', { units: 3, ...fortnight })] }), payers },
    { name: 'other per diem (H0017) on fewer days than its span, calendar-day payer', claim: claim({ payer: calendar, lines: [line(1, 'H0017', { units: 3, ...fortnight })] }), payers },
    { name: 'S9810 is billed per hour, not per diem', claim: claim({ lines: [line(1, 'S9810', { units: 3 })] }) },
    { name: 'the visit and drug codes are not per diems', claim: claim({ lines: [line(1, '99601'), line(2, '99602', { units: 2 }), line(3, 'J0696', { units: 4 })] }) },
    { name: 'FQHC visit G0466 says "furnished per diem" but is billed per visit', claim: claim({ lines: [line(1, 'G0466', { units: 2 })] }) },
    { name: 'a code the release does not know', claim: claim({ lines: [line(1, 'S9999', { units: 3 })] }) },
  ],
  invalid: [
    {
      name: '15 units for 14 days',
      claim: claim({ lines: [line(1, 'S9500', { units: 15, ...fortnight })] }),
      reports: [{ messageId: 'moreUnitsThanDays', line: 1, data: { code: 'S9500', units: '15 units', span: '2020-11-01 to 2020-11-14', days: '14 days' } }],
    },
    {
      name: '2 units without an end date (one day)',
      claim: claim({ lines: [line(1, 'S9500', { modifiers: ['SS'] }), line(2, 'S9373', { units: 2 })] }),
      reports: [{ messageId: 'moreUnitsThanDays', line: 2, data: { code: 'S9373', units: '2 units', span: '2020-03-02', days: '1 day' } }],
    },
    {
      name: '2 units with the end date equal to the service date',
      claim: claim({ lines: [line(1, 'S9500', { units: 2, serviceDateEnd: '2020-03-02' })] }),
      reports: [{ messageId: 'moreUnitsThanDays', line: 1, data: { code: 'S9500', units: '2 units', span: '2020-03-02', days: '1 day' } }],
    },
    {
      name: 'part of a day (1.5 units), even within the span',
      claim: claim({ lines: [line(1, 'S9500', { units: 1.5, serviceDateEnd: '2020-03-03' })] }),
      reports: [{ messageId: 'partUnits', line: 1, data: { code: 'S9500', units: '1.5 units', span: '2020-03-02 to 2020-03-03', days: '2 days' } }],
    },
    {
      name: 'part of a day beyond the span is reported once, as part units',
      claim: claim({ lines: [line(1, 'S9500', { units: 2.5 })] }),
      reports: [{ messageId: 'partUnits', line: 1, data: { code: 'S9500', units: '2.5 units', span: '2020-03-02', days: '1 day' } }],
    },
    {
      name: 'fewer units than days to a payer that states calendar_days',
      claim: claim({ payer: calendar, lines: [line(1, 'S9500', { units: 10, ...fortnight })] }),
      payers,
      reports: [{ messageId: 'fewerUnitsThanDays', line: 1, data: { code: 'S9500', units: '10 units', span: '2020-11-01 to 2020-11-14', days: '14 days' } }],
    },
    {
      name: 'fewer units than days, payer record without the setting (default calendar_days)',
      claim: claim({ payer: { id: 'PLAIN', type: 'commercial' }, lines: [line(1, 'S9494', { units: 1, serviceDateEnd: '2020-03-03' })] }),
      payers,
      reports: [{ messageId: 'fewerUnitsThanDays', line: 1, data: { code: 'S9494', units: '1 unit', span: '2020-03-02 to 2020-03-03', days: '2 days' } }],
    },
    {
      name: 'fewer units than days, payer with no record (defaults of its type): catheter care counts too',
      claim: claim({ payer: { id: 'NOPE', type: 'commercial' }, lines: [line(1, 'S5502', { units: 6, ...fortnight }), line(2, 'S9061', { units: 13, ...fortnight })] }),
      reports: [
        { messageId: 'fewerUnitsThanDays', line: 1, data: { code: 'S5502', units: '6 units', span: '2020-11-01 to 2020-11-14', days: '14 days' } },
        { messageId: 'fewerUnitsThanDays', line: 2 },
      ],
    },
    {
      name: 'nursing per diem T1030 and another per diem (H0017) billing more units than days',
      claim: claim({ payer: calendar, lines: [line(1, 'T1030', { units: 2 }), line(2, 'H0017', { units: 8, serviceDate: '2020-03-02', serviceDateEnd: '2020-03-08' })] }),
      payers,
      reports: [
        { messageId: 'moreUnitsThanDays', line: 1, data: { code: 'T1030', units: '2 units', span: '2020-03-02', days: '1 day' } },
        { messageId: 'moreUnitsThanDays', line: 2, data: { code: 'H0017', units: '8 units', span: '2020-03-02 to 2020-03-08', days: '7 days' } },
      ],
    },
    {
      name: 'too many units is an error whatever the day basis',
      claim: claim({ payer: { id: 'THER', type: 'medicaid' }, lines: [line(1, 'S9365', { units: 31, serviceDate: '2020-03-01', serviceDateEnd: '2020-03-30' })] }),
      payers,
      reports: [{ messageId: 'moreUnitsThanDays', line: 1, data: { code: 'S9365', units: '31 units', span: '2020-03-01 to 2020-03-30', days: '30 days' } }],
    },
  ],
});
