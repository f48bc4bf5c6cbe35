import { isActiveOn } from '../codes/code-record.ts';
import { distinctModifiers } from './claim-facts.ts';
import { inactiveReason, type InactiveMessageId } from './code-inactive.ts';
import { defineRule, type Report } from './rule.ts';

export const modifierInactive = defineRule({
  id: 'MODIFIER-INACTIVE',
  severity: 'error',
  description: 'A modifier on the line was not valid on the service date.',
  explanation:
    'In simple words: modifiers, like codes, have a start date and sometimes an end date. This modifier was not valid on the day of service, so the payer will reject the line.',
  remediation: 'Use a modifier that was valid on the service date, or correct the service date.',
  source: 'CMS HCPCS release: modifier added date and termination date.',
  messages: {
    notYetAdded: 'Line {{lineNumber}}: modifier {{modifier}} was only added on {{addedDate}}; the service date is {{serviceDate}}.',
    terminated: 'Line {{lineNumber}}: modifier {{modifier}} was terminated on {{terminationDate}}; the service date is {{serviceDate}}.',
  },
  check({ claim, codes }) {
    const reports: Report<InactiveMessageId>[] = [];
    for (const line of claim.lines) {
      for (const modifier of distinctModifiers(line)) {
        const record = codes.modifier(modifier);
        if (!record || isActiveOn(record, line.serviceDate)) continue;
        const reason = inactiveReason(record, line.serviceDate);
        reports.push({
          lineNumber: line.lineNumber,
          messageId: reason.messageId,
          data: { ...reason.data, modifier, serviceDate: line.serviceDate },
        });
      }
    }
    return reports;
  },
});
