/**
 * The scrub function's SQS event source defaults, shared by the CDK construct (infra/claim-scrubber.ts)
 * and the local poller (local/sqs-event-source.ts), so both assemble the same batches. A plain module:
 * the local stack must not load aws-cdk-lib.
 */
export const SCRUB_EVENT_SOURCE_DEFAULTS = {
  /**
   * Records per invocation. A batch shares its reads and writes (one BatchGetItem, SendMessageBatch,
   * PublishBatch, BatchWriteItem), so larger batches mean fewer requests per claim.
   */
  batchSize: 25,
  /** How long the poller gathers records before invoking with a partial batch; AWS requires ≥ 1 s above 10 records. */
  maxBatchingWindowSeconds: 2,
} as const;

/** ReceiveMessage's limit: a larger batch is gathered from several receives. */
export const MAX_RECEIVE_MESSAGES = 10;
