import { DeleteMessageBatchCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { setTimeout as sleep } from 'node:timers/promises';
import { MAX_RECEIVE_MESSAGES } from '../shared/aws/scrub-event-source.ts';
import { lambdaContext } from './lambda-context.ts';

/** DeleteMessageBatch's limit. */
const MAX_DELETE_ENTRIES = 10;
/** Once a partial batch finds the queue empty, how often to look again while its window lasts. */
const WINDOW_RECHECK_MS = 50;

export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

export interface SqsEventSourceOptions {
  sqs: SQSClient;
  queueUrl: string;
  queueArn: string;
  region: string;
  functionName: string;
  /**
   * One handler per execution environment: each polls on its own, as Lambda runs one batch at a time
   * per environment, so a handler's module state (its code cache) is never shared by two batches.
   */
  handlers: readonly SqsHandler[];
  /** Records per invocation at most; above 10, gathered from several ReceiveMessage calls. */
  batchSize: number;
  /**
   * How long a poller keeps gathering records, from its first record, before invoking the handler
   * with a partial batch (Lambda's MaximumBatchingWindowInSeconds). 0: invoke with one receive's worth.
   */
  maxBatchingWindowMs: number;
  /** Long-poll wait; stop() aborts a wait in progress. */
  waitTimeSeconds: number;
  /** The function timeout: an invocation's context reports the time left until it. */
  functionTimeoutMs: number;
}

export interface EventSourceStats {
  invocations: number;
  records: number;
  /** Records the handler reported in batchItemFailures (left for redelivery). */
  failedRecords: number;
  /** Invocations that threw: their whole batch is left for redelivery. */
  failedInvocations: number;
}

/**
 * Behaves like Lambda's SQS event source mapping with ReportBatchItemFailures: long-polls the queue,
 * gathers up to `batchSize` records within the batching window, invokes the handler with them,
 * deletes the records that succeeded, and leaves
 * failed ones invisible until their visibility timeout ends, so SQS redelivers them and, after the
 * queue's maxReceiveCount, its redrive policy moves them to the DLQ.
 */
export class SqsEventSource {
  readonly stats: EventSourceStats = { invocations: 0, records: 0, failedRecords: 0, failedInvocations: 0 };
  private readonly options: SqsEventSourceOptions;
  private readonly abort = new AbortController();
  private workers: Promise<void>[] = [];
  private busy = 0;

  constructor(options: SqsEventSourceOptions) {
    this.options = options;
  }

  start(): void {
    this.workers = this.options.handlers.map((handler) => this.poll(handler));
  }

  /** True while any handler is running a batch. */
  get inFlight(): boolean {
    return this.busy > 0;
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.all(this.workers);
  }

  private async poll(handler: SqsHandler): Promise<void> {
    const { batchSize, waitTimeSeconds } = this.options;
    while (!this.abort.signal.aborted) {
      let messages: Message[];
      try {
        messages = await this.receive(Math.min(batchSize, MAX_RECEIVE_MESSAGES), waitTimeSeconds);
      } catch {
        if (this.abort.signal.aborted) return;
        // Lambda's poller backs off the same way when SQS is unreachable.
        await sleep(500);
        continue;
      }
      if (messages.length === 0) continue;
      this.busy++;
      try {
        await this.invoke(handler, await this.gather(messages));
      } finally {
        this.busy--;
      }
    }
  }

  /**
   * Lambda's batching: keep receiving until the batch is full or the window, counted from the first
   * record, is over. The records already held are invoked whatever happens to a later receive.
   */
  private async gather(first: Message[]): Promise<Message[]> {
    const { batchSize, maxBatchingWindowMs } = this.options;
    const batch = [...first];
    const windowEnds = Date.now() + maxBatchingWindowMs;
    while (batch.length < batchSize && !this.abort.signal.aborted) {
      const left = windowEnds - Date.now();
      if (left <= 0) break;
      let more: Message[];
      try {
        // A long poll returns as soon as a message arrives; SQS counts its wait in whole seconds.
        more = await this.receive(Math.min(batchSize - batch.length, MAX_RECEIVE_MESSAGES), Math.floor(left / 1000));
      } catch {
        break;
      }
      if (more.length > 0) batch.push(...more);
      else if (left < 1000) await sleep(Math.min(left, WINDOW_RECHECK_MS));
    }
    return batch;
  }

  private async receive(maxMessages: number, waitSeconds: number): Promise<Message[]> {
    const { sqs, queueUrl } = this.options;
    const response = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: maxMessages,
        WaitTimeSeconds: waitSeconds,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
      { abortSignal: this.abort.signal },
    );
    return response.Messages ?? [];
  }

  private async invoke(handler: SqsHandler, messages: Message[]): Promise<void> {
    const { region, functionName, functionTimeoutMs } = this.options;
    const event: SQSEvent = { Records: messages.map((m) => this.toRecord(m)) };
    this.stats.invocations++;
    this.stats.records += messages.length;
    let failed: ReadonlySet<string>;
    try {
      const response = await handler(event, lambdaContext(functionName, region, Date.now() + functionTimeoutMs));
      failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      // Lambda treats an identifier that names no record of the batch as a failure of the whole batch.
      if ([...failed].some((id) => !messages.some((m) => m.MessageId === id))) failed = new Set(messages.map((m) => m.MessageId ?? ''));
    } catch {
      this.stats.failedInvocations++;
      failed = new Set(messages.map((m) => m.MessageId ?? ''));
    }
    this.stats.failedRecords += [...failed].length;
    const done = messages.filter((m) => !failed.has(m.MessageId ?? ''));
    if (done.length > 0) await this.delete(done);
  }

  private async delete(messages: Message[]): Promise<void> {
    const chunks: Message[][] = [];
    for (let i = 0; i < messages.length; i += MAX_DELETE_ENTRIES) chunks.push(messages.slice(i, i + MAX_DELETE_ENTRIES));
    await Promise.all(chunks.map((chunk) => this.deleteChunk(chunk)));
  }

  private async deleteChunk(messages: Message[]): Promise<void> {
    const { sqs, queueUrl } = this.options;
    let pending = messages;
    for (let attempt = 0; attempt < 5 && pending.length > 0; attempt++) {
      try {
        const response = await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: pending.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
          }),
        );
        const failedIds = new Set((response.Failed ?? []).map((f) => Number(f.Id)));
        pending = pending.filter((_, i) => failedIds.has(i));
      } catch {
        await sleep(100 * 2 ** attempt);
      }
    }
    // An undeleted message is redelivered; the handler's idempotency makes that harmless.
  }

  private toRecord(message: Message): SQSRecord {
    const attributes = message.Attributes ?? {};
    return {
      messageId: message.MessageId ?? '',
      receiptHandle: message.ReceiptHandle ?? '',
      body: message.Body ?? '',
      attributes: {
        ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
        SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
        SenderId: attributes.SenderId ?? 'local',
        ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
      },
      messageAttributes: Object.fromEntries(
        Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
          name,
          {
            dataType: value.DataType ?? 'String',
            ...(value.StringValue === undefined ? {} : { stringValue: value.StringValue }),
            stringListValues: [],
            binaryListValues: [],
          },
        ]),
      ),
      md5OfBody: message.MD5OfBody ?? '',
      eventSource: 'aws:sqs',
      eventSourceARN: this.options.queueArn,
      awsRegion: this.options.region,
    };
  }
}
