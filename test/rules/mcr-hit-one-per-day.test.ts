import { mcrHitOnePerDay } from '../../shared/rules/mcr-hit-one-per-day.ts';
import { claim, line } from '../support/claims.ts';
import { hitFixtureCodes } from '../support/hit-release.ts';
import { ruleTable } from '../support/rule-table.ts';

const codes = hitFixtureCodes();
/** Original Medicare, visits at home. */
const home = { payer: { id: 'MCARE', type: 'medicare' }, placeOfService: '12' } as const;
const visit = (n: number, code: string, extra: Parameters<typeof line>[2] = {}) => line(n, code, { serviceDate: '2021-03-02', units: 4, ...extra });

ruleTable(mcrHitOnePerDay, {
  valid: [
    { name: 'one visit of each category on one day', claim: claim({ ...home, lines: [visit(1, 'G0068'), visit(2, 'G0069'), visit(3, 'G0090')] }), codes },
    { name: 'the same code on two days', claim: claim({ ...home, lines: [visit(1, 'G0068'), visit(2, 'G0068', { serviceDate: '2021-03-03' })] }), codes },
    { name: 'initial visit, then follow-up visits on later days', claim: claim({ ...home, lines: [visit(1, 'G0088'), visit(2, 'G0068', { serviceDate: '2021-03-04' })] }), codes },
    { name: 'not Medicare: a commercial payer', claim: claim({ placeOfService: '12', lines: [visit(1, 'G0068'), visit(2, 'G0068')] }), codes },
    { name: 'non-HIT lines on the day do not count', claim: claim({ ...home, lines: [visit(1, 'G0068'), visit(2, '99601'), visit(3, '99602')] }), codes },
  ],
  invalid: [
    {
      name: 'two lines of one code on one day: the later line',
      claim: claim({ ...home, lines: [visit(1, 'G0068'), visit(2, 'G0068', { units: 2 })] }),
      codes,
      reports: [{ messageId: 'secondVisitSameDay', line: 2, data: { code: 'G0068', category: 1, categoryCodes: 'G0068/G0088', date: '2021-03-02', firstLine: 1 } }],
    },
    {
      name: 'initial and follow-up code of one category on one day',
      claim: claim({ ...home, lines: [visit(1, 'G0090'), visit(2, 'G0070')] }),
      codes,
      reports: [{ messageId: 'secondVisitSameDay', line: 2, data: { code: 'G0070', category: 3, categoryCodes: 'G0070/G0090', date: '2021-03-02', firstLine: 1 } }],
    },
    {
      name: 'three lines of one category: each later line names the first',
      claim: claim({ ...home, lines: [visit(1, 'G0069'), visit(2, 'G0089'), visit(3, 'G0069')] }),
      codes,
      reports: [
        { messageId: 'secondVisitSameDay', line: 2, data: { code: 'G0089', category: 2, categoryCodes: 'G0069/G0089', date: '2021-03-02', firstLine: 1 } },
        { messageId: 'secondVisitSameDay', line: 3, data: { code: 'G0069', category: 2, categoryCodes: 'G0069/G0089', date: '2021-03-02', firstLine: 1 } },
      ],
    },
    {
      name: 'categories counted apart: only the repeated ones',
      claim: claim({ ...home, lines: [visit(1, 'G0068'), visit(2, 'G0069'), visit(3, 'G0088'), visit(4, 'G0070'), visit(5, 'G0089')] }),
      codes,
      reports: [
        { messageId: 'secondVisitSameDay', line: 3, data: { code: 'G0088', category: 1, categoryCodes: 'G0068/G0088', date: '2021-03-02', firstLine: 1 } },
        { messageId: 'secondVisitSameDay', line: 5, data: { code: 'G0089', category: 2, categoryCodes: 'G0069/G0089', date: '2021-03-02', firstLine: 2 } },
      ],
    },
    {
      name: 'a line dated by a range shares a day with a later one-day line',
      claim: claim({ ...home, lines: [visit(1, 'G0068', { serviceDate: '2021-03-01', serviceDateEnd: '2021-03-03' }), visit(2, 'G0068', { serviceDate: '2021-03-03' })] }),
      codes,
      reports: [{ messageId: 'secondVisitSameDay', line: 2, data: { code: 'G0068', category: 1, categoryCodes: 'G0068/G0088', date: '2021-03-03', firstLine: 1 } }],
    },
  ],
});
