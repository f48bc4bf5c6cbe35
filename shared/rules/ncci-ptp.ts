import type { ClaimLine } from '../claim/contract.ts';
import type { PtpEdit } from '../ncci/ncci-edits.ts';
import { daySpanOf, spansOverlap } from './line-days.ts';
import { ncciFor, ncciTableName } from './ncci-program.ts';
import { defineRule, type Report } from './rule.ts';

/**
 * The NCCI PTP-associated modifiers: the ones that may bypass an edit with modifier indicator 1 when the
 * services were truly distinct. NCCI Policy Manual for Medicare Services, ch. I, section E (Modifiers and
 * Modifier Indicators); Medicaid NCCI Edit Design Manual, "NCCI PTP-Associated Modifiers".
 */
export const NCCI_ASSOCIATED_MODIFIERS: ReadonlySet<string> = new Set([
  // Anatomic: eyelids, fingers, toes, sides, coronary arteries.
  'E1', 'E2', 'E3', 'E4',
  'FA', 'F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9',
  'TA', 'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9',
  'LT', 'RT', 'LC', 'LD', 'RC', 'LM', 'RI',
  // Global surgery.
  '24', '25', '57', '58', '78', '79',
  // Other: repeat laboratory test, distinct procedural service and its X{EPSU} subsets.
  '91', '59', 'XE', 'XS', 'XP', 'XU',
]);

type PtpMessage = 'notAllowed' | 'modifierNeeded';

export const ncciPtp = defineRule({
  id: 'NCCI-PTP',
  severity: 'error',
  needsLoadedData: 'ncci-edits',
  messageSeverity: { modifierNeeded: 'warning' },
  payerSettings: ['followsNcci'],
  description: 'Two codes on the same date of service that a CMS NCCI procedure-to-procedure (PTP) edit says are not paid together.',
  explanation:
    'In simple words: CMS lists pairs of codes that one provider should not bill for one patient on the same day, usually because the second code (column 2) is part of the first (column 1). The payer pays the column 1 code and denies the column 2 code. For some pairs (modifier indicator 1) both are paid when the services were truly separate and the column 2 line says so with a modifier such as 59 or XU; for others (indicator 0) no modifier helps.',
  remediation:
    'Remove the column 2 code when its service was part of the column 1 service. Add an NCCI-associated modifier (59, XE, XS, XP, XU, or an anatomic modifier) to the column 2 line only when the services really were distinct (a different session, site or practitioner) and the record shows it; under modifier indicator 0 no modifier lets both be paid.',
  source:
    'CMS NCCI PTP tables, Medicare (practitioner, ccipra) and Medicaid, quarterly (H): loaded by the operator from CMS and never shipped with the scrubber, because they carry CPT content under AMA terms; with no PTP table loaded for the payer\'s program the rule says nothing. Modifier indicators and the NCCI-associated modifiers: NCCI Policy Manual for Medicare Services, ch. I, section E (H; list as reproduced at findacode.com, M), Medicaid NCCI Edit Design Manual (H, via public mirrors). Medicare and Medicaid payers follow NCCI by default; a commercial or other payer only when its payer record sets followsNcci (Regence applies CMS\'s edits, H; other plans vary). A Medicaid payer is checked against the Medicaid table, every other payer against the Medicare table. An edit applies from its effective date to the day before its deletion date; lines dated over several days are compared on the first day they share. The modifier is looked for on the column 2 line.',
  messages: {
    notAllowed:
      'Line {{lineNumber}}: {{column2}} is not paid with {{column1}} (line {{column1Line}}) on {{date}}: a {{table}} NCCI PTP edit (modifier indicator 0, {{rationale}}) bundles it, and no modifier allows both.',
    modifierNeeded:
      'Line {{lineNumber}}: {{column2}} is bundled into {{column1}} (line {{column1Line}}) on {{date}} by a {{table}} NCCI PTP edit (modifier indicator 1, {{rationale}}). Without an NCCI-associated modifier (such as 59 or XU) on this line, {{column2}} will be denied.',
  },
  check(context) {
    const applies = ncciFor(context);
    if (applies === undefined || !applies.ncci.hasPtp(applies.program)) return [];
    const { ncci, program } = applies;
    const table = ncciTableName(program);
    const lines = context.claim.lines;
    const reports: Report<PtpMessage>[] = [];

    for (const column2Line of lines) {
      // One report per column 1 code: a second line of the same code on that day adds nothing.
      const reported = new Set<string>();
      for (const column1Line of lines) {
        if (column1Line === column2Line || column1Line.procedureCode === column2Line.procedureCode || reported.has(column1Line.procedureCode)) continue;
        if (!spansOverlap(daySpanOf(column1Line), daySpanOf(column2Line))) continue;
        const date = firstSharedDay(column1Line, column2Line);
        const edit = strictestInForce(ncci.ptpEdits(program, column1Line.procedureCode), column2Line.procedureCode, date);
        if (edit === undefined) continue;
        if (edit.modifierIndicator === '1' && (column2Line.modifiers ?? []).some((modifier) => NCCI_ASSOCIATED_MODIFIERS.has(modifier))) continue;
        reported.add(column1Line.procedureCode);
        reports.push({
          lineNumber: column2Line.lineNumber,
          messageId: edit.modifierIndicator === '0' ? 'notAllowed' : 'modifierNeeded',
          data: {
            column2: column2Line.procedureCode,
            column1: column1Line.procedureCode,
            column1Line: column1Line.lineNumber,
            date,
            table,
            rationale: edit.rationale === '' ? 'no rationale given' : edit.rationale,
          },
        });
      }
    }
    return reports;
  },
});

/** The later of the two lines' first days: the first day both cover once their spans overlap. */
function firstSharedDay(a: ClaimLine, b: ClaimLine): string {
  return a.serviceDate > b.serviceDate ? a.serviceDate : b.serviceDate;
}

/**
 * The edit for this column 2 code in force on the date (effective on or before it, not deleted on or
 * before it), indicator 0 before 1 when CMS lists the pair more than once; indicator 9 never applies.
 */
function strictestInForce(edits: readonly PtpEdit[], column2: string, date: string): PtpEdit | undefined {
  let found: PtpEdit | undefined;
  for (const edit of edits) {
    if (edit.column2 !== column2 || edit.modifierIndicator === '9') continue;
    if (edit.effective > date || (edit.deleted !== undefined && edit.deleted <= date)) continue;
    if (found === undefined || edit.modifierIndicator === '0') found = edit;
  }
  return found;
}
