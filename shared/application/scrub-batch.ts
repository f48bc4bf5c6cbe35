import type { ScrubResult } from '../claim/result.ts';
import { rejectedResult, scrubClaim, type ScrubData } from '../scrub/scrub.ts';
import { scrubIntakeItem, startFindingsWith } from '../scrub/scrub-item.ts';
import { readIntakeRecord, type IntakeDelivery, type IntakeRecord } from './intake-record.ts';
import type { BatchPorts, BatchState, ScrubPorts } from './ports.ts';
import { denialAlert, destinationOf, outputMessage } from './routing.ts';
import { storedResult, type Destination } from './stored-result.ts';

export type RecordOutcome = 'routed' | 'duplicate';

/** What the service reports as it goes; the scrub function turns it into logs and metrics. */
export interface ScrubObserver {
  routed(record: IntakeRecord, result: ScrubResult, destination: Destination): void;
  duplicate(record: IntakeRecord): void;
  failed(record: IntakeRecord, error: unknown): void;
}

export interface ScrubBatchOptions {
  /** How long a result row is kept (its expiresAt). */
  resultRetentionDays: number;
  /** Epoch ms by which every write of the batch must be done or given up. */
  deadline: number;
}

/**
 * The scrub service for one batch of intake deliveries. Reads are shared by all its records (one
 * read for the results already recorded and the code data), and so are the writes, yet each
 * record succeeds or fails on its own: `process` rejects for a record that must be delivered again.
 */
export class ScrubBatch {
  private readonly ports: ScrubPorts;
  private readonly observer: ScrubObserver;
  private readonly options: ScrubBatchOptions;
  private readonly records = new Map<string, IntakeRecord>();
  private readonly firstOfDelivery = new Map<string, Promise<RecordOutcome>>();
  private readonly writes: BatchPorts;
  private readonly recording = new Set<IntakeRecord>();
  private state: Promise<BatchState> | undefined;

  constructor(deliveries: readonly IntakeDelivery[], ports: ScrubPorts, observer: ScrubObserver, options: ScrubBatchOptions) {
    this.ports = ports;
    this.observer = observer;
    this.options = options;
    for (const delivery of deliveries) this.records.set(delivery.messageId, readIntakeRecord(delivery));
    this.writes = ports.openBatch(deliveries.length, options.deadline);
  }

  process(delivery: IntakeDelivery): Promise<RecordOutcome> {
    const record = this.records.get(delivery.messageId) ?? readIntakeRecord(delivery);
    // The same message twice in one batch (SQS at-least-once) must not be routed twice either.
    const deliveryKey = `${record.trackingId}#${record.bodyHash}`;
    const earlier = this.firstOfDelivery.get(deliveryKey);
    // The copy writes no row; it leaves at once, since the first copy's row waits for every record.
    if (earlier) this.writes.results.leave();
    const outcome = earlier ? earlier.then(() => this.skipDuplicate(record)) : this.scrubAndRoute(delivery.body, record);
    if (!earlier) this.firstOfDelivery.set(deliveryKey, outcome);
    return outcome.catch((error: unknown) => {
      this.observer.failed(record, error);
      throw error;
    });
  }

  private async scrubAndRoute(rawBody: string, record: IntakeRecord): Promise<RecordOutcome> {
    try {
      return await this.scrubRouteAndRecord(rawBody, record);
    } finally {
      // A record that writes no row (duplicate, failure before the row) must say so, or the batch's rows wait for it.
      if (!this.recording.has(record)) this.writes.results.leave();
    }
  }

  private async scrubRouteAndRecord(rawBody: string, record: IntakeRecord): Promise<RecordOutcome> {
    const { data, delivered } = await this.read();
    if (delivered.get(record.trackingId) === record.bodyHash) return this.skipDuplicate(record);

    const result = scrub(record, data);
    const destination = destinationOf(result);
    // Outputs first, then the result row: the row is what marks the claim done, so a crash in
    // between leads to a redelivery that routes it again rather than a claim that is never routed.
    // The alert goes out only once the claim is routed: a claim that failed to reach its queue will be
    // delivered again, and alerting for it now would alert twice.
    await this.writes.outbox.send(destination, outputMessage(record, rawBody, result));
    if (result.medicareDenialRisk) await this.writes.alerts.publish(denialAlert(record, result));
    this.recording.add(record);
    await this.writes.results.record(
      storedResult(record.trackingId, result, { destination, bodyHash: record.bodyHash, messageId: record.messageId }, this.options.resultRetentionDays),
    );
    this.observer.routed(record, result, destination);
    return 'routed';
  }

  private skipDuplicate(record: IntakeRecord): RecordOutcome {
    this.observer.duplicate(record);
    return 'duplicate';
  }

  private read(): Promise<BatchState> {
    this.state ??= (() => {
      const records = [...this.records.values()];
      return this.ports.codeData.read(
        records.flatMap((r) => (r.validation?.ok ? [r.validation.claim] : [])),
        records.map((r) => r.trackingId),
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
