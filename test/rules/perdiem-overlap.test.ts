import { PayerPolicy } from '../../shared/payers/payer-policy.ts';
import { perdiemOverlap } from '../../shared/rules/perdiem-overlap.ts';
import { claim, line } from '../support/claims.ts';
import { ruleTable } from '../support/rule-table.ts';

/** A payer that marks concurrent therapies with other modifiers than SH and SJ. */
const payers = new PayerPolicy({
  version: 'test',
  payers: [{ id: 'XMOD', name: 'Plan with its own concurrency modifiers', type: 'commercial', acceptsSS: true, concurrentModifiers: ['U1', 'U2'] }],
});
const week = (first: string, last: string) => ({ serviceDate: first, serviceDateEnd: last });

ruleTable(perdiemOverlap, {
  valid: [
    { name: 'the default claim: one per diem', claim: claim() },
    { name: 'same code on spans that meet without overlapping', claim: claim({ lines: [line(1, 'S9500', { units: 7, ...week('2020-03-01', '2020-03-07') }), line(2, 'S9500', { units: 7, ...week('2020-03-08', '2020-03-14') })] }) },
    { name: 'same code on two different single days', claim: claim({ lines: [line(1, 'S9500'), line(2, 'S9500', { serviceDate: '2020-03-03' })] }) },
    { name: 'a second antibiotic the same days, marked SH (HMSA)', claim: claim({ lines: [line(1, 'S9494', { units: 3, ...week('2020-03-02', '2020-03-04') }), line(2, 'S9494', { units: 3, modifiers: ['SH'], ...week('2020-03-02', '2020-03-04') })] }) },
    { name: 'a second and a third, SH and SJ', claim: claim({ lines: [line(1, 'S9500'), line(2, 'S9500', { modifiers: ['SH'] }), line(3, 'S9500', { modifiers: ['SJ'] })] }) },
    { name: 'different per diems the same day (PERDIEM-CONCURRENT-MOD\'s)', claim: claim({ lines: [line(1, 'S9500'), line(2, 'S9373')] }) },
    { name: 'two visits the same day: not per diems', claim: claim({ lines: [line(1, '99601'), line(2, '99601')] }) },
    { name: 'payer with its own concurrency modifiers: the second line carries U1', claim: claim({ payer: { id: 'XMOD', type: 'commercial' }, lines: [line(1, 'S9500'), line(2, 'S9500', { modifiers: ['U1'] })] }), payers },
  ],
  invalid: [
    {
      name: 'same per diem twice on overlapping spans, neither with SH/SJ',
      claim: claim({ lines: [line(1, 'S9501', { units: 3, ...week('2020-11-06', '2020-11-08') }), line(2, 'J0696'), line(3, 'S9501', { units: 3, ...week('2020-11-08', '2020-11-10') })] }),
      reports: [{ messageId: 'duplicate', line: 3, data: { code: 'S9501', days: '2020-11-08', otherLine: 1 } }],
    },
    {
      name: 'different modifiers other than SH/SJ do not make a second therapy',
      claim: claim({ lines: [line(1, 'S9500', { modifiers: ['SS'], units: 3, ...week('2020-03-02', '2020-03-04') }), line(2, 'S9500', { units: 2, ...week('2020-03-03', '2020-03-04') })] }),
      reports: [{ messageId: 'duplicate', line: 2, data: { code: 'S9500', days: '2020-03-03 to 2020-03-04', otherLine: 1 } }],
    },
    {
      name: 'both lines with the same modifiers, SH included, in any order',
      claim: claim({ lines: [line(1, 'S9500'), line(2, 'S9494', { modifiers: ['SS', 'SH'] }), line(3, 'S9494', { modifiers: ['SH', 'SS'] })] }),
      reports: [{ messageId: 'duplicate', line: 3, data: { code: 'S9494', days: '2020-03-02', otherLine: 2 } }],
    },
    {
      name: 'three copies: each later line names the first it repeats',
      claim: claim({ lines: [line(1, 'S9500'), line(2, 'S9500'), line(3, 'S9500')] }),
      reports: [
        { messageId: 'duplicate', line: 2, data: { code: 'S9500', days: '2020-03-02', otherLine: 1 } },
        { messageId: 'duplicate', line: 3, data: { code: 'S9500', days: '2020-03-02', otherLine: 1 } },
      ],
    },
    {
      name: 'reported on the later line number, whatever the order the lines arrive in',
      claim: claim({ lines: [line(4, 'S9373', { units: 5, ...week('2020-03-01', '2020-03-05') }), line(2, 'S9373', { units: 2, ...week('2020-03-04', '2020-03-05') })] }),
      reports: [{ messageId: 'duplicate', line: 4, data: { code: 'S9373', days: '2020-03-04 to 2020-03-05', otherLine: 2 } }],
    },
    {
      name: 'nursing per diem T1030 twice the same day',
      claim: claim({ lines: [line(1, 'T1030'), line(2, 'T1030', { serviceDateEnd: '2020-03-03', units: 2 })] }),
      reports: [{ messageId: 'duplicate', line: 2, data: { code: 'T1030', days: '2020-03-02', otherLine: 1 } }],
    },
    {
      name: 'payer with its own concurrency modifiers: SH does not mark a second therapy for it',
      claim: claim({ payer: { id: 'XMOD', type: 'commercial' }, lines: [line(1, 'S9500'), line(2, 'S9500', { modifiers: ['SH'] })] }),
      payers,
      reports: [{ messageId: 'duplicate', line: 2, data: { code: 'S9500', days: '2020-03-02', otherLine: 1 } }],
    },
  ],
});
