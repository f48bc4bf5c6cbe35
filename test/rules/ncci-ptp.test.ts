import { NcciSet, type NcciProgram, type PtpEdit, type PtpModifierIndicator } from '../../shared/ncci/ncci-edits.ts';
import { PayerPolicy } from '../../shared/payers/payer-policy.ts';
import { ncciPtp } from '../../shared/rules/ncci-ptp.ts';
import { claim, line } from '../support/claims.ts';
import { ruleTable } from '../support/rule-table.ts';

// Synthetic pairs, not CMS's: the tests build their own tables (CMS's are never shipped).
const ptp = (program: NcciProgram, column1: string, column2: string, modifierIndicator: PtpModifierIndicator, effective: string, deleted?: string): PtpEdit => ({
  program,
  column1,
  column2,
  modifierIndicator,
  effective,
  ...(deleted === undefined ? {} : { deleted }),
  rationale: 'Synthetic test edit',
});
const EDITS = [
  ptp('medicare', '99601', '96365', '1', '2020-01-01'),
  ptp('medicare', '99601', '96366', '0', '2020-01-01'),
  ptp('medicare', '99601', '96372', '0', '2015-01-01', '2020-03-02'),
  ptp('medicare', '99601', '96374', '0', '2020-03-03'),
  ptp('medicare', '99601', '96360', '9', '2020-01-01', '2020-01-01'),
  // CMS lists some pairs more than once: the strictest edit in force wins.
  ptp('medicare', '99602', '96366', '1', '2020-01-01'),
  ptp('medicare', '99602', '96366', '0', '2019-01-01'),
  ptp('medicaid', '99601', '96365', '0', '2020-01-01'),
];
const ncci = new NcciSet('test', { ptp: EDITS }, { mue: [], ptp: ['medicare', 'medicaid'] });
const medicareTableOnly = new NcciSet('test', { ptp: EDITS.filter((edit) => edit.program === 'medicare') }, { mue: [], ptp: ['medicare'] });
const mueOnly = new NcciSet('test', {}, { mue: ['medicare'], ptp: [] });

const MEDICARE = { id: 'MCARE', type: 'medicare' } as const;
const MEDICAID = { id: 'STMCD', type: 'medicaid' } as const;
const payers = new PayerPolicy({
  version: 'test',
  payers: [{ id: 'NCCIPLAN', name: 'Commercial plan that applies the NCCI edits (modelled on Regence)', type: 'commercial', acceptsSS: true, followsNcci: true }],
});
const HOME = { placeOfService: '12' };
const visitWith = (code: string, extra: Parameters<typeof line>[2] = {}) => [line(1, '99601'), line(2, code, extra)];

