import { latestDateAnywhere, latestSubmittedDate } from './claim-facts.ts';
import { defineRule, type Report } from './rule.ts';

export const serviceDateFuture = defineRule({
  id: 'SERVICE-DATE-FUTURE',
  severity: 'error',
  description: 'A line\'s service date is after the claim was submitted, or after today when the claim gives no submission time.',
  explanation:
    'In simple words: a claim can only bill a service that has already happened. This line is dated after the claim was sent (or in the future), so the date is mistyped; the payer will reject the line.',
  remediation: 'Correct the service date to the day the service was given. If the service has not happened yet, do not bill it until it has.',
  source:
    'Definitional, no payer policy quoted: a claim bills services already rendered, so the line\'s service date (837P DTP*472, FHIR servicedDate) cannot be after the claim was created (837P BHT04, FHIR created). The check allows for the time zone furthest ahead of UTC (UTC+14), so it only fires on dates that cannot have come yet anywhere.',
  messages: {
    afterSubmission: 'Line {{lineNumber}}: the service date {{serviceDate}} is after the claim was submitted ({{submittedAt}}).',
    afterToday: 'Line {{lineNumber}}: the service date {{serviceDate}} is in the future (today is {{today}}).',
  },
  check({ claim, now }) {
    const submittedBy = latestSubmittedDate(claim);
    const todayBy = latestDateAnywhere(now.getTime());
    const reports: Report<'afterSubmission' | 'afterToday'>[] = [];
    for (const line of claim.lines) {
      const serviceDate = line.serviceDate;
      if (claim.submittedAt !== undefined && submittedBy !== undefined && serviceDate > submittedBy) {
        reports.push({ lineNumber: line.lineNumber, messageId: 'afterSubmission', data: { serviceDate, submittedAt: claim.submittedAt } });
      } else if (serviceDate > todayBy) {
        // A submission time in the future says nothing; "today" still bounds the service date.
        reports.push({ lineNumber: line.lineNumber, messageId: 'afterToday', data: { serviceDate, today: now.toISOString().slice(0, 10) } });
      }
    }
    return reports;
  },
});
