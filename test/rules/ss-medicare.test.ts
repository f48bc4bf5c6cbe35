import { ssMedicare } from '../../shared/rules/ss-medicare.ts';
import { claim, line } from '../support/claims.ts';
import { ruleTable } from '../support/rule-table.ts';

const medicare = { id: 'MEDICARE-B', type: 'medicare' as const };

ruleTable(ssMedicare, {
  valid: [
    { name: 'SS billed to a commercial payer', claim: claim() },
    { name: 'Medicare claim without SS (home visit G-code)', claim: claim({ payer: medicare, placeOfService: '12', lines: [line(1, 'G0068', { units: 4 })] }) },
    { name: 'SS billed to Medicare Advantage (plan-specific, not Original Medicare)', claim: claim({ payer: { id: 'SUMMA', type: 'medicare_advantage' } }) },
    { name: 'lower-case ss on a commercial claim', claim: claim({ lines: [line(1, 'S9500', { modifiers: ['ss'] })] }) },
  ],
  invalid: [
    { name: 'S9500-SS to Medicare', claim: claim({ payer: medicare }), reports: [{ messageId: 'suiteToMedicare', line: 1, data: { code: 'S9500', payerId: 'MEDICARE-B' } }] },
    {
      name: 'two SS lines to Medicare, one line without SS',
      claim: claim({ payer: medicare, lines: [line(1, 'S9500', { modifiers: ['SS'] }), line(2, 'J0696', { units: 2 }), line(3, '99601', { modifiers: ['SS', 'SD'] })] }),
      reports: [{ messageId: 'suiteToMedicare', line: 1 }, { messageId: 'suiteToMedicare', line: 3 }],
    },
    { name: 'lower-case ss to Medicare', claim: claim({ payer: medicare, lines: [line(4, 'S9500', { modifiers: ['ss'] })] }), reports: [{ messageId: 'suiteToMedicare', line: 4 }] },
  ],
});
