import { linesWithModifier, SUITE_MODIFIER } from './claim-facts.ts';
import { defineRule, type Report } from './rule.ts';

export const ssBaseCode = defineRule({
  id: 'SS-BASE-CODE',
  severity: 'error',
  description: 'Modifier SS is appended to a code that is not a home-infusion service code.',
  explanation:
    'In simple words: SS says "this home infusion service was given in our infusion suite". It only makes sense on home infusion service codes: the HIT per-diem S-codes, the other "Home infusion therapy" S-codes, and the home infusion visit codes 99601/99602. On any other code the payer cannot tell what SS means and will reject or deny the line.',
  remediation:
    'Remove SS from this line, or, if the service really was a home infusion service given in the suite, bill it with the matching home infusion code (a per-diem S-code such as S9500, or 99601/99602 for the nursing visit) and keep SS there.',
  source:
    'NHIA coding standard: SS is used with the HCPCS per-diem S-codes for home infusion therapy. The list of home-infusion service codes is derived from the CMS HCPCS descriptions ("Home infusion therapy, ...") plus CPT 99601/99602; it includes S5520-S5523 as the product guidance has it, although those four are catheter-insertion supply and nursing codes rather than infusion administration.',
  messages: {
    notHomeInfusionCode: 'Line {{lineNumber}}: SS is on {{code}} ({{codeDescription}}), which is not a home-infusion service code.',
  },
  concerns: (record) => (record.kind === 'modifier' && record.code === SUITE_MODIFIER) || (record.kind === 'procedure' && record.homeInfusionService),
  check({ claim, codes }) {
    const reports: Report<'notHomeInfusionCode'>[] = [];
    for (const line of linesWithModifier(claim, SUITE_MODIFIER)) {
      const record = codes.procedure(line.procedureCode);
      // An unknown code is CODE-UNKNOWN's finding; SS cannot be judged against it.
      if (!record || record.homeInfusionService) continue;
      reports.push({
        lineNumber: line.lineNumber,
        messageId: 'notHomeInfusionCode',
        data: { code: line.procedureCode, codeDescription: record.shortDescription },
      });
    }
    return reports;
  },
});
