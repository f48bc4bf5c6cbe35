import { placeOfServiceOf } from '../claim/contract.ts';
import { hasModifier, isMedicare, SUITE_MODIFIER } from './claim-facts.ts';
import { HIT_HOME_POS, HIT_NOT_HOME_POS, isHitCode } from './hit-codes.ts';
import { defineRule, type Report } from './rule.ts';

type MessageId = 'suiteModifier' | 'notHome' | 'confirmHome' | 'noPlaceOfService';

export const mcrHitHome = defineRule({
  id: 'MCR-HIT-HOME',
  severity: 'error',
  messageSeverity: { confirmHome: 'warning', noPlaceOfService: 'warning' },
  medicareDenial: true,
  description: 'A Medicare home infusion therapy visit (G0068-G0070, G0088-G0090) billed in the infusion suite (SS), at a place of service that is not a home, or at one not known to be a residence.',
  explanation:
    'In simple words: Medicare pays the home infusion therapy visit codes only when the nurse\'s visit happens in the patient\'s home. A residence counts, including an assisted living facility or group home used as a home, but a hospital, a critical access hospital or a skilled nursing facility does not, and neither does the provider\'s infusion suite or an office. A visit there has no Medicare home-infusion payment and is denied. When the place of service is neither a home nor one of those, the scrubber asks you to confirm it was a residence.',
  remediation:
    'If the visit was in the patient\'s home, correct the place of service to 12 (or 13, 14 or 33 for an assisted living facility, group home or custodial care facility used as the home) and remove SS. If it was given in your suite, an office or a facility, Medicare has no home-infusion payment for it: bill the secondary or commercial payer, or have the patient sign an Advance Beneficiary Notice (ABN) before the service.',
  source:
    '42 CFR 486.505 (H): home infusion therapy is furnished in the patient\'s home, a place of residence used as home, which excludes a hospital, a critical access hospital (CAH) and a skilled nursing facility (SNF). Medicare Benefit Policy Manual ch.15 §320 (H). The place-of-service sets are the scrubber\'s reading of those definitions: a residence is POS 12, 13, 14 or 33; 11, 19, 21, 22, 23, 24, 31, 49 and 61 are not a home; any other POS is a warning to confirm. SS (infusion suite) contradicts home by its CMS descriptor. Medicare only; a line\'s own place of service overrides the claim\'s.',
  messages: {
    suiteModifier: 'Line {{lineNumber}}: {{code}} carries SS (infusion suite); Medicare pays home infusion therapy visits only in the patient\'s home.',
    notHome: 'Line {{lineNumber}}: {{code}} has place of service {{pos}}, which is not a home; Medicare pays home infusion therapy visits only in the patient\'s home.',
    confirmHome: 'Line {{lineNumber}}: {{code}} has place of service {{pos}}; confirm it is the patient\'s residence, not a hospital, CAH or SNF.',
    noPlaceOfService: 'Line {{lineNumber}}: {{code}} has no place of service; confirm the visit was in the patient\'s residence, not a hospital, CAH or SNF, and give POS 12.',
  },
  concerns: (record) => record.kind === 'procedure' && isHitCode(record.code),
  check({ claim }) {
    if (!isMedicare(claim)) return [];
    const reports: Report<MessageId>[] = [];
    for (const line of claim.lines) {
      if (!isHitCode(line.procedureCode)) continue;
      const code = line.procedureCode;
      const pos = placeOfServiceOf(claim, line);
      // One finding a line: SS is the plainer fix, and it is usually why the POS is not a home.
      if (hasModifier(line, SUITE_MODIFIER)) reports.push({ lineNumber: line.lineNumber, messageId: 'suiteModifier', data: { code } });
      else if (pos === undefined) reports.push({ lineNumber: line.lineNumber, messageId: 'noPlaceOfService', data: { code } });
      else if (HIT_NOT_HOME_POS.has(pos)) reports.push({ lineNumber: line.lineNumber, messageId: 'notHome', data: { code, pos } });
      else if (!HIT_HOME_POS.has(pos)) reports.push({ lineNumber: line.lineNumber, messageId: 'confirmHome', data: { code, pos } });
    }
    return reports;
  },
});
