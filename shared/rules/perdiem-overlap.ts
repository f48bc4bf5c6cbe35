import type { ClaimLine } from '../claim/contract.ts';
import { claimPayerSettings, daySpanOf, daySpanText, overlapOf } from './line-days.ts';
import { concurrencyMarkers, isDuplicatePerDiem, isPerDiem, linesInOrder, perDiemFacts } from './per-diem.ts';
import { defineRule, type Report } from './rule.ts';

export const perdiemOverlap = defineRule({
  id: 'PERDIEM-OVERLAP',
  severity: 'error',
  payerSettings: ['concurrentModifiers'],
  description: 'The same per-diem code on two lines whose days overlap, neither marked as a concurrent therapy (SH/SJ) or both with the same modifiers.',
  explanation:
    'In simple words: a per diem pays for one therapy for one day. Two lines with the same per-diem code on the same days bill that day twice, and the payer denies the second as a duplicate. Only a second drug of the same kind given the same days is billed again, and then its line carries SH (the second therapy) or SJ (the third or later) to say so.',
  remediation:
    'If it is the same therapy, remove the overlapping days from one line or merge the two lines into one span. If a second drug really ran on those days, keep the line, add SH (second therapy) or SJ (third or later), and bill that drug on its own line.',
  source:
    'Which codes are per diems: the CMS HCPCS long descriptors of the loaded release (H). BCBS North Dakota: the same service billed twice is "a duplication of services" (H); HMSA: an additional antibiotic on the same day is a second line with the per diem and SH (H); CMS modifier descriptors SH and SJ (H); runtrellis on duplicate denials (L). The modifiers that mark a concurrent therapy are the payer setting concurrentModifiers (default SH, SJ; the first two are read here). Lines of the same claim only: duplicates across claims need the claim history.',
  messages: {
    duplicate: 'Line {{lineNumber}}: {{code}} is billed again for {{days}}, already billed on line {{otherLine}}; a per diem pays one day of a therapy once.',
  },
  concerns: (record) => record.kind === 'procedure' && isPerDiem(record),
  check({ claim, codes, payers }) {
    // A duplicate takes two lines: a claim of one line has none.
    if (claim.lines.length < 2) return [];
    const isPerDiemLine = (line: ClaimLine): boolean => {
      const record = codes.procedure(line.procedureCode);
      return record !== undefined && perDiemFacts(record).kind !== undefined;
    };
    // Counted before any list is built: most claims have one per diem or none.
    let perDiems = 0;
    for (const line of claim.lines) if (isPerDiemLine(line)) perDiems++;
    if (perDiems < 2) return [];
    const perDiemLines = linesInOrder(claim.lines).filter(isPerDiemLine);
    const markers = concurrencyMarkers(claimPayerSettings(claim, payers).concurrentModifiers);
    const reports: Report<'duplicate'>[] = [];
    perDiemLines.forEach((line, i) => {
      const earlier = perDiemLines.slice(0, i).find((other) => isDuplicatePerDiem(other, line, markers));
      const overlap = earlier && overlapOf(daySpanOf(earlier), daySpanOf(line));
      if (!earlier || !overlap) return;
      reports.push({ lineNumber: line.lineNumber, messageId: 'duplicate', data: { code: line.procedureCode, days: daySpanText(overlap), otherLine: earlier.lineNumber } });
    });
    return reports;
  },
});
