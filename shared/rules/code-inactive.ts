import { isActiveOn } from '../codes/code-record.ts';
import type { CodeRecord } from '../codes/code-record.ts';
import { defineRule, type MessageData, type Report } from './rule.ts';

export type InactiveMessageId = 'notYetAdded' | 'terminated';

/** Why a code or modifier is not valid on a date (not yet added, or already terminated), as a message id and its date. */
export function inactiveReason(record: CodeRecord, date: string): { messageId: InactiveMessageId; data: MessageData } {
  if (record.addedDate && date < record.addedDate) return { messageId: 'notYetAdded', data: { addedDate: record.addedDate } };
  return { messageId: 'terminated', data: { terminationDate: record.terminationDate ?? '' } };
}

export const codeInactive = defineRule({
  id: 'CODE-INACTIVE',
  severity: 'error',
  description: 'The procedure code was not valid on the service date (before it was added, or after its termination date).',
  explanation:
    'In simple words: HCPCS codes have a start date and sometimes an end date. Payers only accept a code for services on dates when it was valid. This line uses a code outside those dates, so it will be rejected.',
  remediation: 'Use the code that was valid on the service date (CMS names the replacement code for a terminated code), or correct the service date if it was entered wrong.',
  source: 'CMS HCPCS release: code added date and termination date (record layout fields 27 and 29). CMS IOCE keys every edit to version date ranges.',
  messages: {
    notYetAdded: 'Line {{lineNumber}}: {{code}} was only added on {{addedDate}}; the service date is {{serviceDate}}.',
    terminated: 'Line {{lineNumber}}: {{code}} was terminated on {{terminationDate}}; the service date is {{serviceDate}}.',
  },
  check({ claim, codes }) {
    const reports: Report<InactiveMessageId>[] = [];
    for (const line of claim.lines) {
      const record = codes.procedure(line.procedureCode);
      if (!record || isActiveOn(record, line.serviceDate)) continue;
      const reason = inactiveReason(record, line.serviceDate);
      reports.push({
        lineNumber: line.lineNumber,
        messageId: reason.messageId,
        data: { ...reason.data, code: line.procedureCode, serviceDate: line.serviceDate },
      });
    }
    return reports;
  },
});
