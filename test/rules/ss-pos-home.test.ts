import { ssPosHome } from '../../shared/rules/ss-pos-home.ts';
import { claim, line } from '../support/claims.ts';
import { ruleTable } from '../support/rule-table.ts';

ruleTable(ssPosHome, {
  valid: [
    { name: 'SS with POS 49', claim: claim({ placeOfService: '49' }) },
    { name: 'SS with POS 11', claim: claim({ placeOfService: '11' }) },
    { name: 'SS, POS not given', claim: claim({ placeOfService: undefined }) },
    { name: 'POS 12 without SS', claim: claim({ placeOfService: '12', lines: [line(1, 'S9500')] }) },
    { name: 'claim POS 12, the SS line served in the suite (its own POS 49)', claim: claim({ placeOfService: '12', lines: [line(1, 'S9500', { modifiers: ['SS'], placeOfService: '49' }), line(2, '99601', { placeOfService: '12' })] }) },
  ],
  invalid: [
    { name: 'SS with POS 12', claim: claim({ placeOfService: '12' }), reports: [{ messageId: 'suiteAtHome', line: 1, data: { code: 'S9500' } }] },
    { name: 'two SS lines with POS 12', claim: claim({ placeOfService: '12', lines: [line(1, 'S9500', { modifiers: ['SS'] }), line(2, 'J0696'), line(3, '99601', { modifiers: ['SS'] })] }), reports: [{ messageId: 'suiteAtHome', line: 1 }, { messageId: 'suiteAtHome', line: 3 }] },
    {
      name: 'home and suite lines judged each on its own POS',
      claim: claim({
        placeOfService: '49',
        lines: [line(1, 'S9500', { modifiers: ['SS'] }), line(2, '99601', { modifiers: ['SS'], placeOfService: '12' }), line(3, 'S9500', { placeOfService: '12' }), line(4, '99601', { modifiers: ['SS'], placeOfService: '49' })],
      }),
      reports: [{ messageId: 'suiteAtHome', line: 2, data: { code: '99601' } }],
    },
  ],
});
