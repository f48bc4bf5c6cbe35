import { isActiveOn } from '../codes/code-record.ts';
import type { CodeRecord } from '../codes/code-record.ts';
import type { Report, Rule } from './rule.ts';

/** Says why a code is not valid on a date: not yet added, or already terminated. */
export function inactiveReason(record: CodeRecord, date: string): string {
  if (record.addedDate && date < record.addedDate) return `was only added on ${record.addedDate}`;
  return `was terminated on ${record.terminationDate}`;
}

export const codeInactive: Rule = {
  id: 'CODE-INACTIVE',
  severity: 'error',
  description: 'The procedure code was not valid on the service date (before it was added, or after its termination date).',
  explanation:
    'In simple words: HCPCS codes have a start date and sometimes an end date. Payers only accept a code for services on dates when it was valid. This line uses a code outside those dates, so it will be rejected.',
  remediation: 'Use the code that was valid on the service date (CMS names the replacement code for a terminated code), or correct the service date if it was entered wrong.',
  source: 'CMS HCPCS release: code added date and termination date (record layout fields 27 and 29). CMS IOCE keys every edit to version date ranges.',
  check({ claim, codes }) {
    const reports: Report[] = [];
    for (const line of claim.lines) {
      const record = codes.procedure(line.procedureCode);
      if (!record || isActiveOn(record, line.serviceDate)) continue;
      reports.push({
        lineNumber: line.lineNumber,
        message: `Line ${line.lineNumber}: ${line.procedureCode} ${inactiveReason(record, line.serviceDate)}; the service date is ${line.serviceDate}.`,
      });
    }
    return reports;
  },
};
