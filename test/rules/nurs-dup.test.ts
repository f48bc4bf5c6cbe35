import { nursDup } from '../../shared/rules/nurs-dup.ts';
import { claim, line } from '../support/claims.ts';
import { ruleTable } from '../support/rule-table.ts';

const HOME = { placeOfService: '12', lines: [] };

ruleTable(nursDup, {
  valid: [
    { name: '99601 and S9123 on different days', claim: claim({ ...HOME, lines: [line(1, '99601'), line(2, 'S9123', { serviceDate: '2020-03-03', units: 4 })] }) },
    { name: 'S9123 alone', claim: claim({ ...HOME, lines: [line(1, 'S9123', { units: 4 })] }) },
    { name: '99601 and 99602 alone', claim: claim({ ...HOME, lines: [line(1, '99601'), line(2, '99602')] }) },
    {
      name: 'T1030 per diem spanning the days after the visit',
      claim: claim({ ...HOME, lines: [line(1, '99601'), line(2, 'T1030', { serviceDate: '2020-03-03', serviceDateEnd: '2020-03-05', units: 3 })] }),
    },
    { name: 'S9123 with a per diem, no visit code', claim: claim({ ...HOME, lines: [line(1, 'S9500'), line(2, 'S9123', { units: 2 })] }) },
  ],
  invalid: [
    {
      name: 'S9123 on the day of 99601',
      claim: claim({ ...HOME, lines: [line(1, 'S9500'), line(2, '99601'), line(3, 'S9123', { units: 3 })] }),
      reports: [{ messageId: 'sameDayAsVisit', line: 3, data: { code: 'S9123', date: '2020-03-02', visitLine: 2, visitCode: '99601' } }],
    },
    {
      name: 'S9124 on the day of a 99602 line (the add-on counts too)',
      claim: claim({ ...HOME, lines: [line(1, 'S9124', { units: 2 }), line(2, '99602')] }),
      reports: [{ messageId: 'sameDayAsVisit', line: 1, data: { code: 'S9124', date: '2020-03-02', visitLine: 2, visitCode: '99602' } }],
    },
    {
      name: 'T1030 spanning the visit day: the shared day is named',
      claim: claim({ ...HOME, lines: [line(1, 'T1030', { serviceDate: '2020-03-01', serviceDateEnd: '2020-03-05', units: 5 }), line(2, '99601', { serviceDate: '2020-03-03' })] }),
      reports: [{ messageId: 'sameDayAsVisit', line: 1, data: { code: 'T1030', date: '2020-03-03', visitLine: 2, visitCode: '99601' } }],
    },
    {
      name: 'T1031 over two visit days: the earliest shared day',
      claim: claim({
        ...HOME,
        lines: [line(1, '99601', { serviceDate: '2020-03-04' }), line(2, '99601', { serviceDate: '2020-03-02' }), line(3, 'T1031', { serviceDate: '2020-03-01', serviceDateEnd: '2020-03-07', units: 7 })],
      }),
      reports: [{ messageId: 'sameDayAsVisit', line: 3, data: { code: 'T1031', date: '2020-03-02', visitLine: 2, visitCode: '99601' } }],
    },
    {
      name: 'each nursing line on a visit day is reported',
      claim: claim({ ...HOME, lines: [line(1, '99601'), line(2, 'S9123'), line(3, 'T1030'), line(4, 'S9124', { serviceDate: '2020-03-09' })] }),
      reports: [
        { messageId: 'sameDayAsVisit', line: 2, data: { code: 'S9123', date: '2020-03-02', visitLine: 1, visitCode: '99601' } },
        { messageId: 'sameDayAsVisit', line: 3, data: { code: 'T1030', date: '2020-03-02', visitLine: 1, visitCode: '99601' } },
      ],
    },
  ],
});
