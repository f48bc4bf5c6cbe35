import { ADDON_HOUR_CODE, PRIMARY_VISIT_CODE, visitDays } from './claim-facts.ts';
import { defineRule, type Report } from './rule.ts';

export const addonNoPrimary = defineRule({
  id: 'ADDON-NO-PRIMARY',
  severity: 'error',
  description: '99602 (each additional hour) is billed with no 99601 (first two hours) on the same service date.',
  explanation:
    'In simple words: 99602 only pays for the hours after the first two hours of a home infusion visit, and the first two hours are billed with 99601. Without a 99601 on the same day, the payer has nothing to add the extra hour to and will deny the 99602 line.',
  remediation: 'Add the 99601 line for the visit on the same date (one unit per visit), or, if the visit lasted two hours or less, remove the 99602 line.',
  source: 'CPT descriptor: 99602 is an add-on to 99601. CMS NCCI add-on code edits. BCBS Michigan: 99602 is only billed together with 99601.',
  messages: {
    noPrimary: 'Line {{lineNumber}}: 99602 on {{date}} has no 99601 line on that date.',
  },
  concerns: (record) => record.code === PRIMARY_VISIT_CODE || record.code === ADDON_HOUR_CODE,
  check({ claim }) {
    const reports: Report<'noPrimary'>[] = [];
    for (const group of visitDays(claim)) {
      const date = group.date;
      if (group.primary.length > 0) continue;
      for (const addon of group.addon) {
        reports.push({ lineNumber: addon.lineNumber, messageId: 'noPrimary', data: { date } });
      }
    }
    return reports;
  },
});
