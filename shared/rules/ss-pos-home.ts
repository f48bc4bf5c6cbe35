import { placeOfServiceOf } from '../claim/contract.ts';
import { hasModifier, POS_HOME, SUITE_MODIFIER } from './claim-facts.ts';
import { defineRule, type Report } from './rule.ts';

export const ssPosHome = defineRule({
  id: 'SS-POS-HOME',
  severity: 'warning',
  description: 'An infusion-suite (SS) line whose place of service (the line\'s own, else the claim\'s) is 12 (home).',
  explanation:
    'In simple words: SS says the service happened in the provider\'s infusion suite, but place of service 12 says it happened in the patient\'s home. Both cannot be true. Payers bill the suite with place of service 49 (independent clinic) or 11 (office), and a contradiction like this is a common reason for denial.',
  remediation:
    'If the infusion was given in your suite, change the place of service to 49 (or 11 if the payer asks for it), on the line if it carries its own. If it was given in the home, remove SS.',
  source:
    'BCBS North Dakota home infusion reimbursement policy: POS 12 home, 11 office, 49 for a home infusion suite. Other payers may ask for 11. A line\'s place of service (837P SV105) overrides the claim\'s (CLM05-1).',
  messages: {
    suiteAtHome: 'Line {{lineNumber}}: {{code}}-SS (infusion suite) has place of service 12 (home).',
  },
  concerns: (record) => record.kind === 'modifier' && record.code === SUITE_MODIFIER,
  check({ claim }) {
    // A loop rather than filter and map: asked on every claim, and nearly every claim has nothing to say.
    const reports: Report<'suiteAtHome'>[] = [];
    for (const line of claim.lines) {
      if (!hasModifier(line, SUITE_MODIFIER) || placeOfServiceOf(claim, line) !== POS_HOME) continue;
      reports.push({ lineNumber: line.lineNumber, messageId: 'suiteAtHome', data: { code: line.procedureCode } });
    }
    return reports;
  },
});
