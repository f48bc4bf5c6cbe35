import { prolongedTimeUnbilled } from '../../shared/rules/prolonged-time-unbilled.ts';
import { claim, FULL_DOCUMENTATION, line } from '../support/claims.ts';
import { ruleTable } from '../support/rule-table.ts';

ruleTable(prolongedTimeUnbilled, {
  valid: [
    { name: '120-minute visit', claim: claim({ lines: [line(1, '99601', { infusionMinutes: 120 })] }) },
    { name: '150-minute visit (30 minutes beyond does not pass the mid-point)', claim: claim({ lines: [line(1, '99601', { infusionMinutes: 150 })] }) },
    { name: '200-minute visit with 99602 billed', claim: claim({ lines: [line(1, '99601', { infusionMinutes: 200 }), line(2, '99602')] }) },
    { name: 'unknown minutes', claim: claim({ lines: [line(1, '99601')], documentation: { ...FULL_DOCUMENTATION, infusionMinutes: undefined } }) },
  ],
  invalid: [
    { name: '200-minute visit, no 99602', claim: claim({ lines: [line(1, '99601', { infusionMinutes: 200 })] }), reports: [{ messageId: 'addonUnbilled', line: 1, data: { date: '2020-03-02', minutes: 200, earnedUnits: '1 unit' } }] },
    { name: 'documented 260 minutes, no 99602', claim: claim({ lines: [line(1, '99601')], documentation: { ...FULL_DOCUMENTATION, infusionMinutes: 260 } }), reports: [{ messageId: 'addonUnbilled', line: 1, data: { date: '2020-03-02', minutes: 260, earnedUnits: '2 units' } }] },
    {
      name: '99602 billed on another date only',
      claim: claim({ lines: [line(1, '99601', { infusionMinutes: 190, serviceDate: '2020-03-02' }), line(2, '99601', { infusionMinutes: 60, serviceDate: '2020-03-03' }), line(3, '99602', { serviceDate: '2020-03-03' })] }),
      reports: [{ messageId: 'addonUnbilled', line: 1 }],
    },
  ],
});
