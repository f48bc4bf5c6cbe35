import { medicareNoncovered } from '../../shared/rules/medicare-noncovered.ts';
import { claim, line } from '../support/claims.ts';
import { ruleTable } from '../support/rule-table.ts';

const medicare = { id: 'MEDICARE-B', type: 'medicare' as const };

ruleTable(medicareNoncovered, {
  valid: [
    { name: 'S-code to a commercial payer', claim: claim({ lines: [line(1, 'S9500')] }) },
    { name: 'G0068 (coverage C) to Medicare', claim: claim({ payer: medicare, lines: [line(1, 'G0068', { units: 4 })] }) },
    { name: 'J0696 (coverage D) to Medicare', claim: claim({ payer: medicare, lines: [line(1, 'J0696')] }) },
    { name: '99601 (CPT, no CMS coverage code in the Level II file) to Medicare', claim: claim({ payer: medicare, lines: [line(1, '99601')] }) },
    { name: 'unknown code to Medicare (CODE-UNKNOWN covers it)', claim: claim({ payer: medicare, lines: [line(1, 'Z9999')] }) },
  ],
  invalid: [
    { name: 'S9500 (coverage I) to Medicare', claim: claim({ payer: medicare, lines: [line(1, 'S9500')] }), reports: [{ messageId: 'noncovered', line: 1, data: { code: 'S9500', coverage: 'I', coverageMeaning: 'Not payable by Medicare' } }] },
    { name: 'S9123 (coverage I) and A4466 (coverage M) to Medicare', claim: claim({ payer: medicare, lines: [line(1, 'S9123'), line(2, 'G0068'), line(3, 'A4466', { serviceDate: '2015-06-01' })] }), reports: [{ messageId: 'noncovered', line: 1 }, { messageId: 'noncovered', line: 3 }] },
  ],
});
