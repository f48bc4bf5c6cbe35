import { COVERAGE_MEANINGS, MEDICARE_NONPAYABLE_COVERAGE } from '../codes/code-record.ts';
import { isMedicare } from './claim-facts.ts';
import { defineRule, type Report } from './rule.ts';

export const medicareNoncovered = defineRule({
  id: 'MEDICARE-NONCOVERED',
  severity: 'error',
  description: 'A procedure code that CMS marks as not payable or not covered by Medicare (coverage I, M or S) is billed to Medicare.',
  explanation:
    'In simple words: CMS publishes, for every HCPCS code, whether Medicare can pay it. This code is marked as never paid by Medicare (I: Medicare uses another code; M: not covered; S: excluded by law). The home infusion S-codes are all in this group: they are temporary national codes for non-Medicare payers. Medicare will deny this line.',
  remediation:
    'Bill the service to the payer that covers it (secondary, commercial or Medicaid), or, when Medicare has its own code for the service (coverage I), use that code; for home infusion visits in the patient\'s home that is G0068-G0070 / G0088-G0090 with the drug and pump billed to the DME MAC. If the patient chooses to receive a non-covered service, obtain an advance beneficiary notice (ABN) first.',
  source: 'CMS HCPCS record layout, coverage code (field 16): C, D, I, M, S. S-codes are "Temporary National Codes (Non-Medicare)".',
  medicareDenial: true,
  messages: {
    noncovered: 'Line {{lineNumber}}: {{code}} has CMS coverage code {{coverage}} ({{coverageMeaning}}) and is billed to Medicare.',
  },
  concerns: (record) => record.kind === 'procedure' && record.coverage !== undefined && MEDICARE_NONPAYABLE_COVERAGE.has(record.coverage),
  check({ claim, codes }) {
    if (!isMedicare(claim)) return [];
    const reports: Report<'noncovered'>[] = [];
    for (const line of claim.lines) {
      const coverage = codes.procedure(line.procedureCode)?.coverage;
      if (coverage === undefined || !MEDICARE_NONPAYABLE_COVERAGE.has(coverage)) continue;
      reports.push({
        lineNumber: line.lineNumber,
        messageId: 'noncovered',
        data: { code: line.procedureCode, coverage, coverageMeaning: COVERAGE_MEANINGS[coverage] },
      });
    }
    return reports;
  },
});
