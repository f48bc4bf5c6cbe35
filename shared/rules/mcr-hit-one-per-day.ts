import type { ClaimLine } from '../claim/contract.ts';
import { isMedicare, isoDateOfDay } from './claim-facts.ts';
import { HIT_CATEGORY_OF, hitCategoryCodes, type HitCategory } from './hit-codes.ts';
import { daySpanOf } from './line-days.ts';
import { defineRule, type Report } from './rule.ts';

export const mcrHitOnePerDay = defineRule({
  id: 'MCR-HIT-ONE-PER-DAY',
  severity: 'error',
  medicareDenial: true,
  description: 'More than one Medicare home infusion therapy visit line in the same payment category on the same day (G0068/G0088, G0069/G0089, G0070/G0090).',
  explanation:
    'In simple words: Medicare pays one home infusion therapy visit per drug category per infusion day, however long the visit. The 15-minute units only record the visit\'s length. A second line of the same category on the same day, whether the same code again or the initial-visit and follow-up codes together, is denied as a duplicate.',
  remediation:
    'Keep one line per category per day and put all of that day\'s 15-minute units on it. Use the initial-visit code (G0088, G0089 or G0090) only for the first visit of an episode, and the follow-up code (G0068, G0069 or G0070) for the visits after it; delete the extra line.',
  source:
    '42 CFR 414.1550(b) (H): a single payment per payment category for each infusion drug administration calendar day. Medicare Benefit Policy Manual ch.15 §320.8.1-§320.8.3 (H): the three payment categories, with the follow-up visit codes G0068-G0070 and, from 2021, the initial visit codes G0088-G0090. Medicare only. The finding is on each later line of the day (in line order); the first line of the day is the one to keep.',
  messages: {
    secondVisitSameDay: 'Line {{lineNumber}}: {{code}} is a second category {{category}} home infusion visit ({{categoryCodes}}) on {{date}}, after line {{firstLine}}; Medicare pays one per category per day.',
  },
  concerns: (record) => record.kind === 'procedure' && HIT_CATEGORY_OF.has(record.code),
  check({ claim }) {
    if (!isMedicare(claim)) return [];
    const reports: Report<'secondVisitSameDay'>[] = [];
    // The first line seen for each category and day.
    const firstOf = new Map<string, ClaimLine>();
    for (const line of claim.lines) {
      const category = HIT_CATEGORY_OF.get(line.procedureCode);
      if (category === undefined) continue;
      const span = daySpanOf(line);
      let clash: { day: number; first: ClaimLine } | undefined;
      // A G-code is a one-day visit; a spanned line is read day by day, with a cap against absurd spans.
      for (let day = span.first; day <= span.last && day < span.first + MAX_DAYS_READ; day++) {
        const key = `${category}#${day}`;
        const first = firstOf.get(key);
        if (first === undefined) firstOf.set(key, line);
        else clash ??= { day, first };
      }
      if (!clash) continue;
      reports.push(report(line, category, clash.day, clash.first));
    }
    return reports;
  },
});

/** More days than any claim line should span; keeps the per-day map small on a typing error like 2020-2030. */
const MAX_DAYS_READ = 366;

function report(line: ClaimLine, category: HitCategory, day: number, first: ClaimLine): Report<'secondVisitSameDay'> {
  return {
    lineNumber: line.lineNumber,
    messageId: 'secondVisitSameDay',
    data: { code: line.procedureCode, category, categoryCodes: hitCategoryCodes(category), date: isoDateOfDay(day), firstLine: first.lineNumber },
  };
}

