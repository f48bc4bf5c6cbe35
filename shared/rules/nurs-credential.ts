import { VISIT_CODES } from '../codes/visit-codes.ts';
import { claimPayerSettings } from './line-days.ts';
import { nurseCredentialOf } from './nursing-codes.ts';
import { defineRule, type Report } from './rule.ts';

type MessageId = 'rnCodeByLpn' | 'lpnCodeByRn' | 'lpnVisitNotAllowed';

export const nursCredential = defineRule({
  id: 'NURS-CREDENTIAL',
  severity: 'error',
  payerSettings: ['lpnNursingAllowed'],
  description: 'A nursing code billed for the other credential (an RN code by an LPN, an LPN code by an RN), or 99601/99602 by an LPN where the payer does not allow LPN nursing.',
  explanation:
    'In simple words: some nursing codes say who gave the care. S9123 and T1030 are "by registered nurse" (RN), S9124 and T1031 "by licensed practical nurse" (LPN). The line says the other kind of nurse did it, so the code claims a credential the visit did not have; payers deny this or recover the payment in an audit. Some payers also pay the home-infusion visit (99601/99602) only when an RN gives it.',
  remediation:
    'Use the code that matches the nurse who gave the care (RN: S9123 or T1030; LPN: S9124 or T1031), or correct who performed it if the line is wrong. For 99601/99602 given by an LPN to a payer that pays RN visits only, the visit has to be given (and billed) by an RN; check the payer\'s contract.',
  source:
    'CMS HCPCS long descriptors (H), read from the loaded release: S9123 and T1030 "by registered nurse", S9124 and T1031 "by licensed practical nurse" (a code whose descriptor names one credential is judged by it). Payers differ on LPNs giving the home-infusion visit: BCBS Michigan accepts only RNs with home-infusion training (H); BCBS North Carolina and BCBS Montana accept RNs or LPNs (H). The payer setting `lpnNursingAllowed` (default true) decides whether 99601/99602 by an LPN is an error. Credential mismatch is "a common audit trigger and denial cause" (pabau S9124 page, L).',
  messages: {
    rnCodeByLpn: 'Line {{lineNumber}}: {{code}} is nursing by a registered nurse, but the line says an LPN performed it.',
    lpnCodeByRn: 'Line {{lineNumber}}: {{code}} is nursing by a licensed practical nurse, but the line says an RN performed it.',
    lpnVisitNotAllowed: 'Line {{lineNumber}}: {{code}} was performed by an LPN, and this payer pays the home-infusion visit only when an RN gives it.',
  },
  concerns: (record) => nurseCredentialOf(record) !== undefined || (record.kind === 'procedure' && VISIT_CODES.has(record.code)),
  check({ claim, codes, payers }) {
    const reports: Report<MessageId>[] = [];
    let lpnAllowed: boolean | undefined;
    for (const line of claim.lines) {
      const performer = line.performedBy;
      if (performer !== 'RN' && performer !== 'LPN') continue;
      const data = { code: line.procedureCode };
      if (VISIT_CODES.has(line.procedureCode)) {
        if (performer !== 'LPN') continue;
        lpnAllowed ??= claimPayerSettings(claim, payers).lpnNursingAllowed;
        if (!lpnAllowed) reports.push({ lineNumber: line.lineNumber, messageId: 'lpnVisitNotAllowed', data });
        continue;
      }
      const record = codes.procedure(line.procedureCode);
      const credential = record === undefined ? undefined : nurseCredentialOf(record);
      if (credential === 'RN' && performer === 'LPN') reports.push({ lineNumber: line.lineNumber, messageId: 'rnCodeByLpn', data });
      if (credential === 'LPN' && performer === 'RN') reports.push({ lineNumber: line.lineNumber, messageId: 'lpnCodeByRn', data });
    }
    return reports;
  },
});
