import { claimPayerSettings, dayCount, daySpanOf, daySpanText, daysInSpan } from './line-days.ts';
import { isPerDiem, isPharmacyPerDiem, perDiemFacts } from './per-diem.ts';
import { defineRule, type Report } from './rule.ts';

type MessageId = 'moreUnitsThanDays' | 'partUnits' | 'fewerUnitsThanDays';

/** Units as a message says them: "1 unit", "15 units", "2.5 units". */
function unitText(units: number): string {
  return `${units} unit${units === 1 ? '' : 's'}`;
}

export const perdiemUnitsSpan = defineRule({
  id: 'PERDIEM-UNITS-SPAN',
  severity: 'error',
  messageSeverity: { fewerUnitsThanDays: 'warning' },
  payerSettings: ['perDiemDayBasis'],
  description: 'A per-diem line whose units differ from the days of its span (service date to end date, both included; one day without an end date).',
  explanation:
    'In simple words: a per diem pays for one day, so its units are the number of days the line covers. A line that bills more units than its dates have days, or part of a day, is cut or denied. Where the payer counts every day the patient has the therapy (NHIA\'s definition, which Oregon Medicaid adopts word for word), fewer units than days usually means days left unbilled or wrong dates. Payers that pay only the days a dose is given (e.g. BCBS North Dakota) expect fewer units for intermittent dosing, so fewer units are not flagged for them.',
  remediation:
    'Set the units to the number of days from the first to the last date of the line, or correct the dates. Bill whole days only. For a therapy dosed weekly or monthly, bill the contract\'s per-dose rate rather than a per diem.',
  source:
    'Which codes are per diems: the CMS HCPCS long descriptors of the loaded release, read at scrub time (a code whose descriptor bills "per diem"; H). NHIA per-diem definition, each day the patient has access to the therapy, for therapies dosed up to every 72 hours (H); Oregon Medicaid OAR 410-148-0100 and 0300, "1 day = 1 unit" (H); BCBS North Dakota, a per diem for each day an infusion is given, 24 hours a day (H); Stedi date-range edit (M). Payers differ on which days count: the payer setting perDiemDayBasis, calendar_days (NHIA, Oregon; the default) or therapy_days (BCBS North Dakota, BCBS North Carolina). Fewer units than days is flagged only for pharmacy per diems (home infusion and home therapy, catheter care) under calendar_days: nursing per diems (T1030, T1031) and other per diems bill the days the service was given.',
  messages: {
    moreUnitsThanDays: 'Line {{lineNumber}}: {{code}} bills {{units}} for {{span}}, which is {{days}}; a per diem is one unit per day.',
    partUnits: 'Line {{lineNumber}}: {{code}} bills {{units}} for {{span}} ({{days}}); a per diem is billed in whole days.',
    fewerUnitsThanDays: 'Line {{lineNumber}}: {{code}} bills {{units}} for {{span}}, which is {{days}}; this payer counts every day the patient has the therapy.',
  },
  concerns: (record) => record.kind === 'procedure' && isPerDiem(record),
  check({ claim, codes, payers }) {
    const reports: Report<MessageId>[] = [];
    let countsEveryDay: boolean | undefined;
    for (const line of claim.lines) {
      const record = codes.procedure(line.procedureCode);
      if (!record || perDiemFacts(record).kind === undefined) continue;
      // A line of one date is one day: its span is only worked out for a range, or for a message.
      const days = line.serviceDateEnd === undefined ? 1 : daysInSpan(daySpanOf(line));
      let messageId: MessageId | undefined;
      if (!Number.isInteger(line.units)) messageId = 'partUnits';
      else if (line.units > days) messageId = 'moreUnitsThanDays';
      else if (line.units < days && isPharmacyPerDiem(record)) {
        countsEveryDay ??= claimPayerSettings(claim, payers).perDiemDayBasis === 'calendar_days';
        if (countsEveryDay) messageId = 'fewerUnitsThanDays';
      }
      if (messageId === undefined) continue;
      reports.push({ lineNumber: line.lineNumber, messageId, data: { code: line.procedureCode, units: unitText(line.units), span: daySpanText(daySpanOf(line)), days: dayCount(days) } });
    }
    return reports;
  },
});
