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
      if (!line.modifiers || line.modifiers.length < 2) continue;
      const seen = new Set<string>();
      const repeated = new Set<string>();
      for (const modifier of line.modifiers) {
        if (seen.has(modifier)) repeated.add(modifier);
        seen.add(modifier);
      }
      for (const modifier of repeated) {
        reports.push({ lineNumber: line.lineNumber, messageId: 'repeated', data: { modifier } });
      }
    }
    return reports;
  },
});
