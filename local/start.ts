import { readdirSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { claimReferenceOf, resultKeyOf, submitterNpiOf } from '../shared/application/claim-identity.ts';
import { MESSAGE_TRACKING_PREFIX } from '../shared/application/intake-record.ts';
import { ProgressBar } from '../cli/ui/progress-bar.ts';
import { parseCommandArgs } from '../cli/usage-error.ts';
import { painter } from '../cli/ui/style.ts';
import { ingestClaimsFile, type SentClaim } from '../shared/application/ingest-file.ts';
import { readActiveData, type ActiveData } from '../shared/aws/active-data.ts';
import { sendToIntake } from '../shared/aws/intake.ts';
import type { CodeSet } from '../shared/codes/code-set.ts';
import { describeRelease } from '../shared/codes/describe-release.ts';
import { BUNDLED_HCPCS_PATH, loadCodeDataFile } from '../shared/files/code-data-files.ts';
import { loadNcciFiles } from '../shared/files/ncci-files.ts';
import { loadBundledPayerPolicy } from '../shared/files/payer-policy-files.ts';
import type { NcciSet } from '../shared/ncci/ncci-edits.ts';
import { readResults } from '../shared/aws/results-table.ts';
import { defaultInboxDir, resetDataDir } from './data-dir.ts';
import { receiveAll, waitUntilDrained } from './outputs.ts';
import { startLocalStack, type LocalStack } from './stack.ts';
import { renderSummary, type AlertSeen, type ClaimOutcome } from './summary.ts';
import { INBOX_PREFIX, REPORTS_PREFIX } from '../shared/intake/inbox-layout.ts';
import { PROCESSED_DIR } from './inbox-folder.ts';
import { DEFAULT_INBOX_BUCKET } from './s3-inbox.ts';
import { startServing } from './serve.ts';
import { startLocalWorklist, type LocalWorklist } from './worklist.ts';

const USAGE = `Usage: npm start -- [claims-file ...] [options]

Starts the pipeline on this machine (DynamoDB: dynalite, SQS/SNS: fauxqs, the scrub-claims handler
behind a Lambda-like SQS poller), sends the claims files (claim JSON or NDJSON, X12 837P, FHIR R4;
default: examples/) to the intake queue, waits until every claim is routed and prints a summary.
A claim a file's reader cannot map is sent on and shows as rejected. See docs/local-stack.md.

Options:
  --serve              Keep running as a local service after the files (if any) are processed, with
                       the review worklist (a web page for the flagged claims) at 127.0.0.1:<worklist-port>:
                       watch the inbox folder and the S3 inbox, print each claim as it is routed.
  --examples           Hand in the examples (examples/), as npm start without files does; with --serve,
                       to work them in the worklist.
  --worklist-port <n>  The review worklist's port with --serve (default 8080; 0 = any free port).
  --no-worklist        With --serve, leave the review queue to your own consumer (no worklist).
  --inbox <dir>        The inbox folder --serve watches (default <data-dir>/inbox).
  --bucket <name>      The local S3 bucket whose incoming/ prefix --serve watches (default ${DEFAULT_INBOX_BUCKET}).
  --codes <file>       Load and use this CMS HCPCS release (the fixed-width file or CMS's zip) instead of
                       the bundled 2020 release, which is loaded only when the table has none.
  --cpt <file>         Load your licensed CPT codes with the release (see docs/code-data.md).
  --ncci-mue <file>    Load and use this CMS NCCI MUE table (CSV or CMS's zip; repeat for Medicare and
                       Medicaid). NCCI tables loaded on an earlier start are kept until others are given.
  --ncci-ptp <file>    Load and use this CMS NCCI PTP table part (text file or CMS's zip; repeat for
                       every part and program).
  --dynamodb-port <n>  DynamoDB endpoint port (default 8000; 0 = any free port).
  --sqs-port <n>       SQS and SNS endpoint port (default 4566; 0 = any free port).
  --data-dir <dir>     Where tables and queues are kept (default .local).
  --in-memory          Keep nothing on disk.
  --reset              Delete the data folder first (refused if it holds anything the stack did not put there).
  --concurrency <n>    Scrub function environments polling at once (default 4).
  --log-level <level>  The scrub function's Powertools log level (default WARN; INFO logs each claim).
  --emf                Print the scrub function's CloudWatch EMF metrics.
  --details            In the summary, each claim's findings table, explanations and fixes
                       (default: one line per claim).
  -h, --help`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    serve: { type: 'boolean', default: false },
    examples: { type: 'boolean', default: false },
    'worklist-port': { type: 'string', default: '8080' },
    'no-worklist': { type: 'boolean', default: false },
    inbox: { type: 'string' },
    bucket: { type: 'string', default: DEFAULT_INBOX_BUCKET },
    codes: { type: 'string' },
    cpt: { type: 'string' },
    'ncci-mue': { type: 'string', multiple: true },
    'ncci-ptp': { type: 'string', multiple: true },
    'dynamodb-port': { type: 'string', default: '8000' },
    'sqs-port': { type: 'string', default: '4566' },
    'data-dir': { type: 'string', default: '.local' },
    'in-memory': { type: 'boolean', default: false },
    reset: { type: 'boolean', default: false },
    concurrency: { type: 'string', default: '4' },
    'log-level': { type: 'string' },
    emf: { type: 'boolean', default: false },
    details: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.emf) process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  const files = [...positionals, ...(values.examples || (positionals.length === 0 && !values.serve) ? exampleFiles() : [])];
  const worklistPort = port(values['worklist-port'], '--worklist-port');
  const dataDir = values['in-memory'] ? undefined : resolve(values['data-dir']);
  if (dataDir && values.reset) resetDataDir(dataDir);
  // Read before anything starts: a bad release or CPT file stops here, with no emulator left running.
  const chosenCodes = values.codes !== undefined || values.cpt !== undefined ? chosenCodeData(values.codes, values.cpt) : undefined;
  const ncciPaths = { mue: values['ncci-mue'] ?? [], ptp: values['ncci-ptp'] ?? [] };
  const chosenNcci = ncciPaths.mue.length + ncciPaths.ptp.length > 0 ? loadNcciFiles(ncciPaths) : undefined;

  const stack = await startLocalStack({
    dynamodbPort: port(values['dynamodb-port'], '--dynamodb-port'),
    sqsPort: port(values['sqs-port'], '--sqs-port'),
    concurrency: port(values.concurrency, '--concurrency') || 1,
    ...(dataDir ? { dataDir } : {}),
    ...(values['log-level'] ? { logLevel: values['log-level'].toUpperCase() } : {}),
    ...(chosenCodes ? { codeData: () => ({ codes: chosenCodes, payers: loadBundledPayerPolicy() }) } : {}),
    ...(chosenNcci ? { ncci: () => chosenNcci } : {}),
    onLoadProgress: progressOnce(chosenCodes, chosenNcci),
    // The port is known before it is bound (unless 0), so the scrub function's alerts can link to the worklist.
    ...(values.serve && !values['no-worklist'] && worklistPort !== 0 ? { worklistUrl: `http://127.0.0.1:${worklistPort}` } : {}),
  });
  let worklist: LocalWorklist | undefined;
  let exitCode = 0;
  try {
    console.error(`DynamoDB endpoint  ${stack.dynamo.url}   (tables ${stack.resources.names.codesTable}, ${stack.resources.names.resultsTable})`);
    console.error(`SQS/SNS endpoint   ${stack.sqsSns.url}   (intake queue ${stack.resources.intakeQueueUrl})`);
    const active = await readActiveData(stack.clients.dynamodb, stack.resources.names.codesTable);
    console.error(`Code release       ${activeReleaseLine(active)}`);
    console.error(`NCCI edits         ${active?.ncciRelease ?? 'none loaded (load CMS tables with --ncci-mue/--ncci-ptp)'}`);
    console.error(dataDir ? `Data kept in       ${relative(process.cwd(), dataDir) || '.'}` : 'Data kept in memory only');
    // First, so the worklist takes the files' flagged claims from the review queue as they are routed.
    if (values.serve && !values['no-worklist']) worklist = await startLocalWorklist(stack, { port: worklistPort, ...(dataDir ? { dataDir } : {}) });
    if (files.length > 0) exitCode = await runFiles(stack, files, values.details, worklist?.url);
  } catch (error) {
    await worklist?.stop();
    await stack.stop();
    throw error;
  }
  if (!values.serve) {
    await stack.stop();
    return exitCode;
  }
  const inboxDir = resolve(values.inbox ?? defaultInboxDir(values['data-dir']));
  const serving = await startServing(stack, {
    inboxDir,
    bucket: values.bucket,
    // The summary above covered the files' claims; the view lists those routed after it.
    ...(files.length > 0 ? { routedSince: new Date().toISOString() } : {}),
    print: (line) => console.log(line),
    paint: painter(process.stdout),
    ...(worklist ? { reviewConsumer: 'the review worklist takes the review queue\'s' } : {}),
    ...(values['log-level'] ? { logLevel: values['log-level'].toUpperCase() } : {}),
  }).catch(async (error: unknown) => {
    await worklist?.stop();
    await stack.stop();
    throw error;
  });
  printServeHelp(stack, shortPath(inboxDir), values.bucket);
  if (worklist) printWorklist(worklist);
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  console.error('\nStopping…');
  await serving.stop();
  await worklist?.stop();
  await stack.stop();
  return exitCode;
}

