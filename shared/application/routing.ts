import type { ScrubResult } from '../claim/result.ts';
import { meansMedicareDenial } from '../rules/catalog.ts';
import type { IntakeRecord } from './intake-record.ts';
import type { OutgoingMessage } from './ports.ts';
import type { Destination } from './stored-result.ts';

export function destinationOf(result: ScrubResult): Destination {
  return result.status === 'clean' ? 'clean' : 'review';
}

/**
 * The review or clean work item: the claim as received plus its result. It carries PHI (the claim),
 * which is why it goes only to the (encrypted) queues and never to logs or alerts.
 */
export function outputMessage(record: IntakeRecord, rawBody: string, result: ScrubResult): OutgoingMessage {
  const body = {
    claimId: record.trackingId,
    intakeMessageId: record.messageId,
    ...(record.parsed ? { claim: record.input } : { rawBody }),
    result,
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
