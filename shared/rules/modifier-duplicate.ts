import { defineRule, type Report } from './rule.ts';

export const modifierDuplicate = defineRule({
  id: 'MODIFIER-DUPLICATE',
  severity: 'warning',
  description: 'The same modifier appears more than once on a line.',
  explanation: 'In simple words: a modifier says something about the line once; repeating it adds nothing, uses up one of the four modifier slots, and some payers reject it.',
  remediation: 'Remove the repeated modifier.',
  source: 'X12 837P SV101 modifier slots; payer front-end edits.',
  messages: {
    repeated: 'Line {{lineNumber}}: modifier {{modifier}} appears more than once.',
  },
  check({ claim }) {
    const reports: Report<'repeated'>[] = [];
    for (const line of claim.lines) {
      // A repeat needs two modifiers; skipping the rest spares two Sets on almost every line.
      const modifiers = line.modifiers;
      if (!modifiers || modifiers.length < 2) continue;
      // Each repeated modifier once, in the order its first repeat comes: at most four modifiers, so
      // searched in the list itself rather than in Sets.
      for (let i = 1; i < modifiers.length; i++) {
        const modifier = modifiers[i] as string;
        const first = modifiers.indexOf(modifier);
        // Reported at its second place only: not at its first, nor at a third.
        if (first === i || modifiers.lastIndexOf(modifier, i - 1) !== first) continue;
        reports.push({ lineNumber: line.lineNumber, messageId: 'repeated', data: { modifier } });
      }
    }
    return reports;
  },
});
