import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { GetQueueAttributesCommand, GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { ingestClaimsFile } from '../../shared/application/ingest-file.ts';
import { createSqsClient } from '../../shared/aws/clients.ts';
import { awsConnectionFromEnv, DEFAULT_NAMES } from '../../shared/aws/config.ts';
import { QueueOutage, sendToIntake } from '../../shared/aws/intake.ts';
import type { ClaimFormat } from '../../shared/formats/index.ts';
import type { FileReport } from '../../shared/intake/file-report.ts';
import { describeAwsError, describeOutage } from '../aws-errors.ts';
import { ProgressBar } from '../ui/progress-bar.ts';
import { parseCommandArgs, UsageError } from '../usage-error.ts';
import { formatOption } from '../format-option.ts';

export const SUBMIT_USAGE = `Usage: claim-scrubber submit <file|-> [options]

Sends the claims of a file (claim JSON, a JSON array or NDJSON, X12 837P, FHIR R4; the format is
detected by content) to the intake queue in batches of 10, a claim event each. A claim the format
reader cannot read (an NDJSON line that is not JSON, an 837P claim that cannot be mapped) is not
sent but listed with its position, to be fixed and sent again. A claim that breaks the contract is
sent: the pipeline rejects it into the review queue with every field error.

Options:
  --queue-url <url>      The intake queue's URL.
  --queue <name>         The intake queue's name, looked up with GetQueueUrl (default ${DEFAULT_NAMES.intakeQueue}).
  --endpoint-url <url>   The SQS endpoint, e.g. http://127.0.0.1:4566 for the local stack
                         (default: AWS_ENDPOINT_URL_SQS or AWS_ENDPOINT_URL, else AWS itself).
  --region <region>      Default: AWS_REGION, else us-east-1.
  --format <json|x12|fhir>  Read the input as this format instead of detecting it.

Exit codes: 0 every claim sent, 1 some could not be read or sent, 2 usage or unreadable input,
3 the intake queue could not be reached (nothing was sent), 4 the queue stopped answering partway
through the file (what was sent, what may have arrived and what was not sent are listed).`;

/** The intake queue could not be reached before anything was sent: the endpoint, credentials or queue name. */
const EXIT_UNREACHABLE = 3;
/** The queue stopped answering partway through the file: some claims went out, the rest did not or may have. */
const EXIT_STOPPED = 4;

/**
 * A SendMessageBatch (at most 256 KiB) is answered in well under a second: no answer in this long means
 * none is coming. The SDK's own default waits 15 minutes.
 */
const REQUEST_TIMEOUT_MS = 5_000;
/**
 * How long one batch is tried again (a refused connection, a lost answer, entries SQS failed on its
 * side) before the queue is taken as down; then the rest of the file is not tried at all.
 */
const RETRY_BUDGET_MS = 6_000;
/** Ranges of claim positions listed per line, at most. */
const MAX_RANGES = 100;

/** The queue's URL, checked to answer before a single claim is read: a dead endpoint fails here, in seconds. */
async function reachIntakeQueue(sqs: SQSClient, queueUrl: string | undefined, queueName: string): Promise<string> {
  if (queueUrl) {
    await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
    return queueUrl;
  }
  const found = (await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }))).QueueUrl;
  if (!found) throw new Error(`SQS returned no URL for queue ${queueName}`);
  return found;
}

export async function submitCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv);
  if (values.help) {
    console.log(SUBMIT_USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'name a claims file, or - for standard input' : 'name exactly one claims file');
  const [source] = positionals as [string];
  const format = formatOption(values.format);

  let file: FileHandle | undefined;
  try {
    if (source !== '-') {
      file = await open(source, 'r');
      // A folder opens on Linux, and only reading it fails (EISDIR), after the queue was reached.
      if ((await file.stat()).isDirectory()) {
        await file.close();
        console.error(`claim-scrubber submit: cannot read ${source}: it is a folder; name a claims file in it`);
        return 2;
      }
    }
  } catch (error) {
    await file?.close();
    console.error(`claim-scrubber submit: cannot read ${source}: ${(error as Error).message}`);
    return 2;
  }
  try {
    // The handle is closed here, whether the file was read to the end, stopped early or never read.
    return await submitFile(file ? file.createReadStream({ autoClose: false }) : process.stdin, source, values, format);
  } finally {
    await file?.close();
  }
}

async function submitFile(input: AsyncIterable<Buffer | string>, source: string, values: ReturnType<typeof parseOptions>['values'], format: ClaimFormat | undefined): Promise<number> {

  const connection = awsConnectionFromEnv(process.env);
  if (values.region) connection.region = values.region;
  if (values['endpoint-url']) connection.endpoints.sqs = values['endpoint-url'];
  // One attempt per request: sendToIntake retries, and must know whether each attempt went unanswered.
  const sqs = createSqsClient(connection, process.env, { requestTimeoutMs: REQUEST_TIMEOUT_MS, maxAttempts: 1 });
  try {
    return await reachAndSend(sqs, input, source, values, format, connection.endpoints.sqs);
  } finally {
    sqs.destroy();
  }
}

