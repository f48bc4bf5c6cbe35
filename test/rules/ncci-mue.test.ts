import { NcciSet, type MueAdjudication, type MueEdit, type NcciProgram } from '../../shared/ncci/ncci-edits.ts';
import { PayerPolicy } from '../../shared/payers/payer-policy.ts';
import { ncciMue } from '../../shared/rules/ncci-mue.ts';
import { claim, line } from '../support/claims.ts';
import { ruleTable } from '../support/rule-table.ts';

// Synthetic limits, not CMS's: the tests build their own tables (CMS's are never shipped).
const mue = (program: NcciProgram, code: string, maxUnits: number, adjudication: MueAdjudication): MueEdit => ({ program, code, maxUnits, adjudication, rationale: 'Synthetic test value' });
const EDITS = [
  mue('medicare', 'J0696', 40, 1),
  mue('medicare', '96365', 1, 2),
  mue('medicare', '99602', 3, 3),
  mue('medicare', 'J1885', 0, 1),
  mue('medicaid', 'J0696', 30, 1),
  mue('medicaid', '99601', 2, 3),
  mue('medicaid', '99602', 1, 2),
];
const ncci = new NcciSet('test', { mue: EDITS }, { mue: ['medicare', 'medicaid'], ptp: [] });
const medicareTableOnly = new NcciSet('test', { mue: EDITS.filter((edit) => edit.program === 'medicare') }, { mue: ['medicare'], ptp: [] });
const ptpOnly = new NcciSet('test', {}, { mue: [], ptp: ['medicare'] });

const MEDICARE = { id: 'MCARE', type: 'medicare' } as const;
const MEDICAID = { id: 'STMCD', type: 'medicaid' } as const;
const MA_PLAN = { id: 'SUMMA', type: 'medicare_advantage' } as const;
const payers = new PayerPolicy({
  version: 'test',
  payers: [
    { id: 'NCCIPLAN', name: 'Commercial plan that applies the NCCI edits (modelled on Regence)', type: 'commercial', acceptsSS: true, followsNcci: true },
    { id: 'MCDNONCCI', name: 'Medicaid plan whose contract sets NCCI aside', type: 'medicaid', acceptsSS: true, followsNcci: false },
  ],
});
const HOME = { placeOfService: '12' };

