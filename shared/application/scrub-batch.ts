import type { ScrubResult } from '../claim/result.ts';
import { rejectedResult, scrubClaim, type ScrubData } from '../scrub/scrub.ts';
import { scrubIntakeItem, startFindingsWith } from '../scrub/scrub-item.ts';
import { readIntakeRecord, type IntakeDelivery, type IntakeRecord } from './intake-record.ts';
import type { BatchPorts, BatchState, OutgoingMessage, ScrubPorts } from './ports.ts';
import { claimCheckMessage, claimCheckName, denialAlert, destinationOf, outputMessage } from './routing.ts';
import { storedResult, type Destination } from './stored-result.ts';

/**
 * What became of one delivery:
 * - `routed`: scrubbed, sent to its queue and recorded;
 * - `duplicate`: this claim content is already recorded, so it is not routed again;
 * - `stale`: a newer version of the claim is recorded, so this older copy is not routed at all;
 * - `superseded`: routed, but a newer version was recorded meanwhile (two versions in flight at once),
 *   so its row was not written; consumers keep the newer version by `claimVersion`.
 * - `alert-completed`: the claim was routed and recorded earlier, but its alert had not gone out: now it has.
 */
export type RecordOutcome = 'routed' | 'duplicate' | 'stale' | 'superseded' | 'alert-completed';

/** What the service reports as it goes; the scrub function turns it into logs and metrics. */
export interface ScrubObserver {
  routed(record: IntakeRecord, result: ScrubResult, destination: Destination): void;
  duplicate(record: IntakeRecord): void;
  /** A copy older than the recorded version was dropped (`stale`) or lost the race to record (`superseded`). */
  outdated(record: IntakeRecord, outcome: 'stale' | 'superseded'): void;
  /** The alert of an earlier routing went out on this delivery. */
  alertCompleted(record: IntakeRecord): void;
  /** The alert went out but could not be marked sent: a redelivery of this claim would alert again. */
  alertUnmarked(record: IntakeRecord, error: unknown): void;
  failed(record: IntakeRecord, error: unknown): void;
}

export interface ScrubBatchOptions {
  /** How long a result row is kept (its expiresAt). */
  resultRetentionDays: number;
  /** Epoch ms by which every write of the batch must be done or given up. */
  deadline: number;
  /** The deployment's secret for claim references in logs, metrics and alerts. */
  claimReferenceKey: string;
  /** The review worklist's address, when there is one: alerts link to the claim there. */
  worklistUrl?: string;
}

/**
 * The scrub service for one batch of intake deliveries. Reads are shared by all its records (one
 * read for the results already recorded and the code data), yet each record succeeds or fails on its
 * own: `process` rejects for a record that must be delivered again.
 *
 * Per claim the order is: outputs, then the row, then the alert, then the alert's mark. The row is
 * what marks the claim done, so a crash before it leads to a redelivery that routes the claim again
 * (with the same deduplication id) rather than a claim never routed. The row is written with the alert
 * `pending`, so a crash before the alert went out is finished by the redelivery, and an alert marked
 * sent is never sent again. See docs/pipeline.md for each crash point.
 */
export class ScrubBatch {
  private readonly ports: ScrubPorts;
  private readonly observer: ScrubObserver;
  private readonly options: ScrubBatchOptions;
  private readonly records = new Map<string, IntakeRecord>();
  private readonly firstOfContent = new Map<string, Promise<RecordOutcome>>();
  private readonly writes: BatchPorts;
  private state: Promise<BatchState> | undefined;

  constructor(deliveries: readonly IntakeDelivery[], ports: ScrubPorts, observer: ScrubObserver, options: ScrubBatchOptions) {
    this.ports = ports;
    this.observer = observer;
    this.options = options;
    for (const delivery of deliveries) this.records.set(delivery.messageId, readIntakeRecord(delivery, options.claimReferenceKey));
    this.writes = ports.openBatch(deliveries.length, options.deadline);
  }