async function runFiles(stack: LocalStack, files: string[], details: boolean, worklistUrl: string | undefined): Promise<number> {
  const submitted: Array<{ sent: SentClaim; source: string; line: number | undefined }> = [];
  const failures: string[] = [];
  const started = Date.now();
  for (const file of files) {
    const path = relative(process.cwd(), resolve(file));
    let handle: FileHandle;
    try {
      handle = await open(file, 'r');
    } catch (error) {
      failures.push(`cannot read ${path}: ${(error as Error).message}`);
      continue;
    }
    // The same ingest service as claim-scrubber submit and the inbox drops; what the reader cannot map is
    // sent on too, so it shows in the summary as rejected, as it would reach the review queue.
    const report = await ingestClaimsFile(handle.createReadStream({ autoClose: false }), {
      file: basename(file),
      send: (messages) => sendToIntake(stack.clients.sqs, stack.resources.intakeQueueUrl, messages),
      readerRejections: 'send',
      onSent: (claims) => {
        for (const sent of claims) {
          const line = sent.item.position.format === 'json' ? sent.item.position.line : undefined;
          submitted.push({ sent, source: line === undefined ? `${path} #${sent.item.index + 1}` : `${path}:${line}`, line });
        }
      },
    }).finally(() => handle.close());
    if (report.status === 'unreadable') failures.push(`cannot read ${path}: ${report.error?.message ?? 'the file is unreadable'}`);
    for (const notSent of report.notSent) failures.push(`${path} claim #${notSent.index + 1} was not sent: ${notSent.error}`);
    for (const note of report.notes) console.error(`${path}: ${note.message}`);
  }
  await waitUntilDrained(stack.clients.sqs, stack.resources.intakeQueueUrl, stack.eventSource);
  const elapsed = Date.now() - started;

  const trackingIds = submitted.map(({ sent }) => sent.message.claimId ?? `${MESSAGE_TRACKING_PREFIX}${sent.messageId}`);
  const resultKeys = submitted.map(({ sent }, i) => resultKeyOf(submitterNpiOf(sent.item.kind === 'claim' ? sent.item.claim : undefined), trackingIds[i] as string));
  const stored = await readResults(stack.clients.dynamodb, stack.resources.names.resultsTable, resultKeys);
  const deadIds = new Set((await receiveAll(stack.clients.sqs, stack.resources.intakeDlqUrl, { remove: false })).map((m) => m.MessageId));
  // Alerts name claims by reference only; on the user's own machine the summary may name the claim.
  const claimOfReference = new Map(resultKeys.map((key, i) => [claimReferenceOf(stack.claimReferenceKey, key), trackingIds[i] as string]));
  const alerts = (await receiveAll(stack.clients.sqs, stack.resources.alertInboxQueueUrl, { remove: true }))
    .map((m) => JSON.parse(m.Body ?? '{}') as AlertSeen)
    .flatMap((a) => {
      const claimId = claimOfReference.get(a.claimReference);
      return claimId === undefined ? [] : [{ ...a, claimId }];
    });

  const outcomes: ClaimOutcome[] = submitted.map((s, i) => {
    const trackingId = trackingIds[i] as string;
    const row = stored.get(resultKeys[i] as string);
    return {
      index: s.sent.item.index,
      source: s.source,
      line: s.line,
      trackingId,
      stored: row,
      earlierRun: row !== undefined && row.messageId !== s.sent.messageId,
      inDeadLetterQueue: deadIds.has(s.sent.messageId),
    };
  });
  const paint = painter(process.stdout);
  const width = Math.min(process.stdout.columns ?? 110, 140);
  console.log(renderSummary(outcomes, alerts, paint, width, { details, reviewQueue: stack.resources.names.reviewQueue, ...(worklistUrl ? { worklistUrl } : {}) }));
  console.log(paint('dim', `${submitted.length} claims from ${files.length} file(s) through the pipeline in ${(elapsed / 1000).toFixed(1)} s.`));
  for (const failure of failures) console.error(`npm start: ${failure}`);
  return outcomes.every((o) => o.stored) && failures.length === 0 ? 0 : 1;
}