ruleTable(ncciMue, {
  valid: [
    { name: 'no NCCI tables loaded', claim: claim({ ...HOME, payer: MEDICARE, lines: [line(1, 'J0696', { units: 99 })] }) },
    { name: 'a commercial payer that does not follow NCCI (the default)', claim: claim({ ...HOME, lines: [line(1, 'J0696', { units: 99 })] }), ncci },
    { name: 'a Medicaid payer whose record sets followsNcci false', claim: claim({ ...HOME, payer: { id: 'MCDNONCCI', type: 'medicaid' }, lines: [line(1, '99602', { units: 5 })] }), ncci, payers },
    { name: 'a Medicaid payer when only the Medicare MUE table is loaded: nothing, not the Medicare limits', claim: claim({ ...HOME, payer: MEDICAID, lines: [line(1, 'J0696', { units: 99 })] }), ncci: medicareTableOnly },
    { name: 'only PTP tables loaded', claim: claim({ ...HOME, payer: MEDICARE, lines: [line(1, 'J0696', { units: 99 })] }), ncci: ptpOnly },
    { name: 'units at the limit', claim: claim({ ...HOME, payer: MEDICARE, lines: [line(1, 'J0696', { units: 40 }), line(2, '96365'), line(3, '99602', { units: 3 })] }), ncci },
    { name: 'a line edit compares each line, not the day', claim: claim({ ...HOME, payer: MEDICARE, lines: [line(1, 'J0696', { units: 40 }), line(2, 'J0696', { units: 40, modifiers: ['59'] })] }), ncci },
    { name: 'date-of-service units on different days', claim: claim({ ...HOME, payer: MEDICARE, lines: [line(1, '99602', { units: 3 }), line(2, '99602', { units: 3, serviceDate: '2020-03-03' })] }), ncci },
    {
      name: 'a line spanning days counts its units on its first day',
      claim: claim({ ...HOME, payer: MEDICARE, lines: [line(1, '99602', { units: 3, serviceDateEnd: '2020-03-03' }), line(2, '99602', { units: 3, serviceDate: '2020-03-03' })] }),
      ncci,
    },
    { name: 'a code without an MUE', claim: claim({ ...HOME, payer: MEDICARE, lines: [line(1, 'S9500', { units: 30 }), line(2, '99601', { units: 9 })] }), ncci },
    { name: 'the Medicare table for Medicare: 99602 within its limit of 3 (Medicaid allows 1)', claim: claim({ ...HOME, payer: MEDICARE, lines: [line(1, '99602', { units: 2 })] }), ncci },
  ],
  invalid: [
    {
      name: 'MAI 1: a line over the per-line limit',
      claim: claim({ ...HOME, payer: MEDICARE, lines: [line(1, 'J0696', { units: 41 })] }),
      ncci,
      reports: [{ messageId: 'lineOverLimit', line: 1, data: { code: 'J0696', units: '41 units', limit: 40, table: 'Medicare' } }],
    },
    {
      name: 'MAI 2: the day\'s units over the limit, summed over two lines, reported on the first',
      claim: claim({ ...HOME, payer: MEDICARE, lines: [line(1, 'S9500'), line(2, '96365'), line(3, '96365', { modifiers: ['59'] })] }),
      ncci,
      reports: [{ messageId: 'dayOverPolicyLimit', line: 2, data: { code: '96365', units: '2 units', date: '2020-03-02', lines: '2, 3', limit: 1, table: 'Medicare' } }],
    },
    {
      name: 'MAI 3: one line over the daily limit',
      claim: claim({ ...HOME, payer: MEDICARE, lines: [line(1, '99601'), line(2, '99602', { units: 4 })] }),
      ncci,
      reports: [{ messageId: 'dayOverClinicalLimit', line: 2, data: { code: '99602', units: '4 units', date: '2020-03-02', lines: '2', limit: 3, table: 'Medicare' } }],
    },
    {
      name: 'a Medicaid payer is held to the Medicaid table',
      claim: claim({ ...HOME, payer: MEDICAID, lines: [line(1, '99601', { units: 3 }), line(2, '99602', { units: 2 }), line(3, 'J0696', { units: 31 })] }),
      ncci,
      reports: [
        { messageId: 'dayOverClinicalLimit', line: 1, data: { code: '99601', units: '3 units', date: '2020-03-02', lines: '1', limit: 2, table: 'Medicaid' } },
        { messageId: 'dayOverPolicyLimit', line: 2, data: { code: '99602', units: '2 units', date: '2020-03-02', lines: '2', limit: 1, table: 'Medicaid' } },
        { messageId: 'lineOverLimit', line: 3, data: { code: 'J0696', units: '31 units', limit: 30, table: 'Medicaid' } },
      ],
    },
    {
      name: 'a commercial payer that follows NCCI is held to the Medicare table',
      claim: claim({ ...HOME, payer: { id: 'NCCIPLAN', type: 'commercial' }, lines: [line(1, '96365', { units: 2 })] }),
      ncci,
      payers,
      reports: [{ messageId: 'dayOverPolicyLimit', line: 1, data: { code: '96365', units: '2 units', date: '2020-03-02', lines: '1', limit: 1, table: 'Medicare' } }],
    },
    {
      name: 'a Medicare Advantage plan that follows NCCI, each day judged apart, findings in line order',
      claim: claim({
        ...HOME,
        payer: MA_PLAN,
        lines: [line(1, '96365', { serviceDate: '2020-03-03' }), line(2, '96365', { serviceDate: '2020-03-03' }), line(3, 'J0696', { units: 50 }), line(4, '96365'), line(5, '96365', { serviceDate: '2020-03-03' })],
      }),
      ncci,
      reports: [
        { messageId: 'dayOverPolicyLimit', line: 1, data: { code: '96365', units: '3 units', date: '2020-03-03', lines: '1, 2, 5', limit: 1, table: 'Medicare' } },
        { messageId: 'lineOverLimit', line: 3 },
      ],
    },
    {
      name: 'an MUE of 0: a single unit is over it',
      claim: claim({ ...HOME, payer: MEDICARE, lines: [line(1, 'J1885')] }),
      ncci,
      reports: [{ messageId: 'lineOverLimit', line: 1, data: { code: 'J1885', units: '1 unit', limit: 0, table: 'Medicare' } }],
    },
    {
      name: 'a line spanning days: all its units on its first day',
      claim: claim({ ...HOME, payer: MEDICARE, lines: [line(1, '99602', { units: 2, serviceDateEnd: '2020-03-03' }), line(2, '99602', { units: 2 })] }),
      ncci,
      reports: [{ messageId: 'dayOverClinicalLimit', line: 1, data: { code: '99602', units: '4 units', date: '2020-03-02', lines: '1, 2', limit: 3, table: 'Medicare' } }],
    },
  ],
});
