import { hasLineWithModifier, isMedicare, SUITE_MODIFIER } from './claim-facts.ts';
import { defineRule } from './rule.ts';

export const payerPolicyUnknown = defineRule({
  id: 'PAYER-POLICY-UNKNOWN',
  severity: 'warning',
  description: 'Modifier SS billed to a non-Medicare payer that has no record in the payer policy.',
  explanation:
    'In simple words: whether a payer pays for infusion-suite services differs from plan to plan, and the scrubber has no policy on file for this payer. It cannot tell you whether the SS lines will be paid.',
  remediation:
    'Confirm with the payer (or your contract) that it pays infusion-suite services, then add the payer to the payer policy file so future claims are checked automatically.',
  source: 'The payer policy file in use; Medicare Advantage and commercial acceptance of SS is plan-specific.',
  messages: {
    noPolicy: 'Payer {{payerId}} has no record in payer policy {{policyVersion}}, so SS acceptance is unknown.',
  },
  concerns: (record) => record.kind === 'modifier' && record.code === SUITE_MODIFIER,
  check({ claim, payers }) {
    if (isMedicare(claim) || !hasLineWithModifier(claim, SUITE_MODIFIER)) return [];
    if (payers.payer(claim.payer.id)) return [];
    return [{ messageId: 'noPolicy', data: { payerId: claim.payer.id, policyVersion: payers.version } }];
  },
});
