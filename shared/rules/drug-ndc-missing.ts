import { claimPayerSettings } from './line-days.ts';
import { isDrugCode, isDrugRecord } from './drug-codes.ts';
import { defineRule, type Report } from './rule.ts';

type MessageId = 'ndcRequired' | 'ndcAdvised';

export const drugNdcMissing = defineRule({
  id: 'DRUG-NDC-MISSING',
  severity: 'error',
  messageSeverity: { ndcAdvised: 'warning' },
  payerSettings: ['ndcRequired'],
  description: 'A drug line (a J-code, S5000/S5001, or a Q-code the release classes as an injectable drug) without an NDC.',
  explanation:
    'In simple words: a drug code such as a J-code says which drug was billed but not which product, so Medicaid (and some other plans) pays a drug line only with the 11-digit National Drug Code (NDC) of the package actually used, with its quantity and unit. Without it the line is denied. Where the payer does not require the NDC it is still the safest way to bill a drug, so the scrubber warns.',
  remediation:
    'Add the NDC from the package given (11 digits, no hyphens), the quantity and its unit (ML, UN, GR, ME or F2) to the drug line (837P loop 2410: LIN*N4 and CTP).',
  source:
    'Medicaid (H): the Deficit Reduction Act of 2005, section 6002 (Social Security Act §1927(a)(7)) makes state Medicaid programs collect NDCs on physician-administered drugs (CMS State Medicaid Director letter SMDL 06-016; Medicaid.gov physician-administered drugs page); South Dakota Medicaid requires NDC, quantity and unit from every provider who administers drugs, nurses included. Commercial (H for that payer): BlueCross BlueShield of South Carolina / BlueChoice require NDC, unit and quantity on all professional drug claims since August 2016. Payers differ: the payer setting `ndcRequired` (default true for Medicaid, false otherwise) makes a missing NDC an error or a warning. Which codes are drug codes: J-codes and S5000/S5001 by their code; a Q-code when the loaded CMS release gives it BETOS O1D/O1E and an "Injection, ..." descriptor.',
  messages: {
    ndcRequired: 'Line {{lineNumber}}: drug code {{code}} has no NDC; this payer requires the NDC, quantity and unit on every drug line.',
    ndcAdvised: 'Line {{lineNumber}}: drug code {{code}} has no NDC; this payer does not require it, but a drug line is safest billed with the NDC, quantity and unit.',
  },
  concerns: isDrugRecord,
  check({ claim, codes, payers }) {
    const reports: Report<MessageId>[] = [];
    let required: boolean | undefined;
    for (const line of claim.lines) {
      if (line.drug !== undefined || !isDrugCode(line.procedureCode, codes)) continue;
      required ??= claimPayerSettings(claim, payers).ndcRequired;
      reports.push({ lineNumber: line.lineNumber, messageId: required ? 'ndcRequired' : 'ndcAdvised', data: { code: line.procedureCode } });
    }
    return reports;
  },
});
