import { isMedicare, linesWithModifier, SUITE_MODIFIER } from './claim-facts.ts';
import { defineRule } from './rule.ts';

export const payerSsNotAccepted = defineRule({
  id: 'PAYER-SS-NOT-ACCEPTED',
  severity: 'error',
  description: 'Modifier SS billed to a non-Medicare payer whose policy does not accept infusion-suite services.',
  explanation:
    'In simple words: this payer\'s policy, as loaded in the scrubber, does not pay home infusion given in the provider\'s infusion suite. The line will be denied as billed.',
  remediation:
    'Check the payer\'s home infusion policy or your contract. If the service was given in the home, remove SS and use place of service 12; if it was in the suite, ask for an authorisation or bill the patient\'s other coverage.',
  source: 'The payer policy file in use (bundled data/payer-policy.json or --payer-policy), field acceptsSS.',
  messages: {
    suiteRefused: 'Line {{lineNumber}}: {{payerName}} ({{payerId}}) does not accept SS (infusion suite) on {{code}}.',
  },
  concerns: (record) => record.kind === 'modifier' && record.code === SUITE_MODIFIER,
  check({ claim, payers }) {
    if (isMedicare(claim)) return [];
    const policy = payers.payer(claim.payer.id);
    if (!policy || policy.acceptsSS) return [];
    return linesWithModifier(claim, SUITE_MODIFIER).map((line) => ({
      lineNumber: line.lineNumber,
      messageId: 'suiteRefused',
      data: { payerName: policy.name, payerId: policy.id, code: line.procedureCode },
    }));
  },
});
