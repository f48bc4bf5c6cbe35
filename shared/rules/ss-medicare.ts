import { isMedicare, linesWithModifier, SUITE_MODIFIER } from './claim-facts.ts';
import { defineRule } from './rule.ts';

export const ssMedicare = defineRule({
  id: 'SS-MEDICARE',
  severity: 'error',
  description: 'Modifier SS (infusion suite) billed to Original Medicare, which has no payment path for a suite service.',
  explanation:
    'In simple words: Medicare does not pay for home infusion given in the provider\'s infusion suite. CMS marks modifier SS "not payable by Medicare" (coverage code I), and Medicare\'s home infusion therapy benefit only pays for visits in the patient\'s own home. This line will be denied as billed.',
  remediation:
    'Do not bill this suite service to Medicare. Route the claim to the patient\'s secondary or commercial payer, or obtain a signed advance beneficiary notice (ABN) before the service so the patient can be billed. Medicare\'s home infusion benefit pays G0068-G0070 (later visits) and G0088-G0090 (first visit) only for visits in the patient\'s home (POS 12), by an enrolled home infusion therapy supplier; it is not a substitute for a suite visit.',
  source:
    'CMS HCPCS file: modifier SS coverage code I. Medicare Benefit Policy Manual ch.15 sec.320 (HIT benefit is for services in the individual\'s home); Claims Processing Manual ch.32 sec.411. Noridian DME FAQ on G0068-G0070.',
  medicareDenial: true,
  messages: {
    suiteToMedicare: 'Line {{lineNumber}}: {{code}}-SS is billed to Medicare ({{payerId}}), which does not pay infusion-suite services.',
  },
  concerns: (record) => record.kind === 'modifier' && record.code === SUITE_MODIFIER,
  check({ claim }) {
    if (!isMedicare(claim)) return [];
    return linesWithModifier(claim, SUITE_MODIFIER).map((line) => ({
      lineNumber: line.lineNumber,
      messageId: 'suiteToMedicare',
      data: { code: line.procedureCode, payerId: claim.payer.id },
    }));
  },
});
