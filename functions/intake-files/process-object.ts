import type { Context } from 'aws-lambda';
import { ingestObject, type ObjectOutcome, type ObjectRef } from '../../shared/application/ingest-object.ts';
import { s3InboxObjects } from '../../shared/aws/inbox-objects.ts';
import { QueueOutage, sendToIntake } from '../../shared/aws/intake.ts';
import type { IntakeFilesDeps } from './dependencies.ts';
import { powertoolsFileObserver } from './observer.ts';

const MAX_SEND_RETRY_MS = 30_000;
/**
 * With less than this left before a send, the file stops there and its position is kept (the
 * checkpoint): room for the sends under way to end, then the marker write.
 */
const CHECKPOINT_MARGIN_MS = 30_000;
/**
 * No send is retried closer than this to the timeout. A request may still run one SDK request
 * timeout (5 s) past it, which leaves about 10 s for the checkpoint or the report and the marker.
 */
const SEND_STOP_BEFORE_TIMEOUT_MS = 15_000;

/** One object of an S3 event through the file intake service, over S3, DynamoDB and SQS. */
export function processObject(ref: ObjectRef, deps: IntakeFilesDeps, context: Context): Promise<ObjectOutcome> {
  // Once the queue stops answering, the rest of the file is not tried: its position is kept for the retry.
  const outage = new QueueOutage();
  return ingestObject(
    ref,
    {
      markers: deps.markers,
      objects: s3InboxObjects(deps.s3),
      send: (messages) =>
        sendToIntake(deps.sqs, deps.config.intakeQueueUrl, messages, {
          retryBudgetMs: MAX_SEND_RETRY_MS,
          deadline: Date.now() + context.getRemainingTimeInMillis() - SEND_STOP_BEFORE_TIMEOUT_MS,
          outage,
        }),
    },
    powertoolsFileObserver(deps.logger, deps.metrics),
    {
      remainingMs: () => context.getRemainingTimeInMillis(),
      checkpointMarginMs: CHECKPOINT_MARGIN_MS,
      queueDown: () => outage.reason,
      maxFileBytes: deps.config.maxFileBytes,
      ...(deps.holdClaims === undefined ? {} : { holdClaims: deps.holdClaims }),
    },
  );
}
