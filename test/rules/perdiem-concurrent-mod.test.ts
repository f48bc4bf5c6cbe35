import { PayerPolicy } from '../../shared/payers/payer-policy.ts';
import { perdiemConcurrentMod } from '../../shared/rules/perdiem-concurrent-mod.ts';
import { claim, line } from '../support/claims.ts';
import { ruleTable } from '../support/rule-table.ts';

/** A payer modelled on BCBS North Carolina: 59 on every concurrent therapy, with SH or SJ. */
const payers = new PayerPolicy({
  version: 'test',
  payers: [{ id: 'NC59', name: 'Plan that wants 59 too', type: 'commercial', acceptsSS: true, concurrentModifiers: ['SH', 'SJ', '59'] }],
});
const with59 = { id: 'NC59', type: 'commercial' } as const;
const span = (first: string, last: string) => ({ serviceDate: first, serviceDateEnd: last });

ruleTable(perdiemConcurrentMod, {
  valid: [
    { name: 'the default claim: one therapy', claim: claim() },
    { name: 'second therapy with SH', claim: claim({ lines: [line(1, 'S9500'), line(2, 'S9373', { modifiers: ['SH'] })] }) },
    { name: 'second with SH, third with SJ', claim: claim({ lines: [line(1, 'S9500'), line(2, 'S9373', { modifiers: ['SH'] }), line(3, 'S9338', { modifiers: ['SS', 'SJ'] })] }) },
    { name: 'the primary need not be the first line', claim: claim({ lines: [line(1, 'S9373', { modifiers: ['SH'] }), line(2, 'S9500')] }) },
    { name: 'therapies on days that do not overlap', claim: claim({ lines: [line(1, 'S9500', { ...span('2020-03-01', '2020-03-02'), units: 2 }), line(2, 'S9373', { serviceDate: '2020-03-03' })] }) },
    {
      name: 'spans: each day has one primary and one SH line',
      claim: claim({ lines: [line(1, 'S9500', { ...span('2020-03-01', '2020-03-10'), units: 10 }), line(2, 'S9373', { ...span('2020-03-01', '2020-03-05'), units: 5, modifiers: ['SH'] }), line(3, 'S9338', { ...span('2020-03-06', '2020-03-10'), units: 5, modifiers: ['SH'] })] }),
    },
    { name: 'catheter care, nursing per diem, a visit and a drug beside the therapy', claim: claim({ lines: [line(1, 'S9500'), line(2, 'S5502'), line(3, 'T1030'), line(4, '99601'), line(5, 'J0696')] }) },
    { name: 'a pair CMS says not to bill together is PERDIEM-EXCLUSIVE\'s', claim: claim({ lines: [line(1, 'S9494'), line(2, 'S9500')] }) },
    { name: 'the same code twice without SH is PERDIEM-OVERLAP\'s', claim: claim({ lines: [line(1, 'S9500'), line(2, 'S9500')] }) },
    { name: 'a second antibiotic the same day, same code with SH (HMSA)', claim: claim({ lines: [line(1, 'S9494'), line(2, 'S9494', { modifiers: ['SH'] })] }) },
    { name: 'payer that wants 59: SH and 59 on the second therapy', claim: claim({ payer: with59, lines: [line(1, 'S9500'), line(2, 'S9373', { modifiers: ['SH', '59'] })] }), payers },
    { name: 'SH on a code the release does not know (CODE-UNKNOWN\'s)', claim: claim({ lines: [line(1, 'S9500'), line(2, 'S9505', { modifiers: ['SH'] })] }) },
    { name: 'payer that wants 59: a single therapy needs none', claim: claim({ payer: with59, lines: [line(1, 'S9500')] }), payers },
  ],
  invalid: [
    {
      name: 'second therapy without SH',
      claim: claim({ lines: [line(1, 'S9500', { modifiers: ['SS'] }), line(2, 'S9373')] }),
      reports: [{ messageId: 'missingConcurrentModifier', line: 2, data: { code: 'S9373', position: 'second', modifier: 'SH', days: '2020-03-02', primaryCode: 'S9500', primaryLine: 1 } }],
    },
    {
      name: 'three therapies, none marked: SH missing on the second, SJ on the third',
      claim: claim({ lines: [line(1, 'S9500'), line(2, 'S9373'), line(3, 'S9338')] }),
      reports: [
        { messageId: 'missingConcurrentModifier', line: 2, data: { code: 'S9373', position: 'second', modifier: 'SH', days: '2020-03-02', primaryCode: 'S9500', primaryLine: 1 } },
        { messageId: 'missingConcurrentModifier', line: 3, data: { code: 'S9338', position: 'third or later', modifier: 'SJ', days: '2020-03-02', primaryCode: 'S9500', primaryLine: 1 } },
      ],
    },
    {
      name: 'third therapy with SH instead of SJ',
      claim: claim({ lines: [line(1, 'S9500'), line(2, 'S9373', { modifiers: ['SH'] }), line(3, 'S9338', { modifiers: ['SH'] })] }),
      reports: [{ messageId: 'missingConcurrentModifier', line: 3, data: { code: 'S9338', position: 'third or later', modifier: 'SJ', days: '2020-03-02', primaryCode: 'S9500', primaryLine: 1 } }],
    },
    {
      name: 'a long span is reported once, naming the shared days',
      claim: claim({ lines: [line(1, 'S9500', { ...span('2020-03-01', '2020-03-14'), units: 14 }), line(2, 'S9373', { ...span('2020-03-03', '2020-03-09'), units: 7 })] }),
      reports: [{ messageId: 'missingConcurrentModifier', line: 2, data: { code: 'S9373', position: 'second', modifier: 'SH', days: '2020-03-03 to 2020-03-09', primaryCode: 'S9500', primaryLine: 1 } }],
    },
    {
      name: 'days in two stretches, listed once',
      claim: claim({ lines: [line(1, 'S9500', { ...span('2020-03-01', '2020-03-03'), units: 3 }), line(2, 'S9500', { ...span('2020-03-08', '2020-03-10'), units: 3 }), line(3, 'S9373', { ...span('2020-03-01', '2020-03-10'), units: 10 })] }),
      reports: [{ messageId: 'missingConcurrentModifier', line: 3, data: { code: 'S9373', position: 'second', modifier: 'SH', days: '2020-03-01 to 2020-03-03, 2020-03-08 to 2020-03-10', primaryCode: 'S9500', primaryLine: 1 } }],
    },
    {
      name: 'the primary is the first line without SH or SJ on each day, a later line too',
      claim: claim({ lines: [line(1, 'S9500', { ...span('2020-03-01', '2020-03-03'), units: 3 }), line(2, 'S9373', { ...span('2020-03-01', '2020-03-10'), units: 10, modifiers: ['SH'] }), line(3, 'S9500', { ...span('2020-03-08', '2020-03-10'), units: 3 })] }),
      reports: [
        { messageId: 'noPrimary', line: 2, data: { code: 'S9373', modifier: 'SH', markers: 'SH or SJ', days: '2020-03-04 to 2020-03-07' } },
      ],
    },
    {
      name: 'SH on a therapy that runs alone',
      claim: claim({ lines: [line(1, 'S9373', { modifiers: ['SH'] })] }),
      reports: [{ messageId: 'noPrimary', line: 1, data: { code: 'S9373', modifier: 'SH', markers: 'SH or SJ', days: '2020-03-02' } }],
    },
    {
      name: 'SH past the end of the primary therapy',
      claim: claim({ lines: [line(1, 'S9500'), line(2, 'S9373', { ...span('2020-03-02', '2020-03-04'), units: 3, modifiers: ['SH'] })] }),
      reports: [{ messageId: 'noPrimary', line: 2, data: { code: 'S9373', modifier: 'SH', markers: 'SH or SJ', days: '2020-03-03 to 2020-03-04' } }],
    },
    {
      name: 'every therapy of the day marked',
      claim: claim({ lines: [line(1, 'S9500', { modifiers: ['SH'] }), line(2, 'S9373', { modifiers: ['SJ', 'SH'] })] }),
      reports: [
        { messageId: 'noPrimary', line: 1, data: { code: 'S9500', modifier: 'SH', markers: 'SH or SJ', days: '2020-03-02' } },
        { messageId: 'noPrimary', line: 2, data: { code: 'S9373', modifier: 'SH and SJ', markers: 'SH or SJ', days: '2020-03-02' } },
      ],
    },
    {
      name: 'SH or SJ on lines that are not therapy per diems: a visit, catheter care, a drug',
      claim: claim({ lines: [line(1, 'S9500'), line(2, '99601', { modifiers: ['SH'] }), line(3, 'S5502', { modifiers: ['SJ'] }), line(4, 'J0696', { modifiers: ['SH', 'SJ'] })] }),
      reports: [
        { messageId: 'notTherapyPerDiem', line: 2, data: { code: '99601', modifier: 'SH' } },
        { messageId: 'notTherapyPerDiem', line: 3, data: { code: 'S5502', modifier: 'SJ' } },
        { messageId: 'notTherapyPerDiem', line: 4, data: { code: 'J0696', modifier: 'SH and SJ' } },
      ],
    },
    {
      name: 'payer that wants 59: concurrent therapies without it',
      claim: claim({ payer: with59, lines: [line(1, 'S9500'), line(2, 'S9373', { modifiers: ['SH'] }), line(3, 'S9338', { modifiers: ['SJ', '59'] }), line(4, 'S9490')] }),
      payers,
      reports: [
        { messageId: 'missingPayerModifier', line: 2, data: { code: 'S9373', modifiers: '59', days: '2020-03-02' } },
        { messageId: 'missingConcurrentModifier', line: 4, data: { code: 'S9490', position: 'third or later', modifier: 'SJ', days: '2020-03-02', primaryCode: 'S9500', primaryLine: 1 } },
        { messageId: 'missingPayerModifier', line: 4, data: { code: 'S9490', modifiers: '59', days: '2020-03-02' } },
      ],
    },
  ],
});
