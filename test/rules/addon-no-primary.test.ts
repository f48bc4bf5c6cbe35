import { addonNoPrimary } from '../../shared/rules/addon-no-primary.ts';
import { claim, line } from '../support/claims.ts';
import { ruleTable } from '../support/rule-table.ts';

ruleTable(addonNoPrimary, {
  valid: [
    { name: '99601 and 99602 on the same date', claim: claim({ lines: [line(1, '99601'), line(2, '99602')] }) },
    { name: '99601 alone', claim: claim({ lines: [line(1, '99601')] }) },
    { name: 'no visit codes', claim: claim() },
  ],
  invalid: [
    { name: '99602 alone', claim: claim({ lines: [line(1, 'S9500'), line(2, '99602')] }), reports: [{ messageId: 'noPrimary', line: 2, data: { date: '2020-03-02' } }] },
    {
      name: '99601 on another date only',
      claim: claim({ lines: [line(1, '99601', { serviceDate: '2020-03-01' }), line(2, '99602', { serviceDate: '2020-03-02' }), line(3, '99602', { serviceDate: '2020-03-01' })] }),
      reports: [{ messageId: 'noPrimary', line: 2 }],
    },
  ],
});
