import type { ClaimLine } from '../claim/contract.ts';
import type { CodeRecord } from '../codes/code-record.ts';
import { daySpanOf, daySpanText, overlapOf, type DaySpan } from './line-days.ts';
import { exclusivePair, isPerDiem, linesInOrder, perDiemFacts } from './per-diem.ts';
import { defineRule, type Report } from './rule.ts';

export const perdiemExclusive = defineRule({
  id: 'PERDIEM-EXCLUSIVE',
  severity: 'error',
  description: 'Two lines on overlapping days whose codes CMS\'s own descriptors say not to bill together ("do not use this code with ...").',
  explanation:
    'In simple words: CMS\'s description of some home-therapy codes says not to bill them together with certain other codes, because one already pays for what the other does: the general antibiotic per diem S9494 and the per diems by dosing interval (S9497-S9504), the general TPN or hydration per diem and the ones by daily volume, the pharmacy hourly code S9810 and any per diem, the home management of pregnancy per diems and any home infusion per diem. On the days both lines cover, the payer denies one of them.',
  remediation:
    'Keep one code per therapy per day: either the general per diem or the specific one (by dosing interval or daily volume), never both for the same days. Do not bill S9810 pharmacy hours on days a per diem covers. If the therapies really changed during the period, make the two lines\' dates meet without overlapping.',
  source:
    'The "do not use (this code) with ..." clauses of the CMS HCPCS long descriptors of the loaded release, read at scrub time (H): S9325 (with S9326-S9328), S9329 (S9330, S9331), S9364 (S9365-S9368), S9373 (S9374-S9377), S9494 (S9497-S9504), S9208-S9214 (any home infusion per diem), S9810 (any per diem) in the 2020 release; mirrored in the wamuir/hcpcs repository (M). The clauses are CMS\'s, so payers do not differ on them; no payer setting applies. Lines of the same claim only.',
  messages: {
    doNotUseWith: 'Line {{lineNumber}}: {{code}} and {{otherCode}} on line {{otherLine}} both cover {{days}}, but CMS\'s description of {{ownerCode}} says "do not use with {{wording}}".',
  },
  concerns: (record) => record.kind === 'procedure' && (isPerDiem(record) || perDiemFacts(record).exclusions.length > 0),
  check({ claim, codes }) {
    // A clause forbids a pair of lines: a claim of one line has none. Most claims hold no code with a
    // clause either: ask no pair about them, and build nothing to find that out.
    if (claim.lines.length < 2 || !claim.lines.some((line) => hasClause(codes.procedure(line.procedureCode)))) return [];
    const lines = linesInOrder(claim.lines);
    const records = lines.map((line) => codes.procedure(line.procedureCode));
    const spans = lines.map(daySpanOf);
    const reports: Report<'doNotUseWith'>[] = [];
    for (let i = 1; i < lines.length; i++) {
      const record = records[i];
      if (!record) continue;
      const line = lines[i] as ClaimLine;
      for (let j = 0; j < i; j++) {
        const other = records[j];
        if (!other) continue;
        const overlap = overlapOf(spans[j] as DaySpan, spans[i] as DaySpan);
        const pair = overlap && exclusivePair(other, record);
        if (!overlap || !pair) continue;
        const earlier = lines[j] as ClaimLine;
        reports.push({
          lineNumber: line.lineNumber,
          messageId: 'doNotUseWith',
          data: { code: line.procedureCode, otherCode: earlier.procedureCode, otherLine: earlier.lineNumber, days: daySpanText(overlap), ownerCode: pair.owner, wording: pair.exclusion.wording },
        });
      }
    }
    return reports;
  },
});

function hasClause(record: CodeRecord | undefined): boolean {
  return record !== undefined && perDiemFacts(record).exclusions.length > 0;
}