ruleTable(ncciPtp, {
  valid: [
    { name: 'no NCCI tables loaded', claim: claim({ ...HOME, payer: MEDICARE, lines: visitWith('96366') }) },
    { name: 'only MUE tables loaded', claim: claim({ ...HOME, payer: MEDICARE, lines: visitWith('96366') }), ncci: mueOnly },
    { name: 'a commercial payer that does not follow NCCI (the default)', claim: claim({ ...HOME, lines: visitWith('96366') }), ncci },
    { name: 'a Medicaid payer when only the Medicare PTP table is loaded', claim: claim({ ...HOME, payer: MEDICAID, lines: visitWith('96366') }), ncci: medicareTableOnly },
    { name: 'the pair on different days', claim: claim({ ...HOME, payer: MEDICARE, lines: [line(1, '99601'), line(2, '96366', { serviceDate: '2020-03-03' })] }), ncci },
    { name: 'indicator 1 with 59 on the column 2 line', claim: claim({ ...HOME, payer: MEDICARE, lines: visitWith('96365', { modifiers: ['59'] }) }), ncci },
    { name: 'indicator 1 with XU on the column 2 line', claim: claim({ ...HOME, payer: MEDICARE, lines: visitWith('96365', { modifiers: ['JW', 'XU'] }) }), ncci },
    { name: 'indicator 1 with an anatomic modifier on the column 2 line', claim: claim({ ...HOME, payer: MEDICARE, lines: visitWith('96365', { modifiers: ['RT'] }) }), ncci },
    { name: 'indicator 9: the edit does not apply', claim: claim({ ...HOME, payer: MEDICARE, lines: visitWith('96360') }), ncci },
    { name: 'an edit deleted on the date of service', claim: claim({ ...HOME, payer: MEDICARE, lines: visitWith('96372') }), ncci },
    { name: 'an edit in force only from the day after', claim: claim({ ...HOME, payer: MEDICARE, lines: visitWith('96374') }), ncci },
    { name: 'codes with no edit between them', claim: claim({ ...HOME, payer: MEDICARE, lines: [line(1, '96365'), line(2, '96366'), line(3, 'J0696')] }), ncci },
    { name: 'the same code twice', claim: claim({ ...HOME, payer: MEDICARE, lines: [line(1, '99601'), line(2, '99601')] }), ncci },
  ],
  invalid: [
    {
      name: 'indicator 0: no modifier helps, reported on the column 2 line',
      claim: claim({ ...HOME, payer: MEDICARE, lines: [line(1, '96366', { modifiers: ['59'] }), line(2, '99601')] }),
      ncci,
      reports: [{ messageId: 'notAllowed', line: 1, data: { column2: '96366', column1: '99601', column1Line: 2, date: '2020-03-02', table: 'Medicare', rationale: 'Synthetic test edit' } }],
    },
    {
      name: 'indicator 1 without a modifier',
      claim: claim({ ...HOME, payer: MEDICARE, lines: visitWith('96365') }),
      ncci,
      reports: [{ messageId: 'modifierNeeded', line: 2, data: { column2: '96365', column1: '99601', column1Line: 1, date: '2020-03-02', table: 'Medicare', rationale: 'Synthetic test edit' } }],
    },
    {
      name: 'indicator 1 with the modifier on the column 1 line only, or a modifier NCCI does not know',
      claim: claim({ ...HOME, payer: MEDICARE, lines: [line(1, '99601', { modifiers: ['59'] }), line(2, '96365', { modifiers: ['JW'] })] }),
      ncci,
      reports: [{ messageId: 'modifierNeeded', line: 2 }],
    },
    {
      name: 'an edit deleted the day after the date of service, and one in force from that very day',
      claim: claim({ ...HOME, payer: MEDICARE, lines: [line(1, '99601', { serviceDate: '2020-03-01' }), line(2, '96372', { serviceDate: '2020-03-01' }), line(3, '99601', { serviceDate: '2020-03-03' }), line(4, '96374', { serviceDate: '2020-03-03' })] }),
      ncci,
      reports: [
        { messageId: 'notAllowed', line: 2, data: { column2: '96372', column1: '99601', column1Line: 1, date: '2020-03-01', table: 'Medicare', rationale: 'Synthetic test edit' } },
        { messageId: 'notAllowed', line: 4, data: { column2: '96374', column1: '99601', column1Line: 3, date: '2020-03-03', table: 'Medicare', rationale: 'Synthetic test edit' } },
      ],
    },
    {
      name: 'lines dated over several days are compared on the first day they share',
      claim: claim({ ...HOME, payer: MEDICARE, lines: [line(1, '99601', { serviceDate: '2020-03-03' }), line(2, '96366', { serviceDate: '2020-03-01', serviceDateEnd: '2020-03-05' })] }),
      ncci,
      reports: [{ messageId: 'notAllowed', line: 2, data: { column2: '96366', column1: '99601', column1Line: 1, date: '2020-03-03', table: 'Medicare', rationale: 'Synthetic test edit' } }],
    },
    {
      name: 'a pair listed twice: the indicator 0 edit wins over the indicator 1 edit',
      claim: claim({ ...HOME, payer: MEDICARE, lines: [line(1, '99602'), line(2, '96366', { modifiers: ['59'] })] }),
      ncci,
      reports: [{ messageId: 'notAllowed', line: 2, data: { column2: '96366', column1: '99602', column1Line: 1, date: '2020-03-02', table: 'Medicare', rationale: 'Synthetic test edit' } }],
    },
    {
      name: 'two visits the same day: one report per column 1 code; two column 2 lines each reported',
      claim: claim({ ...HOME, payer: MEDICARE, lines: [line(1, '99601'), line(2, '96366'), line(3, '99601'), line(4, '96365')] }),
      ncci,
      reports: [
        { messageId: 'notAllowed', line: 2, data: { column2: '96366', column1: '99601', column1Line: 1, date: '2020-03-02', table: 'Medicare', rationale: 'Synthetic test edit' } },
        { messageId: 'modifierNeeded', line: 4, data: { column2: '96365', column1: '99601', column1Line: 1, date: '2020-03-02', table: 'Medicare', rationale: 'Synthetic test edit' } },
      ],
    },
    {
      name: 'a Medicaid payer is held to the Medicaid table (indicator 0 there)',
      claim: claim({ ...HOME, payer: MEDICAID, lines: visitWith('96365', { modifiers: ['59'] }) }),
      ncci,
      reports: [{ messageId: 'notAllowed', line: 2, data: { column2: '96365', column1: '99601', column1Line: 1, date: '2020-03-02', table: 'Medicaid', rationale: 'Synthetic test edit' } }],
    },
    {
      name: 'a commercial payer that follows NCCI is held to the Medicare table',
      claim: claim({ ...HOME, payer: { id: 'NCCIPLAN', type: 'commercial' }, lines: visitWith('96366') }),
      ncci,
      payers,
      reports: [{ messageId: 'notAllowed', line: 2, data: { column2: '96366', column1: '99601', column1Line: 1, date: '2020-03-02', table: 'Medicare', rationale: 'Synthetic test edit' } }],
    },
  ],
});
