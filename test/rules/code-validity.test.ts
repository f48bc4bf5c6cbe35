import { codeInactive } from '../../shared/rules/code-inactive.ts';
import { codeUnknown } from '../../shared/rules/code-unknown.ts';
import { modifierInactive } from '../../shared/rules/modifier-inactive.ts';
import { modifierUnknown } from '../../shared/rules/modifier-unknown.ts';
import { claim, line } from '../support/claims.ts';
import { ruleTable } from '../support/rule-table.ts';

ruleTable(codeUnknown, {
  valid: [
    { name: 'CMS code and modifier', claim: claim() },
    { name: 'project CPT codes 99601/99602', claim: claim({ lines: [line(1, '99601'), line(2, '99602')] }) },
    { name: 'lower-case CMS code', claim: claim({ lines: [line(1, 's9500')] }) },
  ],
  invalid: [
    { name: 'made-up code', claim: claim({ lines: [line(1, 'S9500'), line(2, 'Z9999')] }), reports: [{ messageId: 'unknownCode', line: 2, data: { code: 'Z9999', release: 'HCPCS-2020' } }] },
    { name: 'CPT code outside the project file', claim: claim({ lines: [line(1, '99211')] }), reports: [{ messageId: 'unknownCode', line: 1 }] },
    { name: 'G0088 (created 2021, after the loaded 2020 release)', claim: claim({ lines: [line(1, 'G0088', { serviceDate: '2021-02-01' })] }), reports: [{ messageId: 'unknownCode', line: 1 }] },
  ],
});

ruleTable(codeInactive, {
  valid: [
    { name: 'code active on the date', claim: claim() },
    { name: 'A4466 on its last day', claim: claim({ lines: [line(1, 'A4466', { serviceDate: '2016-12-31' })] }) },
    { name: 'A4226 on the day it was added', claim: claim({ lines: [line(1, 'A4226', { serviceDate: '2020-01-01' })] }) },
  ],
  invalid: [
    { name: 'A4466 after its termination', claim: claim({ lines: [line(1, 'A4466', { serviceDate: '2017-01-01' })] }), reports: [{ messageId: 'terminated', line: 1, data: { code: 'A4466', terminationDate: '2016-12-31', serviceDate: '2017-01-01' } }] },
    { name: 'A4226 before it was added', claim: claim({ lines: [line(1, 'S9500', { serviceDate: '2019-12-31' }), line(2, 'A4226', { serviceDate: '2019-12-31' })] }), reports: [{ messageId: 'notYetAdded', line: 2, data: { code: 'A4226', addedDate: '2020-01-01', serviceDate: '2019-12-31' } }] },
  ],
});

ruleTable(modifierUnknown, {
  valid: [
    { name: 'SS and SD', claim: claim({ lines: [line(1, '99601', { modifiers: ['SS', 'SD'] })] }) },
    { name: 'no modifiers', claim: claim({ lines: [line(1, '99601')] }) },
  ],
  invalid: [
    { name: 'made-up modifier', claim: claim({ lines: [line(1, '99601', { modifiers: ['SS', 'ZY'] })] }), reports: [{ messageId: 'unknownModifier', line: 1, data: { modifier: 'ZY', release: 'HCPCS-2020' } }] },
    { name: 'the same unknown modifier twice is reported once', claim: claim({ lines: [line(1, '99601', { modifiers: ['ZZ', 'ZZ'] }), line(2, 'S9500', { modifiers: ['X9'] })] }), reports: [{ messageId: 'unknownModifier', line: 1 }, { messageId: 'unknownModifier', line: 2 }] },
  ],
});

ruleTable(modifierInactive, {
  valid: [
    { name: 'SS after 2004-10-01', claim: claim() },
    { name: 'GD on its last day', claim: claim({ lines: [line(1, 'S9500', { modifiers: ['GD'], serviceDate: '2019-12-31' })] }) },
  ],
  invalid: [
    { name: 'SS before it was added', claim: claim({ lines: [line(1, 'S9500', { modifiers: ['SS'], serviceDate: '2004-09-30' })] }), reports: [{ messageId: 'notYetAdded', line: 1, data: { modifier: 'SS', addedDate: '2004-10-01', serviceDate: '2004-09-30' } }] },
    { name: 'GD after its termination', claim: claim({ lines: [line(1, 'S9500', { modifiers: ['GD'] })] }), reports: [{ messageId: 'terminated', line: 1, data: { modifier: 'GD', terminationDate: '2019-12-31', serviceDate: '2020-03-02' } }] },
  ],
});
