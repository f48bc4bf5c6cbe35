import type { IntakeDelivery } from '../../shared/application/intake-record.ts';
import type { RoutedMessageBody } from '../../shared/application/routing.ts';
import { ScrubBatch } from '../../shared/application/scrub-batch.ts';
import type { Organisation, WorklistUser } from '../../shared/application/worklist/model.ts';
import { claimVersion } from '../../shared/intake/claim-version.ts';
import { TEST_CLAIM_REFERENCE_KEY } from '../support/claim-reference-key.ts';
import { InMemoryScrubPorts } from '../support/in-memory-scrub-ports.ts';

const silent = { routed() {}, duplicate() {}, outdated() {}, alertCompleted() {}, alertUnmarked() {}, failed() {} };
let next = 1;

/** The routed message the real scrub service sends for a claim, as a worklist consumer reads it. */
export async function routedMessageFor(claim: object, handedInAt = Date.parse('2026-11-30T09:00:00Z'), index = 0): Promise<RoutedMessageBody> {
  const ports = new InMemoryScrubPorts();
  const delivery: IntakeDelivery = { messageId: `w-${next++}`, body: JSON.stringify(claim), receiveCount: 1, attributes: { claimVersion: claimVersion(handedInAt, index) } };
  const batch = new ScrubBatch([delivery], ports, silent, { resultRetentionDays: 400, deadline: Date.now() + 5_000, claimReferenceKey: TEST_CLAIM_REFERENCE_KEY });
  await batch.process(delivery);
  const [sent] = [...ports.sent.review, ...ports.sent.clean];
  if (!sent) throw new Error('nothing routed');
  return JSON.parse(sent.body) as RoutedMessageBody;
}

export const ACME: Organisation = { id: 'acme-infusion', billingNpis: ['1234567893'] };
export const OTHER: Organisation = { id: 'other-pharmacy', billingNpis: ['1245319599'] };
export const reviewer: WorklistUser = { id: 'rita', organisationId: ACME.id, roles: ['reviewer'] };
export const supervisor: WorklistUser = { id: 'sam', organisationId: ACME.id, roles: ['reviewer', 'supervisor'] };
export const outsider: WorklistUser = { id: 'olga', organisationId: OTHER.id, roles: ['reviewer', 'supervisor'] };
