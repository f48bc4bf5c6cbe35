import { basename } from 'node:path';
import { GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import { createAwsClients } from '../../shared/aws/clients.ts';
import { awsConnectionFromEnv, DEFAULT_NAMES } from '../../shared/aws/config.ts';
import { sendToIntake, type IntakeMessage } from '../../shared/aws/intake.ts';
import { CLAIM_FORMATS, describePosition, detectFormat, openClaimsFile, type ClaimFormat, type IntakeItem } from '../../shared/formats/index.ts';
import { ProgressBar } from '../progress-bar.ts';
import { readInput } from '../read-input.ts';
import { splitClaimsDocument, UnreadableInputError, type ClaimInputItem } from '../read-claims.ts';
import { parseCommandArgs, UsageError } from '../usage-error.ts';

export const SUBMIT_USAGE = `Usage: claim-scrubber submit <file|-> [options]

Sends claims (one JSON claim, a JSON array, or NDJSON) to the intake queue in batches of 10.
A line that is not JSON is sent too, so the pipeline rejects it into the review queue like any
broken claim; it is counted in the summary.
X12 837P and FHIR R4 files are read too (the format is detected by content): each claim is sent
as a claim event; a claim the format reader rejects is not sent but listed with its position.

Options:
  --queue-url <url>      The intake queue's URL.
  --queue <name>         The intake queue's name, looked up with GetQueueUrl (default ${DEFAULT_NAMES.intakeQueue}).
  --endpoint-url <url>   The SQS endpoint, e.g. http://127.0.0.1:4566 for the local stack
                         (default: AWS_ENDPOINT_URL_SQS or AWS_ENDPOINT_URL, else AWS itself).
  --region <region>      Default: AWS_REGION, else us-east-1.
  --format <json|x12|fhir>  Read the input as this format instead of detecting it.

Exit codes: 0 every claim sent, 1 some could not be sent, 2 usage or unreadable input.`;

export async function submitCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv);
  if (values.help) {
    console.log(SUBMIT_USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'name a claims file, or - for standard input' : 'name exactly one claims file');
  const [source] = positionals as [string];

  let items: ClaimInputItem[] = [];
  let lines: string[] = [];
  let formatted: IntakeItem[] | undefined;
  try {
    const text = await readInput(source);
    const format = formatOption(values.format) ?? detectFormat(text);
    if (format === 'json') {
      lines = text.split(/\r?\n/);
      items = splitClaimsDocument(text);
    } else {
      formatted = await readFormatted(text, format);
    }
  } catch (error) {
    if (error instanceof UnreadableInputError || (error instanceof Error && 'code' in error)) {
      console.error(`claim-scrubber submit: cannot read ${source}: ${error.message}`);
      return 2;
    }
    throw error;
  }

  const connection = awsConnectionFromEnv(process.env);
  if (values.region) connection.region = values.region;
  if (values['endpoint-url']) connection.endpoints.sqs = values['endpoint-url'];
  const { sqs } = createAwsClients(connection);
  const queueName = values.queue ?? DEFAULT_NAMES.intakeQueue;
  const queueUrl = values['queue-url'] ?? (await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }))).QueueUrl;
  if (!queueUrl) throw new Error(`SQS returned no URL for queue ${queueName}`);

  const rejected = (formatted ?? []).filter((item) => item.kind === 'rejected');
  const messages = formatted
    ? formatted.flatMap((item) => (item.kind === 'claim' ? [formattedMessage(item, source)] : []))
    : items.map((item) => intakeMessage(item, source, lines));
  const progress = new ProgressBar(`Sending ${messages.length} claims`);
  const outcome = await sendToIntake(sqs, queueUrl, messages, { onProgress: (done, total) => progress.update(done, total) });

  const notJson = items.filter((item) => item.parseError !== undefined);
  for (const item of notJson) console.error(`  ${item.parseError} (sent: the pipeline will reject it)`);
  for (const item of rejected) console.error(`  ${describePosition(item.position)} was not sent: ${item.errors.map((e) => `${e.path || '(claim)'}: ${e.message}`).join('; ')}`);
  for (const failure of outcome.failures) console.error(`  claim #${failure.index + 1} was not sent: ${failure.error.message}`);
  const sent = messages.length - outcome.failures.length;
  console.error(
    `Sent ${sent} of ${messages.length} claims to ${queueUrl}` +
      (notJson.length > 0 ? ` (${notJson.length} not valid JSON)` : '') +
      (outcome.failures.length > 0 ? `; ${outcome.failures.length} could not be sent` : '') +
      (rejected.length > 0 ? `; ${rejected.length} rejected while reading the file, not sent` : ''),
  );
  return outcome.failures.length > 0 || rejected.length > 0 ? 1 : 0;
}

/** How a claims-file item travels: its own JSON text, or the raw NDJSON line when it did not parse. */
export function intakeMessage(item: ClaimInputItem, source: string, lines: readonly string[]): IntakeMessage {
  const claimId = claimIdOf(item.value);
  const raw = item.line === undefined ? undefined : lines[item.line - 1]?.trim();
  return {
    body: item.parseError === undefined ? JSON.stringify(item.value) : raw || '(empty)',
    ...(claimId ? { claimId } : {}),
    attributes: { sourceFile: source === '-' ? 'stdin' : basename(source), sourceIndex: String(item.index) },
  };
}

/** An X12 or FHIR claim travels as its claim event, with where it sat in the file. */
function formattedMessage(item: IntakeItem & { kind: 'claim' }, source: string): IntakeMessage {
  return {
    body: JSON.stringify(item.claim),
    ...(item.claimId ? { claimId: item.claimId } : {}),
    attributes: { sourceFile: source === '-' ? 'stdin' : basename(source), sourceIndex: String(item.index), sourcePosition: describePosition(item.position) },
  };
}

async function readFormatted(text: string, format: ClaimFormat): Promise<IntakeItem[]> {
  const read: IntakeItem[] = [];
  for await (const item of (await openClaimsFile(text, { format })).items) read.push(item);
  return read;
}

function formatOption(value: string | undefined): ClaimFormat | undefined {
  if (value === undefined) return undefined;
  if ((CLAIM_FORMATS as readonly string[]).includes(value)) return value as ClaimFormat;
  throw new UsageError(`--format must be one of ${CLAIM_FORMATS.join(', ')}, got "${value}"`);
}

function claimIdOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('claimId' in value)) return undefined;
  return typeof value.claimId === 'string' ? value.claimId : undefined;
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
