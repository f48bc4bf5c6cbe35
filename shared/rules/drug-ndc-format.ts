import { readNdc } from './ndc.ts';
import { defineRule, type Report } from './rule.ts';

type MessageId = 'hyphenatedForm' | 'malformed';

export const drugNdcFormat = defineRule({
  id: 'DRUG-NDC-FORMAT',
  severity: 'error',
  description: 'A line\'s NDC is not exactly 11 digits (5-4-2 without hyphens).',
  explanation:
    'In simple words: the electronic claim (X12 837P) carries the NDC as 11 digits with no hyphens or spaces. The package label often shows a 10-digit form with hyphens, such as 12345-678-90; copied as it is, the clearinghouse or payer rejects the line. A 10-digit form becomes 11 digits by putting a zero in front of its short part.',
  remediation:
    'Replace the NDC with its 11-digit form: when the message gives it, use that; otherwise take the NDC from the package and pad the short segment with a leading zero (4-4-2 → 0xxxx-xxxx-xx, 5-3-2 → xxxxx-0xxx-xx, 5-4-1 → xxxxx-xxxx-0x), then drop the hyphens.',
  source:
    'X12 837P 5010: LIN03 after qualifier N4 is the 11-digit NDC in 5-4-2 form (X12 RFI 2151, H; Texas Medicaid/TMHP edits as documented by an EDI vendor, M). Clearinghouse edit: "HIPAA-adopted X12 standards require that all NDCs in a claim be 11 digits" (Stedi, M). The 10-to-11-digit conversion by a leading zero in the short segment: Kareo and datainsight.health guides (M). Paper claims may show the 10-digit hyphenated form (HMSA example), so the message gives the 11-digit form rather than only rejecting.',
  messages: {
    hyphenatedForm: 'Line {{lineNumber}}: NDC {{ndc}} on {{code}} is in the hyphenated package form; the claim needs the 11 digits {{ndc11}}.',
    malformed: 'Line {{lineNumber}}: NDC {{ndc}} on {{code}} is not an 11-digit NDC (5-4-2, digits only).',
  },
  check({ claim }) {
    const reports: Report<MessageId>[] = [];
    for (const line of claim.lines) {
      if (line.drug === undefined) continue;
      const { ndc } = line.drug;
      const reading = readNdc(ndc);
      if (reading.kind === 'valid') continue;
      reports.push(
        reading.kind === 'convertible'
          ? { lineNumber: line.lineNumber, messageId: 'hyphenatedForm', data: { code: line.procedureCode, ndc, ndc11: reading.ndc11 } }
          : { lineNumber: line.lineNumber, messageId: 'malformed', data: { code: line.procedureCode, ndc } },
      );
    }
    return reports;
  },
});
