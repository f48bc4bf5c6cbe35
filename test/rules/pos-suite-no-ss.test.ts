import { PayerPolicy } from '../../shared/payers/payer-policy.ts';
import { posSuiteNoSs } from '../../shared/rules/pos-suite-no-ss.ts';
import { claim, line } from '../support/claims.ts';
import { ruleTable } from '../support/rule-table.ts';

/** A payer whose suite is place of service 15, and one that does not accept SS. */
const payers = new PayerPolicy({
  version: 'test',
  payers: [
    { id: 'POS15', name: 'Plan whose suite is POS 15', type: 'commercial', acceptsSS: true, suitePos: ['15'] },
    { id: 'NOSS', name: 'Plan that refuses SS', type: 'commercial', acceptsSS: false },
  ],
});

ruleTable(posSuiteNoSs, {
  valid: [
    { name: 'the default claim: S9500-SS at POS 49', claim: claim() },
    { name: 'home per diem at home (POS 12)', claim: claim({ placeOfService: '12', lines: [line(1, 'S9500'), line(2, '99601'), line(3, '99602')] }) },
    { name: 'no place of service given', claim: claim({ placeOfService: undefined, lines: [line(1, 'S9500')] }) },
    { name: 'claim POS 49, the line\'s own POS 12', claim: claim({ lines: [line(1, 'S9500', { placeOfService: '12' }), line(2, '99601', { modifiers: ['SS'] })] }) },
    { name: 'visit with SS at POS 11', claim: claim({ placeOfService: '11', lines: [line(1, '99601', { modifiers: ['SS'] })] }) },
    { name: 'drug, nursing per diem and non-infusion home per diems at POS 49 are not home-infusion services', claim: claim({ lines: [line(1, 'J0696'), line(2, 'T1030'), line(3, 'S9061'), line(4, 'S9537'), line(5, 'S9810')] }) },
    { name: 'POS 22 (outpatient hospital) is not a suite', claim: claim({ placeOfService: '22', lines: [line(1, 'S9500')] }) },
    { name: 'Original Medicare pays no suite service (SS-MEDICARE)', claim: claim({ payer: { id: 'MEDICARE-B', type: 'medicare' }, lines: [line(1, 'S9500')] }) },
    { name: 'payer that does not accept SS (PAYER-SS-NOT-ACCEPTED)', claim: claim({ payer: { id: 'NOSS', type: 'commercial' }, lines: [line(1, 'S9500')] }), payers },
    { name: 'the bundled example plan that refuses SS', claim: claim({ payer: { id: 'LSHMO', type: 'commercial' }, lines: [line(1, '99601')] }) },
  ],
  invalid: [
    {
      name: 'home infusion per diem at POS 49 without SS',
      claim: claim({ lines: [line(1, 'S9500')] }),
      reports: [{ messageId: 'suiteWithoutSs', line: 1, data: { code: 'S9500', pos: '49', place: 'independent clinic' } }],
    },
    {
      name: 'visits and catheter care at POS 11, SD alone is not SS',
      claim: claim({ placeOfService: '11', lines: [line(1, '99601', { modifiers: ['SD'] }), line(2, '99602'), line(3, 'S5502'), line(4, 'J0696')] }),
      reports: [
        { messageId: 'suiteWithoutSs', line: 1, data: { code: '99601', pos: '11', place: 'office' } },
        { messageId: 'suiteWithoutSs', line: 2, data: { code: '99602', pos: '11', place: 'office' } },
        { messageId: 'suiteWithoutSs', line: 3, data: { code: 'S5502', pos: '11', place: 'office' } },
      ],
    },
    {
      name: 'claim at home, one line\'s own POS 49',
      claim: claim({ placeOfService: '12', lines: [line(1, 'S9373'), line(2, 'S9494', { placeOfService: '49' })] }),
      reports: [{ messageId: 'suiteWithoutSs', line: 2, data: { code: 'S9494', pos: '49', place: 'independent clinic' } }],
    },
    {
      name: 'the payer\'s own suite POS, and 49 still for that payer',
      claim: claim({ payer: { id: 'POS15', type: 'commercial' }, placeOfService: '15', lines: [line(1, 'S9500'), line(2, 'S9500', { placeOfService: '49', modifiers: ['SH'] })] }),
      payers,
      reports: [
        { messageId: 'suiteWithoutSs', line: 1, data: { code: 'S9500', pos: '15', place: 'this payer\'s infusion suite' } },
        { messageId: 'suiteWithoutSs', line: 2, data: { code: 'S9500', pos: '49', place: 'independent clinic' } },
      ],
    },
    {
      name: 'Medicaid at POS 49 without SS',
      claim: claim({ payer: { id: 'STMCD', type: 'medicaid' }, lines: [line(1, '99601')] }),
      reports: [{ messageId: 'suiteWithoutSs', line: 1, data: { code: '99601', pos: '49', place: 'independent clinic' } }],
    },
  ],
});
