import type { Finding, ScrubResult } from '../claim/result.ts';
import { meansMedicareDenial } from '../rules/catalog.ts';
import type { IntakeRecord } from './intake-record.ts';
import type { OutgoingMessage } from './ports.ts';
import type { Destination } from './stored-result.ts';

export function destinationOf(result: ScrubResult): Destination {
  return result.status === 'clean' ? 'clean' : 'review';
}

/**
 * The version of the review and clean queues' message format (docs/contracts.md). Version 2 carries
 * each finding's rule id, severity, line and message, but not the rule's explanation and remediation:
 * those are the same for every finding of a rule and ruleset version, and are looked up by rule id
 * (`claim-scrubber explain`, docs/rules/), so a claim with many findings stays a small message.
 */
export const ROUTED_MESSAGE_VERSION = 2;

/** A finding as a routed message carries it. */
export type RoutedFinding = Omit<Finding, 'explanation' | 'remediation'>;

/**
 * The review or clean work item: the claim as received plus its result. It carries PHI (the claim),
 * which is why it goes only to the (encrypted) queues and never to logs or alerts.
 */
export function outputMessage(record: IntakeRecord, rawBody: string, result: ScrubResult): OutgoingMessage {
  const body = {
    messageVersion: ROUTED_MESSAGE_VERSION,
    claimId: record.trackingId,
    intakeMessageId: record.messageId,
    ...(record.parsed ? { claim: record.input } : { rawBody }),
    result: routedResult(result),
  };
  return {
    body: JSON.stringify(body),
    attributes: {
      claimId: record.trackingId,
      status: result.status,
      medicareDenialRisk: String(result.medicareDenialRisk),
    },
  };
}

/** The Medicare-denial alert: ids and rule ids only, no PHI, so it may go to email or chat. */
export function denialAlert(record: IntakeRecord, result: ScrubResult): OutgoingMessage {
  const denial = result.findings.filter((f) => meansMedicareDenial(f.ruleId));
  const ruleIds = [...new Set(denial.map((f) => f.ruleId))];
  const lines = [...new Set(denial.flatMap((f) => (f.lineNumber === undefined ? [] : [f.lineNumber])))];
  return {
    body: JSON.stringify({
      alert: 'medicare-denial-risk',
      claimId: record.trackingId,
      ruleIds,
      lineNumbers: lines,
      status: result.status,
      codeRelease: result.codeRelease,
      text: `Claim ${record.trackingId}: Medicare will deny line(s) ${lines.join(', ') || '-'} (${ruleIds.join(', ')}). The claim is in the review queue.`,
    }),
    attributes: { claimId: record.trackingId, alert: 'medicare-denial-risk' },
  };
}

/** A scrub result as a routed message carries it: its findings without the rules' texts. */
/** A scrub result as the review and clean queues carry it. */
export type RoutedResult = Omit<ScrubResult, 'findings'> & { findings: RoutedFinding[] };

export function routedResult(result: ScrubResult): RoutedResult {
  return { ...result, findings: result.findings.map(routedFinding) };
}

function routedFinding({ ruleId, severity, lineNumber, message }: Finding): RoutedFinding {
  return { ruleId, severity, ...(lineNumber === undefined ? {} : { lineNumber }), message };
}
