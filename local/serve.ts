import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { renderTotals } from '../cli/ui/report.ts';
import type { Paint } from '../cli/ui/style.ts';
import type { IntakeRecord } from '../shared/application/intake-record.ts';
import { sendToIntake } from '../shared/aws/intake.ts';
import { createS3Client } from '../shared/aws/s3-client.ts';
import { describeReport } from '../shared/intake/file-report.ts';
import { reportKeyFor } from '../shared/intake/inbox-layout.ts';
import { DeadLetterFeed, type DeadLetter } from './dead-letter-feed.ts';
import { InboxFolder, type FolderFileOutcome } from './inbox-folder.ts';
import { localIntakeFiles } from './intake-files.ts';
import { RoutingFeed, type RoutedClaim, type RoutingTotals } from './routing-feed.ts';
import { ensureBucket, S3InboxPoller, type S3FileOutcome } from './s3-inbox.ts';
import type { LocalStack } from './stack.ts';

export interface ServeOptions {
  /** The inbox folder to watch. */
  inboxDir: string;
  /** The local S3 bucket whose incoming/ prefix is the S3 inbox. */
  bucket: string;
  print: (line: string) => void;
  paint: Paint;
  logLevel?: string;
  /**
   * List claims routed from this time on (ISO 8601). Default: since the stack started, so claims routed
   * before the view attached (an earlier run's claims left on the intake queue) are listed too.
   */
  routedSince?: string;
  /** Who receives the review queue's messages locally, when something does (the worklist). */
  reviewConsumer?: string;
}

export interface Serving {
  inbox: InboxFolder;
  s3Inbox: S3InboxPoller;
  routing: RoutingFeed;
  deadLetters: DeadLetterFeed;
  stop(): Promise<void>;
}

const STATUS_STYLE = { clean: 'green', flagged: 'yellow', rejected: 'red' } as const;
/**
 * The intake-files function's timeout as the CDK construct deploys it (5 minutes): a large file stops
 * and keeps its position 30 s before it, and the poller's retry resumes it, as Lambda's would.
 */
const INTAKE_FILES_TIMEOUT_MS = 300_000;

/**
 * What `npm start -- --serve` runs beside the pipeline: the inbox folder, the S3 inbox (the intake-files
 * handler behind a bucket poller) and a line per claim as it is routed, with running totals. It also
 * says what already waits on the output queues, each delivery skipped as already scrubbed, and each
 * message that lands in the DLQ with the last error the scrub function reported for it.
 */
export async function startServing(stack: LocalStack, options: ServeOptions): Promise<Serving> {
  const { print, paint } = options;
  const { names } = stack.resources;
  const [review, clean] = await Promise.all([stack.resources.reviewQueueUrl, stack.resources.cleanQueueUrl].map((url) => messagesOn(stack.clients.sqs, url)));
  print(waitingLine(review ?? 0, clean ?? 0, names, paint, options.reviewConsumer));
  // What has started is stopped again if a later step fails (an inbox that is not a folder, say):
  // a polling loop left running would keep `npm start` alive after it printed the error.
  const started: Array<() => unknown> = [];
  try {
    const s3 = createS3Client({ region: stack.handlerEnv.AWS_REGION ?? 'us-east-1', endpoints: { s3: stack.sqsSns.url } }, {});
    started.push(() => s3.destroy());
    await ensureBucket(s3, options.bucket);
    const intake = localIntakeFiles(stack, options.logLevel ? { logLevel: options.logLevel } : {});
    started.push(() => intake.stop());

    const inbox = new InboxFolder({
      dir: options.inboxDir,
      send: (messages) => sendToIntake(stack.clients.sqs, stack.resources.intakeQueueUrl, messages),
      onFile: (outcome) => print(folderLine(outcome, paint)),
    });
    const s3Inbox = new S3InboxPoller({
      s3,
      bucket: options.bucket,
      region: stack.handlerEnv.AWS_REGION ?? 'us-east-1',
      handler: intake.handler,
      functionTimeoutMs: INTAKE_FILES_TIMEOUT_MS,
      onFile: (outcome) => print(s3Line(options.bucket, outcome, paint)),
    });
    const routing = new RoutingFeed({
      ddb: stack.clients.dynamodb,
      table: names.resultsTable,
      since: options.routedSince ?? stack.startedAt,
      onClaims: (claims, totals) => {
        for (const claim of claims) print(claimLine(claim, paint));
        print(totalsLine(totals, paint));
      },
    });
    const deliveries = await maxReceiveCountOf(stack.clients.sqs, stack.resources.intakeQueueUrl);
    const deadLetters = new DeadLetterFeed({
      endpoint: stack.sqsSns.url,
      queueName: names.intakeDlq,
      reasonOf: (messageId) => stack.scrubEvents.lastError(messageId),
      onDeadLetters: (letters) => {
        for (const letter of letters) print(deadLetterLine(letter, names.intakeDlq, deliveries, paint));
      },
    });
    const unlisten = stack.scrubEvents.listen({
      duplicate: (record) => print(duplicateLine(record, paint)),
      outdated: (record, outcome) => print(outdatedLine(record, outcome, paint)),
    });
    started.push(unlisten);
    started.push(() => deadLetters.stop());
    const alreadyDead = await deadLetters.start();
    if (alreadyDead > 0) print(paint('red', `Already in the dead-letter queue (${names.intakeDlq}): ${plural(alreadyDead, 'message')} from before this view started.`));
    started.push(() => inbox.stop());
    await inbox.start();
    s3Inbox.start();
    routing.start();
    return {
      inbox,
      s3Inbox,
      routing,
      deadLetters,
      async stop() {
        unlisten();
        await Promise.all([inbox.stop(), s3Inbox.stop(), routing.stop(), deadLetters.stop()]);
        intake.stop();
        s3.destroy();
      },
    };
  } catch (error) {
    for (const stop of started.reverse()) await Promise.resolve().then(stop).catch(() => undefined);
    throw error;
  }
}

