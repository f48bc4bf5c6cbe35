import type { ClaimLine } from '../claim/contract.ts';
import { VISIT_CODES } from '../codes/visit-codes.ts';
import { isoDateOfDay } from './claim-facts.ts';
import { daySpanOf, spansOverlap } from './line-days.ts';
import { GENERAL_NURSING_CODES } from './nursing-codes.ts';
import { defineRule, type Report } from './rule.ts';

export const nursDup = defineRule({
  id: 'NURS-DUP',
  severity: 'error',
  description: 'A general home-nursing line (S9123, S9124, T1030, T1031) on a day the claim also bills the home-infusion visit 99601/99602.',
  explanation:
    'In simple words: 99601 (and 99602 for extra hours) pays the nurse\'s home-infusion visit. S9123/S9124 (nursing per hour) and T1030/T1031 (nursing per day) pay general home nursing. Billing both for the same day on one claim bills the same nursing twice; CMS\'s S9123 descriptor says it is not to be used when 99500-99602 can be used. The payer denies the general nursing line as a duplicate, or recovers it later.',
  remediation:
    'Bill the infusion visit as 99601 (with 99602 for each extra hour) and remove the S9123/S9124/T1030/T1031 line for that day. If a separate, non-infusion private-duty nursing shift really happened that day, bill it on its own claim, by the agency that provided it, with times that do not overlap the visit.',
  source:
    'CMS HCPCS descriptors (H): S9123 "Nursing care, in the home; by registered nurse, per hour (use for general nursing care only, not to be used when cpt codes 99500-99602 can be used)"; S9124 the same by a licensed practical nurse; T1030/T1031 nursing care in the home by RN/LPN, per diem. Oregon OAR 410-148 (H): only a single provider of skilled home nursing may bill for the same dates of service. One claim has one billing provider, so both lines on one claim are always an error here; a private-duty shift billed by another agency on its own claim is outside this rule. T1030/T1031 per-diem lines may span several days: every day of a line\'s span counts.',
  messages: {
    sameDayAsVisit: 'Line {{lineNumber}}: {{code}} bills general nursing on {{date}}, the day line {{visitLine}} bills the home-infusion visit {{visitCode}}; the same nursing would be paid twice.',
  },
  concerns: (record) => record.kind === 'procedure' && (GENERAL_NURSING_CODES.has(record.code) || VISIT_CODES.has(record.code)),
  check({ claim }) {
    // Without a general nursing line there is nothing to say: the visits are only gathered for one.
    if (!claim.lines.some((line) => GENERAL_NURSING_CODES.has(line.procedureCode))) return [];
    const visits = claim.lines.filter((line) => VISIT_CODES.has(line.procedureCode));
    if (visits.length === 0) return [];
    const reports: Report<'sameDayAsVisit'>[] = [];
    for (const line of claim.lines) {
      if (!GENERAL_NURSING_CODES.has(line.procedureCode)) continue;
      const overlap = firstOverlap(line, visits);
      if (!overlap) continue;
      reports.push({
        lineNumber: line.lineNumber,
        messageId: 'sameDayAsVisit',
        data: { code: line.procedureCode, date: isoDateOfDay(overlap.day), visitLine: overlap.visit.lineNumber, visitCode: overlap.visit.procedureCode },
      });
    }
    return reports;
  },
});

/** The visit line sharing the earliest day with the nursing line, and that day. */
function firstOverlap(line: ClaimLine, visits: readonly ClaimLine[]): { visit: ClaimLine; day: number } | undefined {
  const span = daySpanOf(line);
  let best: { visit: ClaimLine; day: number } | undefined;
  for (const visit of visits) {
    const visitSpan = daySpanOf(visit);
    if (!spansOverlap(span, visitSpan)) continue;
    const day = Math.max(span.first, visitSpan.first);
    if (best === undefined || day < best.day) best = { visit, day };
  }
  return best;
}