async function reachAndSend(
  sqs: SQSClient,
  input: AsyncIterable<Buffer | string>,
  source: string,
  values: ReturnType<typeof parseOptions>['values'],
  format: ClaimFormat | undefined,
  endpoint: string | undefined,
): Promise<number> {
  let queueUrl: string;
  try {
    queueUrl = await reachIntakeQueue(sqs, values['queue-url'], values.queue ?? DEFAULT_NAMES.intakeQueue);
  } catch (error) {
    const reason = describeAwsError(error, endpoint);
    if (!reason) throw error;
    console.error(`claim-scrubber submit: nothing was sent: ${reason}`);
    return EXIT_UNREACHABLE;
  }

  const progress = new ProgressBar('Sending claims');
  // Once the queue is found down, the rest of the file is read (to count it) but not tried.
  const outage = new QueueOutage();
  const sent: number[] = [];
  // A person is at the terminal: a claim the reader cannot read is listed, to be fixed and sent again.
  const report = await ingestClaimsFile(input, {
    file: source === '-' ? 'stdin' : basename(source),
    send: (messages) => sendToIntake(sqs, queueUrl, messages, { retryBudgetMs: RETRY_BUDGET_MS, outage }),
    readerRejections: 'list',
    ...(format ? { format } : {}),
    onSent: (claims) => sent.push(...claims.map((c) => c.item.index)),
    // The bar counts claims the queue confirmed, so it reaches 100 % only once every claim has.
    onProgress: ({ read, sent: confirmed, listed, readAll }) => progress.update(confirmed, read - listed, !readAll),
  });
  const toSend = report.claimsRead - report.rejectedByReader;
  if (report.status !== 'unreadable' && toSend > 0) progress.update(report.sent, toSend);
  progress.end();
  if (report.status === 'unreadable') {
    console.error(`claim-scrubber submit: cannot read ${source}: ${report.error?.message ?? 'the file is unreadable'}`);
    // A large file streams: what was sent before the fault was found is on the queue, and is scrubbed.
    if (sent.length > 0) {
      console.error(`  sent before the fault was found: ${sent.length} (${describePositions(sent)}); they will be scrubbed. Send the file again once it is fixed: claims already scrubbed are not routed twice.`);
    }
    return 2;
  }

  for (const item of report.rejected) {
    if (item.stage === 'reader') console.error(`  ${item.position} was not sent: ${item.errors.map((e) => `${e.path || '(claim)'}: ${e.message}`).join('; ')}`);
  }
  if (report.rejectedNotListed > 0) console.error(`  (${report.rejectedNotListed} more rejected claims are not listed)`);
  for (const note of report.notes) console.error(`  note: ${note.message}`);
  if (outage.reason) {
    printStopped(report, sent);
    console.error(`claim-scrubber submit: stopped partway through the file: ${describeOutage(outage.reason, endpoint)}`);
    return EXIT_STOPPED;
  }
  for (const failure of report.notSent) console.error(`  claim #${failure.index + 1} ${failure.mayHaveArrived ? 'is unknown — may have arrived' : 'was not sent'}: ${failure.error}`);
  const readable = report.claimsRead - report.rejectedByReader;
  const unknown = report.notSent.filter((f) => f.mayHaveArrived).length;
  const notSent = report.notSent.length - unknown;
  console.error(
    `Sent ${report.sent} of ${readable} claims to ${queueUrl}` +
      (notSent > 0 ? `; ${notSent} could not be sent` : '') +
      (unknown > 0 ? `; ${unknown} unknown — may have arrived` : '') +
      (report.rejectedByReader > 0 ? `; ${report.rejectedByReader} rejected while reading the file, not sent` : ''),
  );
  return report.notSent.length > 0 || report.rejectedByReader > 0 ? 1 : 0;
}

/** Exactly what became of each claim of a file cut short: sent, unknown (it may have arrived), not sent. */
function printStopped(report: FileReport, sent: readonly number[]): void {
  const unknown = report.notSent.filter((f) => f.mayHaveArrived).map((f) => f.index);
  const notSent = report.notSent.filter((f) => !f.mayHaveArrived).map((f) => f.index);
  for (const [label, indexes] of [['sent', sent], ['unknown — may have arrived', unknown], ['not sent', notSent]] as const) {
    console.error(`  ${label}: ${indexes.length}${indexes.length > 0 ? ` (${describePositions(indexes)})` : ''}`);
  }
}

/** Claim positions (0-based indexes) as 1-based ranges: `#1–40, #51, #61–70`. */
function describePositions(indexes: readonly number[]): string {
  const sorted = [...indexes].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j++;
    const from = (sorted[i] as number) + 1;
    const to = (sorted[j] as number) + 1;
    ranges.push(from === to ? `#${from}` : `#${from}–${to}`);
    i = j + 1;
  }
  return ranges.length > MAX_RANGES ? `${ranges.slice(0, MAX_RANGES).join(', ')}, and ${ranges.length - MAX_RANGES} more ranges` : ranges.join(', ');
}

function parseOptions(argv: string[]) {
  return parseCommandArgs(argv, {
    'queue-url': { type: 'string' },
    queue: { type: 'string' },
    'endpoint-url': { type: 'string' },
    region: { type: 'string' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
}
