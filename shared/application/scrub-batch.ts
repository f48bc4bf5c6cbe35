import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { SQSRecord } from 'aws-lambda';
import { AlertPublisher } from '../../shared/aws/alert-publisher.ts';
import type { AwsClients } from '../../shared/aws/clients.ts';
import type { CodeDataReader } from '../../shared/aws/code-data-reader.ts';
import type { ScrubClaimsConfig } from '../../shared/aws/config.ts';
import { QueueSender } from '../../shared/aws/queue-sender.ts';
import { ResultRecorder, resultsRead, storedResult } from '../../shared/aws/results-table.ts';
import type { ScrubResult } from '../../shared/claim/result.ts';
import { scrubIntakeItem, startFindingsWith } from '../../shared/scrub/scrub-item.ts';
import { rejectedResult, scrubClaim, type ScrubData } from '../../shared/scrub/scrub.ts';
import { readIntakeRecord, type IntakeRecord } from './intake-record.ts';
import { SCRUB_METRICS, SCRUB_STATUS_METRICS } from './metric-names.ts';
import { denialAlert, destinationOf, outputMessage } from './routing.ts';

export interface ScrubClaimsDeps {
  config: ScrubClaimsConfig;
  clients: AwsClients;
  /** The container's code cache: shared by every invocation the container serves. */
  codeData: CodeDataReader;
  logger: Logger;
  metrics: Metrics;
  /** Test-only: throws at a stage to simulate a crash. Never set in AWS. */
  faults?: FaultInjector;
}

/** Where a fault may strike: before any work, after the outputs went out, after the result row. */
export type FaultStage = 'received' | 'routed' | 'committed';

export interface FaultInjector {
  atStage(stage: FaultStage, record: IntakeRecord): void;
}

export type RecordOutcome = 'routed' | 'duplicate';

/** What the batch's one read returns: the code data for its claims, and the body hash recorded per claim id. */
interface BatchState {
  data: ScrubData;
  delivered: Map<string, string>;
}

/**
 * One invocation's batch. Store reads are shared by all its records (one BatchGetItem for the results
 * already recorded, the code data they lack and, now and then, the active-release pointer) and so are
 * the writes (SendMessageBatch, PublishBatch, BatchWriteItem), yet each record succeeds or fails on its own.
 */
export class ScrubBatch {
  private readonly deps: ScrubClaimsDeps;
  private readonly records = new Map<string, IntakeRecord>();
  private readonly firstOfDelivery = new Map<string, Promise<RecordOutcome>>();
  private readonly sender: QueueSender;
  private readonly alerts: AlertPublisher;
  private readonly recorder: ResultRecorder;
  private readonly recording = new Set<IntakeRecord>();
  private state: Promise<BatchState> | undefined;

  constructor(sqsRecords: readonly SQSRecord[], deps: ScrubClaimsDeps, deadline: number) {
    this.deps = deps;
    for (const sqsRecord of sqsRecords) this.records.set(sqsRecord.messageId, readIntakeRecord(sqsRecord));
    this.sender = new QueueSender(deps.clients.sqs, deadline);
    this.alerts = new AlertPublisher(deps.clients.sns, deps.config.alertTopicArn, deadline);
    this.recorder = new ResultRecorder(deps.clients.dynamodb, deps.config.resultsTable, deadline, sqsRecords.length);
  }

  process(sqsRecord: SQSRecord): Promise<RecordOutcome> {
    const record = this.records.get(sqsRecord.messageId) ?? readIntakeRecord(sqsRecord);
    // The same message twice in one batch (SQS at-least-once) must not be routed twice either.
    const deliveryKey = `${record.trackingId}#${record.bodyHash}`;
    const earlier = this.firstOfDelivery.get(deliveryKey);
    // The copy writes no row; it leaves at once, since the first copy's row waits for every record.
    if (earlier) this.recorder.leave();
    const outcome = earlier ? earlier.then(() => this.skipDuplicate(record)) : this.scrubAndRoute(sqsRecord.body, record);
    if (!earlier) this.firstOfDelivery.set(deliveryKey, outcome);
    return outcome.catch((error: unknown) => {
      this.deps.metrics.addMetric(SCRUB_METRICS.recordsFailed, MetricUnit.Count, 1);
      this.deps.logger.warn('claim not processed; SQS will deliver it again', {
        claimId: record.trackingId,
        messageId: record.messageId,
        receiveCount: record.receiveCount,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
      throw error;
    });
  }

  private async scrubAndRoute(rawBody: string, record: IntakeRecord): Promise<RecordOutcome> {
    try {
      return await this.scrubRouteAndRecord(rawBody, record);
    } finally {
      // A record that writes no row (duplicate, failure before the row) must say so, or the batch's rows wait for it.
      if (!this.recording.has(record)) this.recorder.leave();
    }
  }

  private async scrubRouteAndRecord(rawBody: string, record: IntakeRecord): Promise<RecordOutcome> {
    const { config, faults, logger, metrics } = this.deps;
    faults?.atStage('received', record);
    const { data, delivered } = await this.read();
    if (delivered.get(record.trackingId) === record.bodyHash) return this.skipDuplicate(record);

    const result = scrub(record, data);
    const destination = destinationOf(result);
    // Outputs first, then the result row: the row is what marks the claim done, so a crash in
    // between leads to a redelivery that routes it again rather than a claim that is never routed.
    await Promise.all([
      this.sender.send(destination === 'review' ? config.reviewQueueUrl : config.cleanQueueUrl, outputMessage(record, rawBody, result)),
      result.medicareDenialRisk ? this.alerts.publish(denialAlert(record, result)) : undefined,
    ]);
    faults?.atStage('routed', record);
    this.recording.add(record);
    await this.recorder.record(
      storedResult(record.trackingId, result, { destination, bodyHash: record.bodyHash, messageId: record.messageId }, config.resultRetentionDays),
    );

    metrics.addMetric(SCRUB_STATUS_METRICS[result.status], MetricUnit.Count, 1);
    if (result.medicareDenialRisk) metrics.addMetric(SCRUB_METRICS.denialRisk, MetricUnit.Count, 1);
    logger.info('claim scrubbed', {
      claimId: record.trackingId,
      status: result.status,
      destination,
      ruleIds: [...new Set(result.findings.map((f) => f.ruleId))],
      medicareDenialRisk: result.medicareDenialRisk,
      codeRelease: result.codeRelease,
      receiveCount: record.receiveCount,
    });
    faults?.atStage('committed', record);
    return 'routed';
  }

  private skipDuplicate(record: IntakeRecord): RecordOutcome {
    this.deps.metrics.addMetric(SCRUB_METRICS.duplicates, MetricUnit.Count, 1);
    this.deps.logger.info('duplicate delivery skipped: the claim was already routed', { claimId: record.trackingId, messageId: record.messageId });
    return 'duplicate';
  }

  private read(): Promise<BatchState> {
    this.state ??= (async () => {
      const { codeData, config } = this.deps;
      const records = [...this.records.values()];
      const { data, alongside } = await codeData.read(
        records.flatMap((r) => (r.validation?.ok ? [r.validation.claim] : [])),
        { [config.resultsTable]: resultsRead(records.map((r) => r.trackingId), ['claimId', 'bodyHash']) },
      );
      const rows = alongside.get(config.resultsTable) ?? [];
      return { data, delivered: new Map(rows.map((row) => [String(row.claimId), String(row.bodyHash)])) };
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
