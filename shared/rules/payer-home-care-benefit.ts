import { hasLineWithModifier, isMedicare, SUITE_MODIFIER } from './claim-facts.ts';
import { defineRule } from './rule.ts';

export const payerHomeCareBenefit = defineRule({
  id: 'PAYER-HOME-CARE-BENEFIT',
  severity: 'info',
  description: 'The payer takes infusion-suite (SS) services under its home-care benefit; the finding states the copay on file.',
  explanation:
    'In simple words: this payer pays infusion-suite services as part of the patient\'s home care benefit, so the patient\'s cost share is the one for home care, not for an office or hospital visit. Nothing needs fixing; this is for the patient\'s estimate.',
  remediation: 'No change needed. Use the copay in the message for the patient estimate, and check the member\'s own plan: cost sharing depends on the plan.',
  source: 'The payer policy file in use, fields benefit and copay. NHIA: commercial payers bundle pharmacy services, supplies and equipment into a per diem.',
  messages: {
    withCopay: '{{payerName}} pays SS services under its home-care benefit (copay on file: {{copay}}).',
    noCopay: '{{payerName}} pays SS services under its home-care benefit (no copay on file; check the member\'s plan).',
  },
  concerns: (record) => record.kind === 'modifier' && record.code === SUITE_MODIFIER,
  check({ claim, payers }) {
    if (isMedicare(claim) || !hasLineWithModifier(claim, SUITE_MODIFIER)) return [];
    const policy = payers.payer(claim.payer.id);
    if (!policy?.acceptsSS || policy.benefit !== 'home_care') return [];
    if (!policy.copay) return [{ messageId: 'noCopay', data: { payerName: policy.name } }];
    return [{ messageId: 'withCopay', data: { payerName: policy.name, copay: policy.copay } }];
  },
});
