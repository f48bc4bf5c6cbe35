import { renderTotals } from '../cli/ui/report.ts';
import type { Paint } from '../cli/ui/style.ts';
import { sendToIntake } from '../shared/aws/intake.ts';
import { createS3Client } from '../shared/aws/s3-client.ts';
import { describeReport } from '../shared/intake/file-report.ts';
import { reportKeyFor } from '../shared/intake/inbox-layout.ts';
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
}

export interface Serving {
  inbox: InboxFolder;
  s3Inbox: S3InboxPoller;
  routing: RoutingFeed;
  stop(): Promise<void>;
}

const STATUS_STYLE = { clean: 'green', flagged: 'yellow', rejected: 'red' } as const;

/**
 * What `npm start -- --serve` runs beside the pipeline: the inbox folder, the S3 inbox (the intake-files
 * handler behind a bucket poller) and a line per claim as it is routed, with running totals.
 */
export async function startServing(stack: LocalStack, options: ServeOptions): Promise<Serving> {
  const { print, paint } = options;
  const s3 = createS3Client({ region: stack.handlerEnv.AWS_REGION ?? 'us-east-1', endpoints: { s3: stack.sqsSns.url } }, {});
  await ensureBucket(s3, options.bucket);
  const intake = localIntakeFiles(stack, options.logLevel ? { logLevel: options.logLevel } : {});

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
    onFile: (outcome) => print(s3Line(options.bucket, outcome, paint)),
  });
  const routing = new RoutingFeed({
    ddb: stack.clients.dynamodb,
    table: stack.resources.names.resultsTable,
    onClaims: (claims, totals) => {
      for (const claim of claims) print(claimLine(claim, paint));
      print(totalsLine(totals, paint));
    },
  });
  await inbox.start();
  s3Inbox.start();
  routing.start();
  return {
    inbox,
    s3Inbox,
    routing,
    async stop() {
      await Promise.all([inbox.stop(), s3Inbox.stop(), routing.stop()]);
      intake.stop();
      s3.destroy();
    },
  };
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
