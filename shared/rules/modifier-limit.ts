import { MAX_MODIFIERS_PER_LINE } from './claim-facts.ts';
import { defineRule, type Report } from './rule.ts';

export const modifierLimit = defineRule({
  id: 'MODIFIER-LIMIT',
  severity: 'error',
  description: `More than ${MAX_MODIFIERS_PER_LINE} modifiers on a line (the 837P holds four).`,
  explanation:
    'In simple words: the electronic claim format (837P) has room for four modifiers per line. Anything beyond four cannot be sent, so the claim cannot go out as it is.',
  remediation: 'Keep the four modifiers that matter most for payment (pricing modifiers such as SS first), and drop the others or split the service as the payer instructs.',
  source: 'X12 837P 005010X222A1 SV101-03 to SV101-06 (four procedure modifiers).',
  messages: {
    tooMany: 'Line {{lineNumber}}: {{count}} modifiers ({{modifiers}}); the 837P allows {{limit}}.',
  },
  check({ claim }) {
    const reports: Report<'tooMany'>[] = [];
    for (const line of claim.lines) {
      const modifiers = line.modifiers;
      if (!modifiers || modifiers.length <= MAX_MODIFIERS_PER_LINE) continue;
      reports.push({
        lineNumber: line.lineNumber,
        messageId: 'tooMany',
        data: { count: modifiers.length, modifiers: modifiers.join(', '), limit: MAX_MODIFIERS_PER_LINE },
      });
    }
    return reports;
  },
});
