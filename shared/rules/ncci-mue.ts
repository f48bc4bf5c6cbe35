import type { ClaimLine } from '../claim/contract.ts';
import type { MueEdit } from '../ncci/ncci-edits.ts';
import { unitCount } from './claim-facts.ts';
import { ncciFor, ncciTableName } from './ncci-program.ts';
import { defineRule, type Report } from './rule.ts';

type MueMessage = 'lineOverLimit' | 'dayOverPolicyLimit' | 'dayOverClinicalLimit';

const DAY_MESSAGES = { 2: 'dayOverPolicyLimit', 3: 'dayOverClinicalLimit' } as const;

export const ncciMue = defineRule({
  id: 'NCCI-MUE',
  severity: 'error',
  needsLoadedData: 'ncci-edits',
  messageSeverity: { lineOverLimit: 'warning', dayOverClinicalLimit: 'warning' },
  payerSettings: ['followsNcci'],
  description: 'More units of a code than the CMS medically unlikely edit (MUE) allows on one line or one date of service.',
  explanation:
    'In simple words: CMS publishes, for each code, the most units one provider reports for one patient on one line or one day under almost every circumstance (the medically unlikely edit, MUE). Bill more and the payer denies the line, all of its units, not just the extra ones. How firm the limit is depends on its indicator: a line edit (1) lets correctly split lines through; a date-of-service policy edit (2) is absolute; a date-of-service clinical edit (3) can be overturned on appeal with the records.',
  remediation:
    'Check the units against the record. If fewer were given, correct them. If more really were given: under a line edit (MAI 1) split them over lines with the modifier that says why (for example 76, 91, 59 or an anatomic modifier); under a clinical date-of-service edit (MAI 3) bill them and be ready to appeal with the records; under a policy date-of-service edit (MAI 2) only the limit can be paid.',
  source:
    'CMS NCCI MUE tables, Medicare and Medicaid, quarterly (H): loaded by the operator from CMS (the Medicare practitioner services table fits 837P professional claims) and never shipped with the scrubber, because they carry CPT content under AMA terms; with no MUE table loaded for the payer\'s program the rule says nothing. MAI meanings: Palmetto GBA MUE page (H). Medicare and Medicaid payers follow NCCI by default; a commercial or other payer only when its payer record sets followsNcci (Regence\'s maximum-daily-units policy applies CMS\'s MUEs and MAIs, H; other plans vary). A Medicaid payer is checked against the Medicaid table, every other payer against the Medicare table. Simplification: a line spanning several days counts all its units on its first day.',
  messages: {
    lineOverLimit:
      'Line {{lineNumber}}: {{code}} bills {{units}}; the {{table}} MUE allows {{limit}} per line (MAI 1, line edit). The whole line will be denied unless the units are split over lines with the right modifier.',
    dayOverPolicyLimit:
      'Line {{lineNumber}}: {{code}} bills {{units}} on {{date}} (lines {{lines}}); the {{table}} MUE allows {{limit}} per day (MAI 2, date-of-service edit: policy). The day\'s {{code}} lines will be denied, and no appeal overturns a policy limit.',
    dayOverClinicalLimit:
      'Line {{lineNumber}}: {{code}} bills {{units}} on {{date}} (lines {{lines}}); the {{table}} MUE allows {{limit}} per day (MAI 3, date-of-service edit: clinical). The day\'s {{code}} lines will be denied; records showing the units were given can win an appeal.',
  },
  check(context) {
    const applies = ncciFor(context);
    if (applies === undefined || !applies.ncci.hasMue(applies.program)) return [];
    const { ncci, program } = applies;
    const table = ncciTableName(program);
    const reports: Report<MueMessage>[] = [];

    // Date-of-service edits: each code's lines by the day they start on, in claim order.
    const byCodeAndDay = new Map<string, { edit: MueEdit; date: string; lines: ClaimLine[] }>();
    for (const line of context.claim.lines) {
      const edit = ncci.mue(program, line.procedureCode);
      if (edit === undefined) continue;
      if (edit.adjudication === 1) {
        if (line.units > edit.maxUnits) {
          reports.push({ lineNumber: line.lineNumber, messageId: 'lineOverLimit', data: { code: edit.code, units: unitCount(line.units), limit: edit.maxUnits, table } });
        }
        continue;
      }
      const key = `${edit.code}#${line.serviceDate}`;
      const group = byCodeAndDay.get(key);
      if (group) group.lines.push(line);
      else byCodeAndDay.set(key, { edit, date: line.serviceDate, lines: [line] });
    }
    for (const { edit, date, lines } of byCodeAndDay.values()) {
      const units = lines.reduce((sum, line) => sum + line.units, 0);
      if (units <= edit.maxUnits) continue;
      const [first] = lines as [ClaimLine, ...ClaimLine[]];
      reports.push({
        lineNumber: first.lineNumber,
        messageId: DAY_MESSAGES[edit.adjudication as 2 | 3],
        data: { code: edit.code, units: unitCount(units), date, lines: lines.map((line) => line.lineNumber).join(', '), limit: edit.maxUnits, table },
      });
    }
    return reports.sort((a, b) => (a.lineNumber ?? 0) - (b.lineNumber ?? 0));
  },
});
