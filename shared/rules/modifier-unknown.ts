import { distinctModifiers } from './claim-facts.ts';
import { defineRule, type Report } from './rule.ts';

export const modifierUnknown = defineRule({
  id: 'MODIFIER-UNKNOWN',
  severity: 'error',
  description: 'A modifier on the line is not in the HCPCS release in use.',
  explanation:
    'In simple words: modifiers are two-character codes from an official list. This one is not on the list the scrubber loaded, so it is probably mistyped. The payer will reject the line.',
  remediation: 'Correct or remove the modifier. Run `claim-scrubber explain <modifier>` to check what a modifier means.',
  source: 'CMS HCPCS Level II annual release file (modifier records).',
  messages: {
    unknownModifier: 'Line {{lineNumber}}: modifier {{modifier}} is not in code release {{release}}.',
  },
  check({ claim, codes }) {
    const reports: Report<'unknownModifier'>[] = [];
    for (const line of claim.lines) {
      for (const modifier of distinctModifiers(line)) {
        if (codes.modifier(modifier)) continue;
        reports.push({ lineNumber: line.lineNumber, messageId: 'unknownModifier', data: { modifier, release: codes.release } });
      }
    }
    return reports;
  },
});
