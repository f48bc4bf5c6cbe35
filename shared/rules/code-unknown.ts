import { isCptShapedCode, latestPossibleServiceDate } from './claim-facts.ts';
import { defineRule, type Report } from './rule.ts';

export const codeUnknown = defineRule({
  id: 'CODE-UNKNOWN',
  severity: 'error',
  description:
    'The procedure code is not in the code data in use: the HCPCS release, the project\'s CPT home-infusion codes, and a licensed CPT file when one is loaded.',
  explanation:
    'In simple words: the payer checks every procedure code against the official code list. This code is not on the list the scrubber loaded, so it is probably mistyped, made up, or from a newer code release than the one loaded. A claim with an invalid code is rejected before anyone looks at it.',
  remediation:
    'Check the code against the service documented and correct it. If it is a new code, or the message says the line is dated after the release, load the current CMS HCPCS release (load-code-data) and scrub again. CPT codes are only checked when your licensed CPT file is loaded; without one, a CPT-shaped code gets CPT-NOT-VALIDATED (info) instead.',
  source:
    'CMS HCPCS Level II release file (annual or quarterly; its file name gives the service dates it covers); CPT 99601/99602 from the project\'s own code file; other CPT codes from the user\'s licensed AMA CPT file when loaded.',
  messages: {
    unknownCode: 'Line {{lineNumber}}: procedure code {{code}} is not in code release {{release}}.',
    notInOlderRelease:
      'Line {{lineNumber}}: procedure code {{code}} is not in {{release}}, which covers service dates through {{through}}; this line is dated {{serviceDate}} — load a current release.',
  },
  check({ claim, codes, now }) {
    const reports: Report<'unknownCode' | 'notInOlderRelease'>[] = [];
    const through = codes.coverage?.through;
    // Worked out only for a claim with an unknown code: nearly every claim has none.
    let latestPossible: string | undefined;
    for (const line of claim.lines) {
      const code = line.procedureCode;
      if (codes.procedure(code)) continue;
      // Without a licensed CPT file the data cannot prove a CPT code wrong: CPT-NOT-VALIDATED says so instead.
      if (codes.cptSource === undefined && isCptShapedCode(code)) continue;
      // Only a real date past the release points at a newer release; a future date is SERVICE-DATE-FUTURE's.
      if (through !== undefined && line.serviceDate > through && line.serviceDate <= (latestPossible ??= latestPossibleServiceDate(claim, now))) {
        reports.push({ lineNumber: line.lineNumber, messageId: 'notInOlderRelease', data: { code, release: codes.release, through, serviceDate: line.serviceDate } });
      } else {
        reports.push({ lineNumber: line.lineNumber, messageId: 'unknownCode', data: { code, release: codes.release } });
      }
    }
    return reports;
  },
});
