import { serviceDateFuture } from '../../shared/rules/service-date-future.ts';
import { claim, line } from '../support/claims.ts';
import { ruleTable } from '../support/rule-table.ts';

/** Tests scrub at TEST_NOW, 2026-03-16T15:00Z; these cases name their own moment where it matters. */
const midMorningUtc = new Date('2026-03-16T09:00:00Z');

ruleTable(serviceDateFuture, {
  valid: [
    { name: 'service before submission', claim: claim({ submittedAt: '2020-03-05T14:00:00Z' }) },
    { name: 'service on the day of submission', claim: claim({ submittedAt: '2020-03-02T08:00:00-06:00' }) },
    { name: 'submission written in UTC while it is already the next day in the provider\'s zone (UTC+10)', claim: claim({ submittedAt: '2020-03-01T22:00:00Z' }) },
    { name: 'no submission time, service in the past', claim: claim() },
    { name: 'no submission time, service today', claim: claim({ lines: [line(1, 'S9500', { serviceDate: '2026-03-16' })] }) },
    { name: 'no submission time, service tomorrow in UTC but already today in UTC+14', claim: claim({ lines: [line(1, 'S9500', { serviceDate: '2026-03-17' })] }) },
  ],
  invalid: [
    {
      name: 'a line dated after the claim was submitted',
      claim: claim({ submittedAt: '2020-03-05T14:00:00Z', lines: [line(1, 'S9500'), line(2, '99601', { serviceDate: '2020-03-09' })] }),
      reports: [{ messageId: 'afterSubmission', line: 2, data: { serviceDate: '2020-03-09', submittedAt: '2020-03-05T14:00:00Z' } }],
    },
    {
      name: '2099 and 9999 with no submission time',
      claim: claim({ lines: [line(1, 'S9500', { serviceDate: '2099-06-01' }), line(2, '99601', { serviceDate: '9999-12-31' })] }),
      reports: [
        { messageId: 'afterToday', line: 1, data: { serviceDate: '2099-06-01', today: '2026-03-16' } },
        { messageId: 'afterToday', line: 2, data: { serviceDate: '9999-12-31', today: '2026-03-16' } },
      ],
    },
    {
      name: 'a submission time in the future does not make a future service date possible',
      claim: claim({ submittedAt: '2099-07-01T00:00:00Z', lines: [line(1, 'S9500', { serviceDate: '2099-06-01' })] }),
      reports: [{ messageId: 'afterToday', line: 1, data: { serviceDate: '2099-06-01', today: '2026-03-16' } }],
    },
    {
      name: 'tomorrow, before it has begun anywhere (09:00 UTC is 23:00 in UTC+14)',
      claim: claim({ lines: [line(1, 'S9500', { serviceDate: '2026-03-17' })] }),
      now: midMorningUtc,
      reports: [{ messageId: 'afterToday', line: 1, data: { serviceDate: '2026-03-17', today: '2026-03-16' } }],
    },
  ],
});
