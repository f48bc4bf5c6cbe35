import { ADDON_HOUR_CODE, hasModifier, PRIMARY_VISIT_CODE, SUITE_MODIFIER, visitDays } from './claim-facts.ts';
import { defineRule, type Report } from './rule.ts';

export const addonSsMissing = defineRule({
  id: 'ADDON-SS-MISSING',
  severity: 'warning',
  description: 'The 99601 and 99602 lines of one service date disagree on modifier SS.',
  explanation:
    'In simple words: 99601 and 99602 describe one and the same visit (the first two hours and the hours after). If one line says the visit was in the infusion suite (SS) and the other does not, the claim contradicts itself and the payer may price or deny the lines differently.',
  remediation: 'Put SS on both the 99601 and the 99602 line of a suite visit, or on neither if the visit was in the patient\'s home.',
  source: 'Product guidance and NHIA infusion-suite nursing guidance (99602 is time beyond the primary visit of the same encounter); confidence low to medium.',
  messages: {
    ssMissing: 'Line {{lineNumber}}: {{code}} on {{date}} lacks SS while line {{ssLine}} ({{ssCode}}) of the same visit carries it.',
  },
  concerns: (record) => record.code === PRIMARY_VISIT_CODE || record.code === ADDON_HOUR_CODE || record.code === SUITE_MODIFIER,
  check({ claim }) {
    const reports: Report<'ssMissing'>[] = [];
    for (const group of visitDays(claim)) {
      const date = group.date;
      if (group.primary.length === 0 || group.addon.length === 0) continue;
      const lines = [...group.primary, ...group.addon];
      const withSs = lines.filter((line) => hasModifier(line, SUITE_MODIFIER));
      const [example] = withSs;
      if (!example || withSs.length === lines.length) continue;
      for (const line of lines) {
        if (hasModifier(line, SUITE_MODIFIER)) continue;
        reports.push({
          lineNumber: line.lineNumber,
          messageId: 'ssMissing',
          data: { code: line.procedureCode, date, ssLine: example.lineNumber, ssCode: example.procedureCode },
        });
      }
    }
    return reports;
  },
});
