import { defineRule, type Report } from './rule.ts';

export const codeUnknown = defineRule({
  id: 'CODE-UNKNOWN',
  severity: 'error',
  description: 'The procedure code is not in the HCPCS release in use (nor in the project\'s CPT home-infusion codes).',
  explanation:
    'In simple words: the payer checks every procedure code against the official code list. This code is not on the list the scrubber loaded, so it is probably mistyped, made up, or from a newer code release than the one loaded. A claim with an invalid code is rejected before anyone looks at it.',
  remediation:
    'Check the code against the service documented and correct it. If it is a new code, load the current CMS HCPCS release (load-code-data) and scrub again. CPT codes other than 99601/99602 are not in the code data.',
  source: 'CMS HCPCS Level II annual release file; CPT 99601/99602 from the project\'s own code file.',
  messages: {
    unknownCode: 'Line {{lineNumber}}: procedure code {{code}} is not in code release {{release}}.',
  },
  check({ claim, codes }) {
    const reports: Report<'unknownCode'>[] = [];
    for (const line of claim.lines) {
      if (codes.procedure(line.procedureCode)) continue;
      reports.push({
        lineNumber: line.lineNumber,
        messageId: 'unknownCode',
        data: { code: line.procedureCode, release: codes.release },
      });
    }
    return reports;
  },
});
