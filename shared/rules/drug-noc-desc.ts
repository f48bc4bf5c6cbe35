import { PRESCRIPTION_DRUG_CODES, UNSPECIFIED_DRUG_CODES } from './drug-codes.ts';
import { defineRule, type Report } from './rule.ts';

type MessageId = 'noNdcNoDescription' | 'noNdc' | 'noDescription';

export const drugNocDesc = defineRule({
  id: 'DRUG-NOC-DESC',
  severity: 'error',
  description: 'An unlisted drug code (J3490, J3590, J7699, J7799, J9999) without both an NDC and a line description, or S5000/S5001 without an NDC.',
  explanation:
    'In simple words: an unlisted ("not otherwise classified") drug code, or the generic/brand prescription drug codes S5000 and S5001, says nothing about which drug was given. The payer can only price the line from the NDC and the drug\'s name, strength and dose written on the line; without them it is rejected. Payers also reject an unlisted code when a specific code for the drug exists.',
  remediation:
    'Use the drug\'s specific HCPCS code if it has one. Otherwise keep the unlisted code and add both the NDC (with quantity and unit) and the line description (837P SV101-7): the drug\'s name, strength and dose, e.g. "ertapenem 1 g IV daily".',
  source:
    'HMSA (H): use the specific HCPCS code when available; the unlisted code J3490 with the NDC only when none exists. OpenEMR pull request 4300 (M): rejected claims for not-otherwise-classified codes without the SV101-7 description. S5000/S5001 are CMS\'s "Prescription drug, generic/brand name" (H); no payer policy was found on them in home infusion (carepatron S5000 page, L). X12\'s own 837P example of a home-infusion pharmacy claim (TR3 005010X222A1, the 2410 drug-identification example) bills S5000/S5001 with the NDC and no description, so for them the NDC is enough and only its absence is reported.',
  messages: {
    noNdcNoDescription: 'Line {{lineNumber}}: {{code}} does not name the drug; add its NDC and a line description (drug, strength, dose).',
    noNdc: 'Line {{lineNumber}}: {{code}} has a description but no NDC; add the NDC of the package given.',
    noDescription: 'Line {{lineNumber}}: {{code}} has an NDC but no line description; add the drug\'s name, strength and dose.',
  },
  concerns: (record) => record.kind === 'procedure' && UNSPECIFIED_DRUG_CODES.has(record.code),
  check({ claim }) {
    const reports: Report<MessageId>[] = [];
    for (const line of claim.lines) {
      if (!UNSPECIFIED_DRUG_CODES.has(line.procedureCode)) continue;
      const hasNdc = line.drug !== undefined;
      const hasDescription = line.description !== undefined && line.description.trim() !== '';
      // The NDC names a generic or brand prescription drug (S5000/S5001): X12's example bills them so.
      if (hasNdc && (hasDescription || PRESCRIPTION_DRUG_CODES.has(line.procedureCode))) continue;
      const messageId: MessageId = !hasNdc && !hasDescription ? 'noNdcNoDescription' : hasNdc ? 'noDescription' : 'noNdc';
      reports.push({ lineNumber: line.lineNumber, messageId, data: { code: line.procedureCode } });
    }
    return reports;
  },
});