function exampleFiles(): string[] {
  const dir = 'examples';
  return readdirSync(dir)
    .filter((name) => /\.(json|ndjson)$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}

function port(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new Error(`${flag} must be a port number (0 = any free port)`);
  return n;
}

function progressOnce(codes: CodeSet | undefined, ncci: NcciSet | undefined): (p: { written: number; total: number }) => void {
  const release = codes ? describeRelease(codes) : 'the bundled CMS HCPCS release';
  const bar = new ProgressBar(`Loading ${release}${ncci ? ', NCCI edits' : ''} and payer policy into DynamoDB`);
  return (p) => bar.update(p.written, p.total);
}

/** `--codes` (default: the bundled release file) with `--cpt`; release id and dates from the CMS file name. */
function chosenCodeData(codesPath: string | undefined, cptPath: string | undefined): CodeSet {
  return loadCodeDataFile(codesPath ?? BUNDLED_HCPCS_PATH, { cptPath });
}

/** The release the scrubbers use, as the table's pointer names it (it may have been loaded on an earlier start). */
function activeReleaseLine(active: ActiveData | undefined): string {
  if (!active) return 'none loaded';
  return describeRelease({ release: active.codeRelease, coverage: active.coverage, cptSource: active.cptSource });
}

/** Relative to the working directory when inside it, else absolute. */
function shortPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
}

