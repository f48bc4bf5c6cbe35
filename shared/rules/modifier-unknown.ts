import { distinctModifiers, isCptShapedModifier, latestPossibleServiceDate } from './claim-facts.ts';
import { defineRule, type Report } from './rule.ts';

export const modifierUnknown = defineRule({
  id: 'MODIFIER-UNKNOWN',
  severity: 'error',
  description: 'A modifier on the line is not in the HCPCS release in use (a numeric CPT modifier gets CPT-NOT-VALIDATED instead).',
  explanation:
    'In simple words: modifiers are two-character codes from an official list. This one is not on the list the scrubber loaded, so it is probably mistyped, or newer than the code release loaded. The payer will reject the line.',
  remediation:
    'Correct or remove the modifier. Run `claim-scrubber explain <modifier>` to check what a modifier means. If the message says the line is dated after the release, load a current release and scrub again. Numeric (CPT) modifiers are not in the code data, so they get CPT-NOT-VALIDATED (info) instead.',
  source: 'CMS HCPCS Level II release file (modifier records; every Level II modifier starts with a letter). CPT modifiers are licensed by the AMA and no file the scrubber loads holds them.',
  messages: {
    unknownModifier: 'Line {{lineNumber}}: modifier {{modifier}} is not in code release {{release}}.',
    notInOlderRelease:
      'Line {{lineNumber}}: modifier {{modifier}} is not in {{release}}, which covers service dates through {{through}}; this line is dated {{serviceDate}} — load a current release.',
  },
  check({ claim, codes, now }) {
    const reports: Report<'unknownModifier' | 'notInOlderRelease'>[] = [];
    const through = codes.coverage?.through;
    // Worked out only for a claim with an unknown code: nearly every claim has none.
    let latestPossible: string | undefined;
    for (const line of claim.lines) {
      for (const modifier of distinctModifiers(line)) {
        if (codes.modifier(modifier)) continue;
        // The code data holds no CPT modifiers (a CPT file loads codes only), so it cannot prove one wrong: CPT-NOT-VALIDATED says so instead.
        if (isCptShapedModifier(modifier)) continue;
        // Only a real date past the release points at a newer release; a future date is SERVICE-DATE-FUTURE's.
        if (through !== undefined && line.serviceDate > through && line.serviceDate <= (latestPossible ??= latestPossibleServiceDate(claim, now))) {
          reports.push({ lineNumber: line.lineNumber, messageId: 'notInOlderRelease', data: { modifier, release: codes.release, through, serviceDate: line.serviceDate } });
        } else {
          reports.push({ lineNumber: line.lineNumber, messageId: 'unknownModifier', data: { modifier, release: codes.release } });
        }
      }
    }
    return reports;
  },
});
