import { sdMissing } from '../../shared/rules/sd-missing.ts';
import { claim, line } from '../support/claims.ts';
import { ruleTable } from '../support/rule-table.ts';

ruleTable(sdMissing, {
  valid: [
    { name: 'SS + SD by an RN', claim: claim({ lines: [line(1, '99601', { modifiers: ['SS', 'SD'], performedBy: 'RN' })] }) },
    { name: 'SS, performer not given', claim: claim({ lines: [line(1, '99601', { modifiers: ['SS'] })] }) },
    { name: 'SS by a pharmacist', claim: claim({ lines: [line(1, 'S9500', { modifiers: ['SS'], performedBy: 'pharmacist' })] }) },
    { name: 'RN line without SS (home visit)', claim: claim({ lines: [line(1, '99601', { performedBy: 'RN' })] }) },
  ],
  invalid: [
    { name: 'SS by an RN without SD', claim: claim({ lines: [line(1, '99601', { modifiers: ['SS'], performedBy: 'RN' })] }), reports: [{ messageId: 'sdMissing', line: 1, data: { code: '99601' } }] },
    {
      name: 'two RN suite lines, one with SD',
      claim: claim({ lines: [line(1, '99601', { modifiers: ['SS', 'SD'], performedBy: 'RN' }), line(2, '99602', { modifiers: ['SS'], performedBy: 'RN' })] }),
      reports: [{ messageId: 'sdMissing', line: 2 }],
    },
  ],
});
