import { ADDON_HOUR_CODE, earnedAddonUnits, PRIMARY_VISIT_CODE, unitCount, visitDays, visitMinutes } from './claim-facts.ts';
import { defineRule, type Report } from './rule.ts';

export const prolongedTimeUnbilled = defineRule({
  id: 'PROLONGED-TIME-UNBILLED',
  severity: 'warning',
  description: 'A 99601 visit lasted long enough to earn 99602 units, but no 99602 is billed that date.',
  explanation:
    'In simple words: 99601 pays for the first two hours of a home infusion visit. This visit ran longer, and the extra time earns 99602 (each additional hour) that is not on the claim, so money is being left unbilled. Coders often miss the two-hour threshold.',
  remediation: 'Add a 99602 line on the same date with the earned units (the message gives the number), with the same modifiers as the 99601 line, and keep the start and stop times in the record.',
  source:
    'CPT 99601/99602 descriptors (first two hours; each additional hour). Unit rule: whole hours beyond 120 minutes plus one for a remainder over 30 minutes (BCBS Michigan: each 99602 unit needs at least 31 minutes).',
  messages: {
    addonUnbilled: 'Line {{lineNumber}}: the 99601 visit on {{date}} lasted {{minutes}} minutes, which earns {{earnedUnits}} of 99602, but no 99602 is billed that date.',
  },
  concerns: (record) => record.code === PRIMARY_VISIT_CODE || record.code === ADDON_HOUR_CODE,
  check({ claim }) {
    const reports: Report<'addonUnbilled'>[] = [];
    for (const group of visitDays(claim)) {
      const date = group.date;
      if (group.addon.length > 0) continue;
      for (const primary of group.primary) {
        const minutes = visitMinutes(claim, primary);
        if (minutes === undefined) continue;
        const earned = earnedAddonUnits(minutes);
        if (earned === 0) continue;
        reports.push({
          lineNumber: primary.lineNumber,
          messageId: 'addonUnbilled',
          data: { date, minutes, earnedUnits: unitCount(earned) },
        });
      }
    }
    return reports;
  },
});
