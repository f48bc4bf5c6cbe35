import { addonSsMissing } from '../../shared/rules/addon-ss-missing.ts';
import { claim, line } from '../support/claims.ts';
import { ruleTable } from '../support/rule-table.ts';

ruleTable(addonSsMissing, {
  valid: [
    { name: 'both lines carry SS', claim: claim({ lines: [line(1, '99601', { modifiers: ['SS'] }), line(2, '99602', { modifiers: ['SS'] })] }) },
    { name: 'neither line carries SS (home visit)', claim: claim({ placeOfService: '12', lines: [line(1, '99601'), line(2, '99602')] }) },
    { name: 'different dates disagree (separate visits)', claim: claim({ lines: [line(1, '99601', { modifiers: ['SS'], serviceDate: '2020-03-01' }), line(2, '99601', { serviceDate: '2020-03-02' }), line(3, '99602', { serviceDate: '2020-03-02' })] }) },
    { name: 'SS 99601 with no 99602', claim: claim({ lines: [line(1, '99601', { modifiers: ['SS'] })] }) },
  ],
  invalid: [
    { name: '99602 lacks SS', claim: claim({ lines: [line(1, '99601', { modifiers: ['SS'] }), line(2, '99602')] }), reports: [{ messageId: 'ssMissing', line: 2, data: { code: '99602', date: '2020-03-02', ssLine: 1, ssCode: '99601' } }] },
    { name: '99601 lacks SS', claim: claim({ lines: [line(1, '99601', { modifiers: ['SD'] }), line(2, '99602', { modifiers: ['SS'] })] }), reports: [{ messageId: 'ssMissing', line: 1 }] },
  ],
});
