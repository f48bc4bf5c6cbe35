import { ADDON_HOUR_CODE, earnedUnitsForDate, PRIMARY_VISIT_CODE, unitCount, visitDays } from './claim-facts.ts';
import { defineRule, type Report } from './rule.ts';

export const addonUnits = defineRule({
  id: 'ADDON-UNITS',
  severity: 'error',
  description: 'On a date with a 99601 visit, the 99602 units billed differ from the units the infusion time earns.',
  explanation:
    'In simple words: each 99602 unit pays for one more hour after the first two hours of the visit. A unit counts for every full hour beyond 120 minutes, plus one more when the last part-hour is longer than 30 minutes. The units on the claim do not match the recorded infusion time: too many is an overpayment the payer will recover, too few leaves money unbilled.',
  remediation: 'Set the 99602 units to the earned number given in the message, or correct the infusion minutes on the 99601 line if they were recorded wrong.',
  source:
    'CPT 99602 descriptor (each additional hour). Half-hour mid-point rule as the product specifies it; BCBS Michigan requires at least 31 minutes per 99602 unit and documented start and stop times.',
  messages: {
    unitsMismatch: 'Line {{lineNumber}}: {{billedUnits}} of 99602 billed on {{date}}, but the infusion time earns {{earned}}.',
  },
  concerns: (record) => record.code === PRIMARY_VISIT_CODE || record.code === ADDON_HOUR_CODE,
  check({ claim }) {
    const reports: Report<'unitsMismatch'>[] = [];
    for (const group of visitDays(claim)) {
      const date = group.date;
      if (group.primary.length === 0 || group.addon.length === 0) continue;
      const earned = earnedUnitsForDate(claim, group.primary);
      if (earned === undefined) continue;
      const billed = group.addon.reduce((sum, line) => sum + line.units, 0);
      if (billed === earned) continue;
      const first = group.addon[0];
      if (!first) continue;
      reports.push({
        lineNumber: first.lineNumber,
        messageId: 'unitsMismatch',
        data: { billedUnits: unitCount(billed), date, earned },
      });
    }
    return reports;
  },
});