function printServeHelp(stack: LocalStack, inboxDir: string, bucket: string): void {
  const sqs = stack.sqsSns.url;
  console.error(`
The pipeline is running. Press Ctrl-C to stop. Each claim is listed below as it is routed.
Drop a claims file (claim JSON, NDJSON, X12 837P, FHIR) in ${inboxDir}/: it moves to ${inboxDir}/${PROCESSED_DIR}/ with its report.
Or upload it to the local S3 inbox (its report appears under s3://${bucket}/${REPORTS_PREFIX}):
  aws --endpoint-url ${sqs} s3 cp claims.837 s3://${bucket}/${INBOX_PREFIX}
Submit claims:   npx claim-scrubber submit examples/04-batch.ndjson --endpoint-url ${sqs}
With the aws CLI (v1.x; see docs/local-stack.md):
  export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_DEFAULT_REGION=us-east-1
  aws --endpoint-url ${sqs} sqs send-message --queue-url ${stack.resources.intakeQueueUrl} --message-body file://examples/01-clean-suite-visit.json
  aws --endpoint-url ${sqs} sqs receive-message --queue-url ${stack.resources.reviewQueueUrl}
  aws --endpoint-url ${stack.dynamo.url} dynamodb scan --table-name ${stack.resources.names.resultsTable}`);
}

/** Where the worklist is and who can sign in: local users only, kept in the data folder (docs/worklist.md). */
function printWorklist(worklist: LocalWorklist): void {
  const users = worklist.users.users.map((u) => `  ${u.username.padEnd(18)} ${u.password}   ${u.roles.join(', ')} at ${worklist.users.organisations.find((o) => o.id === u.organisationId)?.name ?? u.organisationId}`);
  const where = worklist.users.path ? `Add users or organisations in ${shortPath(worklist.users.path)} and restart.` : 'These users and passwords last for this run only (--in-memory).';
  console.error(`
Review worklist: ${worklist.url}/  (sign in with a user below; the flagged claims are listed there)
${users.join('\n')}
  ${where}`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const code = (error as { code?: string }).code;
    // npm passes options to the script only after `--`; without it npm takes them for itself.
    if (code === 'EADDRINUSE') console.error(`npm start: ${(error as Error).message}: another DynamoDB Local or LocalStack may be running. Pick other ports: npm start -- --dynamodb-port 8001 --sqs-port 4567 (0 = any free port).`);
    else console.error(`npm start: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
