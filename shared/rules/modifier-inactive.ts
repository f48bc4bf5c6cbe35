import { isActiveOn } from '../codes/code-record.ts';
import { distinctModifiers } from './claim-facts.ts';
import { inactiveReason } from './code-inactive.ts';
import type { Report, Rule } from './rule.ts';

export const modifierInactive: Rule = {
  id: 'MODIFIER-INACTIVE',
  severity: 'error',
  description: 'A modifier on the line was not valid on the service date.',
  explanation:
    'In simple words: modifiers, like codes, have a start date and sometimes an end date. This modifier was not valid on the day of service, so the payer will reject the line.',
  remediation: 'Use a modifier that was valid on the service date, or correct the service date.',
  source: 'CMS HCPCS release: modifier added date and termination date.',
  check({ claim, codes }) {
    const reports: Report[] = [];
    for (const line of claim.lines) {
      for (const modifier of distinctModifiers(line)) {
        const record = codes.modifier(modifier);
        if (!record || isActiveOn(record, line.serviceDate)) continue;
        reports.push({
          lineNumber: line.lineNumber,
          message: `Line ${line.lineNumber}: modifier ${modifier} ${inactiveReason(record, line.serviceDate)}; the service date is ${line.serviceDate}.`,
        });
      }
    }
    return reports;
  },
};