/** Messages on a queue: waiting, in flight and delayed. */
async function messagesOn(sqs: SQSClient, queueUrl: string): Promise<number> {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'] }),
  );
  return Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0) + Number(Attributes.ApproximateNumberOfMessagesDelayed ?? 0);
}

/** How many deliveries the intake queue's redrive policy allows before it moves a message to the DLQ. */
async function maxReceiveCountOf(sqs: SQSClient, queueUrl: string): Promise<number | undefined> {
  const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['RedrivePolicy'] }));
  const count = Number((JSON.parse(Attributes.RedrivePolicy ?? '{}') as { maxReceiveCount?: unknown }).maxReceiveCount);
  return Number.isInteger(count) && count > 0 ? count : undefined;
}

/** What the output queues hold as the view starts: routed earlier, and left for a consumer the local stack does not run. */
export function waitingLine(review: number, clean: number, names: { reviewQueue: string; cleanQueue: string }, paint: Paint, reviewConsumer?: string): string {
  const receivers = reviewConsumer ? `${reviewConsumer}; nothing here receives the clean queue's` : 'nothing here receives them';
  return paint(
    'dim',
    `Waiting already: ${plural(review, 'message')} on the review queue (${names.reviewQueue}), ${clean} on the clean queue (${names.cleanQueue}): routed before this view started; ${receivers}.`,
  );
}

/** A delivery the scrubber skipped: the same claim with the same content was scrubbed and routed before. */
export function duplicateLine(record: IntakeRecord, paint: Paint): string {
  return `claim ${paint('bold', record.trackingId)}  ${paint('dim', 'already scrubbed: not routed again (same claim, same content)')}`;
}

/** A copy of a claim older than the version recorded for it: a redrive after a correction, say. */
export function outdatedLine(record: IntakeRecord, outcome: 'stale' | 'superseded', paint: Paint): string {
  const what =
    outcome === 'stale'
      ? `older version (${record.version}) not routed: a newer version of this claim is already scrubbed`
      : `older version (${record.version}) routed, but a newer one was scrubbed meanwhile: consumers keep the newer claimVersion`;
  return `claim ${paint('bold', record.trackingId)}  ${paint('dim', what)}`;
}

/** A message in the DLQ, with the last error the scrub function reported for it. */
export function deadLetterLine(letter: DeadLetter, queue: string, deliveries: number | undefined, paint: Paint): string {
  const what = letter.claimId ? `claim ${paint('bold', letter.claimId)} (message ${letter.messageId})` : `message ${letter.messageId} (no claim id)`;
  const why = letter.reason ?? 'the scrub function reported no error for it since this stack started';
  const failed = deliveries === undefined ? 'its failed deliveries' : deliveries === 1 ? '1 failed delivery' : `${deliveries} failed deliveries`;
  return `${paint(['bold', 'red'], 'dead letter')}: ${what} moved to ${queue} after ${failed}: ${why}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** One routed claim: id, status, destination queue and rule ids; nothing of the claim itself. */
export function claimLine(claim: RoutedClaim, paint: Paint): string {
  const rules = claim.ruleIds.length > 0 ? claim.ruleIds.join(', ') : 'no findings';
  const risk = claim.medicareDenialRisk ? `  ${paint(['bold', 'red'], 'MEDICARE DENIAL RISK')}` : '';
  return `claim ${paint('bold', claim.claimId)}  ${paint(STATUS_STYLE[claim.status], claim.status.toUpperCase())} → ${claim.destination} queue  ${rules}${risk}`;
}

export function totalsLine(totals: RoutingTotals, paint: Paint): string {
  return paint('dim', `  so far: ${renderTotals(totals, (_format, text) => text)}`);
}

function folderLine(outcome: FolderFileOutcome, paint: Paint): string {
  if ('error' in outcome) return `${paint(['bold', 'red'], 'inbox')} ${outcome.name}: not processed: ${outcome.error}`;
  return `${paint('bold', 'inbox')} ${describeReport(outcome.report)} → ${outcome.reportPath}`;
}

function s3Line(bucket: string, outcome: S3FileOutcome, paint: Paint): string {
  if ('error' in outcome) return `${paint(['bold', 'red'], 's3')} s3://${bucket}/${outcome.key}: the intake-files function failed: ${outcome.error}${outcome.willRetry ? ' (will retry)' : ''}`;
  return `${paint('bold', 's3')} s3://${bucket}/${describeReport(outcome.report)} → s3://${bucket}/${reportKeyFor(outcome.key)}`;
}
