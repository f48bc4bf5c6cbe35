import type { Context } from 'aws-lambda';
import { ingestObject, type ObjectOutcome, type ObjectRef } from '../../shared/application/ingest-object.ts';
import { s3InboxObjects } from '../../shared/aws/inbox-objects.ts';
import { sendToIntake } from '../../shared/aws/intake.ts';
import type { IntakeFilesDeps } from './dependencies.ts';
import { powertoolsFileObserver } from './observer.ts';

const MAX_SEND_RETRY_MS = 30_000;

/** One object of an S3 event through the file intake service, over S3, DynamoDB and SQS. */
export function processObject(ref: ObjectRef, deps: IntakeFilesDeps, context: Context): Promise<ObjectOutcome> {
  const retryBudgetMs = Math.max(1_000, Math.min(MAX_SEND_RETRY_MS, context.getRemainingTimeInMillis() / 2));
  return ingestObject(
    ref,
    {
      markers: deps.markers,
      objects: s3InboxObjects(deps.s3),
      send: (messages) => sendToIntake(deps.sqs, deps.config.intakeQueueUrl, messages, { retryBudgetMs }),
    },
    powertoolsFileObserver(deps.logger, deps.metrics),
    { remainingMs: () => context.getRemainingTimeInMillis(), ...(deps.holdClaims === undefined ? {} : { holdClaims: deps.holdClaims }) },
  );
}
