import { sdNotRn } from '../../shared/rules/sd-not-rn.ts';
import { claim, line } from '../support/claims.ts';
import { ruleTable } from '../support/rule-table.ts';

ruleTable(sdNotRn, {
  valid: [
    { name: 'SD by an RN', claim: claim({ lines: [line(1, '99601', { modifiers: ['SS', 'SD'], performedBy: 'RN' })] }) },
    { name: 'SD with performer not given', claim: claim({ lines: [line(1, '99601', { modifiers: ['SD'] })] }) },
    { name: 'LPN line without SD', claim: claim({ lines: [line(1, '99601', { performedBy: 'LPN' })] }) },
  ],
  invalid: [
    { name: 'SD by an LPN', claim: claim({ lines: [line(1, '99601', { modifiers: ['SD'], performedBy: 'LPN' })] }), reports: [{ messageId: 'sdByNonRn', line: 1, data: { code: '99601', performer: 'an LPN' } }] },
    {
      name: 'SD by a pharmacist and by someone else',
      claim: claim({ lines: [line(1, 'S9500', { modifiers: ['SD'], performedBy: 'pharmacist' }), line(2, '99601', { modifiers: ['SD'], performedBy: 'other' })] }),
      reports: [{ messageId: 'sdByNonRn', line: 1 }, { messageId: 'sdByNonRn', line: 2 }],
    },
  ],
});