  process(delivery: IntakeDelivery): Promise<RecordOutcome> {
    const record = this.records.get(delivery.messageId) ?? readIntakeRecord(delivery, this.options.claimReferenceKey);
    // The same claim content twice in one batch (SQS at-least-once, or sent twice) is routed once.
    const earlier = this.firstOfContent.get(record.deduplicationId);
    const outcome = earlier ? earlier.then(() => this.skipDuplicate(record)) : this.scrubAndRoute(delivery.body, record);
    if (!earlier) this.firstOfContent.set(record.deduplicationId, outcome);
    return outcome.catch((error: unknown) => {
      this.observer.failed(record, error);
      throw error;
    });
  }

  private async scrubAndRoute(rawBody: string, record: IntakeRecord): Promise<RecordOutcome> {
    const { data, recorded } = await this.read();
    const stored = recorded.get(record.resultKey);
    if (stored?.contentHash === record.contentHash) {
      return stored.alert === 'pending' ? this.completeAlert(record, scrub(record, data)) : this.skipDuplicate(record);
    }
    if (stored && stored.version > record.version) return this.outdated(record, 'stale');

    const result = scrub(record, data);
    const destination = destinationOf(result);
    const message = await this.routedMessage(record, rawBody, result, destination);
    await this.writes.outbox.send(destination, message);
    // A claim that was sent to review and now comes back clean (corrected) closes its review: the review
    // queue's consumer hears of it as well as the clean queue's.
    if (destination === 'clean' && stored?.destination === 'review') await this.writes.outbox.send('review', message);
    const recording = await this.writes.results.record(storedResult(record, result, destination, this.options.resultRetentionDays));
    if (recording === 'superseded') return this.outdated(record, 'superseded');
    this.observer.routed(record, result, destination);
    if (result.medicareDenialRisk) await this.publishAlert(record, result);
    return 'routed';
  }

  /** The message as routed: whole when the queue takes it, else its body kept aside and a claim check sent. */
  private async routedMessage(record: IntakeRecord, rawBody: string, result: ScrubResult, destination: Destination): Promise<OutgoingMessage> {
    const message = outputMessage(record, rawBody, result);
    if (this.writes.outbox.fits(message)) return message;
    const location = await this.writes.claimChecks.put(claimCheckName(record, destination), message.body);
    return claimCheckMessage(record, result, location);
  }

  private async completeAlert(record: IntakeRecord, result: ScrubResult): Promise<RecordOutcome> {
    await this.publishAlert(record, result);
    this.observer.alertCompleted(record);
    return 'alert-completed';
  }

  /**
   * Publishes the alert, then marks it sent. A failed publish fails the record, so the redelivery
   * finds the alert pending and publishes it. A failed mark does not: the alert is out, and failing
   * would send it again; it is reported instead.
   */
  private async publishAlert(record: IntakeRecord, result: ScrubResult): Promise<void> {
    await this.writes.alerts.publish(denialAlert(record, result, this.options.worklistUrl));
    try {
      await this.writes.results.markAlertSent(record.resultKey, record.contentHash);
    } catch (error) {
      this.observer.alertUnmarked(record, error);
    }
  }

  private skipDuplicate(record: IntakeRecord): RecordOutcome {
    this.observer.duplicate(record);
    return 'duplicate';
  }

  private outdated(record: IntakeRecord, outcome: 'stale' | 'superseded'): RecordOutcome {
    this.observer.outdated(record, outcome);
    return outcome;
  }

  private read(): Promise<BatchState> {
    this.state ??= (() => {
      const records = [...this.records.values()];
      return this.ports.codeData.read(
        records.flatMap((r) => (r.validation?.ok ? [r.validation.claim] : [])),
        records.map((r) => r.resultKey),
      );
    })();
    return this.state;
  }
}

function scrub(record: IntakeRecord, data: ScrubData): ScrubResult {
  if (!record.parsed) return rejectedResult(null, [{ path: '', message: 'the message body is not valid JSON' }], data);
  if (record.validation?.ok) return scrubClaim(record.validation.claim, data);
  // The same finding `claim-scrubber scrub` gives the claim: its position, then the reader's or the contract's reasons.
  if (record.readerRejection) return scrubIntakeItem({ kind: 'rejected', claimId: record.claimId, ...record.readerRejection }, data);
  const rejected = rejectedResult(record.claimId, record.validation?.errors ?? [], data);
  return record.sourcePosition ? startFindingsWith(rejected, record.sourcePosition) : rejected;
}
