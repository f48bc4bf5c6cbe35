import type { Finding, ScrubResult } from '../claim/result.ts';
import { meansMedicareDenial } from '../rules/catalog.ts';
import type { IntakeRecord } from './intake-record.ts';
import type { ClaimCheckLocation, OutgoingMessage } from './ports.ts';
import type { Destination } from './stored-result.ts';

export function destinationOf(result: ScrubResult): Destination {
  return result.status === 'clean' ? 'clean' : 'review';
}

/**
 * The version of the review and clean queues' message format (docs/contracts.md). Version 3 names the
 * claim by submitter and claim id, carries the claim version and a deduplication id (equal on every
 * copy of one claim version's outputs), and may point at its body in S3 instead of carrying it (a
 * claim check) when the body is too large for a queue message. Findings carry rule id, severity, line
 * and message; explanations and remediations are looked up by rule id (`claim-scrubber explain`,
 * docs/rules/).
 */
export const ROUTED_MESSAGE_VERSION = 3;

/** A finding as a routed message carries it. */
export type RoutedFinding = Omit<Finding, 'explanation' | 'remediation'>;

/** A scrub result as the review and clean queues carry it: its findings without the rules' texts. */
export type RoutedResult = Omit<ScrubResult, 'findings'> & { findings: RoutedFinding[] };

/** What names a claim version in every routed message, in full or by claim check. */
export type RoutedEnvelope = ReturnType<typeof envelope>;

/** A routed message body as a consumer reads it (docs/contracts.md, routed message format v3). */
export type RoutedMessageBody = RoutedEnvelope &
  (
    | { claim: unknown; result: RoutedResult }
    | { rawBody: string; result: RoutedResult }
    | { claimCheck: ClaimCheckLocation; result: Pick<ScrubResult, 'status' | 'medicareDenialRisk' | 'codeRelease' | 'rulesetVersion'> & { ruleIds: string[] } }
  );

function envelope(record: IntakeRecord) {
  return {
    messageVersion: ROUTED_MESSAGE_VERSION,
    claimId: record.trackingId,
    billingNpi: record.submitterNpi,
    claimVersion: record.version,
    deduplicationId: record.deduplicationId,
    claimReference: record.claimReference,
    intakeMessageId: record.messageId,
  };
}

function attributesOf(record: IntakeRecord, result: ScrubResult): Record<string, string> {
  return {
    claimId: record.trackingId,
    deduplicationId: record.deduplicationId,
    claimVersion: record.version,
    status: result.status,
    medicareDenialRisk: String(result.medicareDenialRisk),
  };
}

/**
 * The review or clean work item: the claim as received plus its result. It carries PHI (the claim),
 * which is why it goes only to the (encrypted) queues and never to logs or alerts.
 */
export function outputMessage(record: IntakeRecord, rawBody: string, result: ScrubResult): OutgoingMessage {
  const body = { ...envelope(record), ...(record.parsed ? { claim: record.input } : { rawBody }), result: routedResult(result) };
  return { body: JSON.stringify(body), attributes: attributesOf(record, result) };
}

/**
 * The message sent in place of one too large for the queue: the same envelope, the result's summary,
 * and where the full message (as outputMessage builds it) is kept.
 */
export function claimCheckMessage(record: IntakeRecord, result: ScrubResult, location: ClaimCheckLocation): OutgoingMessage {
  const { status, medicareDenialRisk, codeRelease, rulesetVersion } = result;
  const summary = { status, medicareDenialRisk, codeRelease, rulesetVersion, ruleIds: [...new Set(result.findings.map((f) => f.ruleId))] };
  const body = { ...envelope(record), claimCheck: location, result: summary };
  return { body: JSON.stringify(body), attributes: { ...attributesOf(record, result), claimCheck: 'true' } };
}

/** The claim-check object's name: one per claim version and destination, so a retry overwrites its own copy. */
export function claimCheckName(record: IntakeRecord, destination: Destination): string {
  return `${destination}/${record.deduplicationId}.json`;
}

/**
 * The Medicare-denial alert. It names the claim only by its reference (a keyed hash: no claim id, no
 * PHI), so it may go to email or chat; the reviewer finds the claim in the review queue by the
 * reference, which its message carries too.
 */
export function denialAlert(record: IntakeRecord, result: Pick<ScrubResult, 'findings' | 'status' | 'codeRelease'>, worklistUrl?: string): OutgoingMessage {
  const denial = result.findings.filter((f) => meansMedicareDenial(f));
  const ruleIds = [...new Set(denial.map((f) => f.ruleId))];
  const lines = [...new Set(denial.flatMap((f) => (f.lineNumber === undefined ? [] : [f.lineNumber])))];
  const link = worklistUrl ? worklistLink(worklistUrl, record.claimReference) : undefined;
  const where = link ? `Open it in the worklist: ${link}` : 'The claim is in the review queue under this reference.';
  return {
    body: JSON.stringify({
      alert: 'medicare-denial-risk',
      claimReference: record.claimReference,
      deduplicationId: record.deduplicationId,
      ruleIds,
      lineNumbers: lines,
      status: result.status,
      codeRelease: result.codeRelease,
      ...(link ? { link } : {}),
      text: `Claim ${record.claimReference}: Medicare will deny line(s) ${lines.join(', ') || '-'} (${ruleIds.join(', ')}). ${where}`,
    }),
    attributes: { claimReference: record.claimReference, deduplicationId: record.deduplicationId, alert: 'medicare-denial-risk' },
  };
}

/**
 * The worklist page's address of a claim: by its opaque reference, after the `#`, so the link names no
 * claim and the part that names one never reaches a server log.
 */
export function worklistLink(worklistUrl: string, claimReference: string): string {
  return `${worklistUrl.replace(/\/+$/, '')}/#/claims/${claimReference}`;
}

export function routedResult(result: ScrubResult): RoutedResult {
  return { ...result, findings: result.findings.map(routedFinding) };
}

function routedFinding({ ruleId, severity, lineNumber, message }: Finding): RoutedFinding {
  return { ruleId, severity, ...(lineNumber === undefined ? {} : { lineNumber }), message };
}
