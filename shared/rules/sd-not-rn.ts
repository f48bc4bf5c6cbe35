import { HIT_NURSE_MODIFIER, hasModifier } from './claim-facts.ts';
import type { Performer } from '../claim/contract.ts';
import { defineRule, type Report } from './rule.ts';

const PERFORMER_PHRASES: Record<Performer, string> = {
  RN: 'an RN',
  LPN: 'an LPN',
  pharmacist: 'a pharmacist',
  physician: 'a physician',
  other: 'someone other than an RN',
};

export const sdNotRn = defineRule({
  id: 'SD-NOT-RN',
  severity: 'warning',
  description: 'Modifier SD (specially trained home infusion RN) on a line administered by someone who is not an RN.',
  explanation:
    'In simple words: SD means "a registered nurse with specialised home infusion training did this". The claim says someone else (for example an LPN or a pharmacist) gave the infusion, so SD claims a qualification the service did not have. Payers that pay more for, or only pay, RN nursing may recover the payment.',
  remediation:
    'Remove SD from this line, or correct who administered the infusion if an RN actually did. Check whether the payer pays nursing by LPNs at all.',
  source: 'CMS HCPCS modifier SD descriptor. BCBS Michigan home infusion nursing rules (LPNs not eligible).',
  messages: {
    sdByNonRn: 'Line {{lineNumber}}: {{code}} carries SD but was administered by {{performer}}.',
  },
  concerns: (record) => record.kind === 'modifier' && record.code === HIT_NURSE_MODIFIER,
  check({ claim }) {
    const reports: Report<'sdByNonRn'>[] = [];
    for (const line of claim.lines) {
      if (line.performedBy === undefined || line.performedBy === 'RN' || !hasModifier(line, HIT_NURSE_MODIFIER)) continue;
      reports.push({
        lineNumber: line.lineNumber,
        messageId: 'sdByNonRn',
        data: { code: line.procedureCode, performer: PERFORMER_PHRASES[line.performedBy] },
      });
    }
    return reports;
  },
});
