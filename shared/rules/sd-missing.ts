import { HIT_NURSE_MODIFIER, hasModifier, SUITE_MODIFIER } from './claim-facts.ts';
import { defineRule, type Report } from './rule.ts';

export const sdMissing = defineRule({
  id: 'SD-MISSING',
  severity: 'warning',
  description: 'An infusion-suite (SS) line administered by an RN carries no SD modifier.',
  explanation:
    'In simple words: SD tells the payer the infusion was given by a registered nurse with specialised home infusion training. Some payers pay home infusion nursing only when an RN with that training did it. No payer policy we found makes SD mandatory on every nursed line, so this is a reminder, not an error.',
  remediation:
    'If the RN who gave the infusion has specialised home infusion training, add SD to this line (keep SS). If not, leave the line as it is and check the payer\'s nursing requirements.',
  source:
    'CMS HCPCS modifier SD descriptor. BCBS Michigan home infusion nursing rules (RN with home infusion training; LPNs not eligible). No payer found requiring SD on every line, hence a warning.',
  messages: {
    sdMissing: 'Line {{lineNumber}}: {{code}}-SS was administered by an RN but has no SD modifier.',
  },
  concerns: (record) => record.kind === 'modifier' && (record.code === HIT_NURSE_MODIFIER || record.code === SUITE_MODIFIER),
  check({ claim }) {
    const reports: Report<'sdMissing'>[] = [];
    for (const line of claim.lines) {
      if (line.performedBy !== 'RN' || !hasModifier(line, SUITE_MODIFIER) || hasModifier(line, HIT_NURSE_MODIFIER)) continue;
      reports.push({
        lineNumber: line.lineNumber,
        messageId: 'sdMissing',
        data: { code: line.procedureCode },
      });
    }
    return reports;
  },
});
