import { readActiveData } from '../shared/aws/active-data.ts';
import { createAwsClients, type AwsClients } from '../shared/aws/clients.ts';
import { loadCodeData, loadNcciData, type LoadOutcome, type LoadProgress } from '../shared/aws/code-data-loader.ts';
import { CLAIM_CHECK_BUCKET_ENV, CLAIM_REFERENCE_ENV, DEFAULT_NAMES, WORKLIST_URL_ENV, type Env } from '../shared/aws/config.ts';
import { createS3Client } from '../shared/aws/s3-client.ts';
import { SCRUB_EVENT_SOURCE_DEFAULTS } from '../shared/aws/scrub-event-source.ts';
import type { CodeSet } from '../shared/codes/code-set.ts';
import { loadBundledCodeData } from '../shared/files/code-data-files.ts';
import { loadBundledPayerPolicy } from '../shared/files/payer-policy-files.ts';
import type { NcciSet } from '../shared/ncci/ncci-edits.ts';
import type { PayerPolicy } from '../shared/payers/payer-policy.ts';
import { createScrubClaimsHandler } from '../functions/scrub-claims/create-handler.ts';
import { scrubClaimsDepsFromEnv } from '../functions/scrub-claims/dependencies.ts';
import type { ScrubPorts } from '../shared/application/ports.ts';
import { localClaimReferenceKey } from './claim-reference-key.ts';
import { startEmulatorThread } from './emulator-thread.ts';
import { emulatorDataDirs } from './data-dir.ts';
import { startDynamo, startSqsSns, type DynamoEmulator, type SqsSnsEmulator } from './emulators.ts';
import { ensureResources, type StackResources } from './resources.ts';
import { RequestCounter } from './request-counter.ts';
import { ensureBucket } from './s3-inbox.ts';
import { ScrubEvents } from './scrub-events.ts';
import { SqsEventSource } from './sqs-event-source.ts';
import { SCRUB_SERVICE_NAME } from '../functions/scrub-claims/metric-names.ts';

export interface LocalStackOptions {
  host?: string;
  /** 0 picks a free port (tests); `npm start` uses 8000 and 4566. */
  dynamodbPort?: number;
  sqsPort?: number;
  /** Keep DynamoDB tables and SQS queues on disk here; in memory when absent. */
  dataDir?: string;
  region?: string;
  /** Default: six times the function timeout plus the batching window, as the CDK stack derives it. */
  visibilityTimeoutSeconds?: number;
  /** The scrub function's timeout; its retry budget is this less 2 s. Keep it well under the visibility timeout. */
  functionTimeoutSeconds?: number;
  maxReceiveCount?: number;
  /** Execution environments polling the intake queue at once (Lambda's concurrency). */
  concurrency?: number;
  /** Records per invocation at most (default: the CDK construct's, 25). */
  batchSize?: number;
  /** How long the poller gathers a batch before invoking with fewer records (default: the construct's, 2 s). */
  batchingWindowSeconds?: number;
  waitTimeSeconds?: number;
  activeDataTtlSeconds?: number;
  /** RESULT_RETENTION_DAYS of the scrub function (default: its own default, 400). */
  resultRetentionDays?: number;
  logLevel?: string;
  /**
   * Code data to load and activate at start (`npm start -- --codes/--cpt`), even on kept data: a release
   * already in the table is only re-activated. Without it, the bundled release and payer policy are loaded
   * when the table has none active.
   */
  codeData?: () => { codes: CodeSet; payers: PayerPolicy };
  /**
   * NCCI tables to load and activate at start (`npm start -- --ncci-mue/--ncci-ptp`), with `codeData` or
   * the bundled release when the table has none active, else alone beside the active release. Without
   * them the NCCI tables the table's pointer names (from an earlier start) stay.
   */
  ncci?: () => NcciSet;
  onLoadProgress?: (progress: LoadProgress) => void;
  /** Wraps the scrub service's ports, e.g. to inject faults in tests. */
  wrapPorts?: (ports: ScrubPorts) => ScrubPorts;
  /** Run dynalite and fauxqs on a worker thread of this process (default true), or on the main thread. */
  emulatorThread?: boolean;
  /** Start the event source (default true); false leaves the intake queue for the caller to drive. */
  poll?: boolean;
  /** The review worklist's address, when it runs: the scrub function's alerts link to claims there. */
  worklistUrl?: string;
}

export interface LocalStack {
  dynamo: DynamoEmulator;
  sqsSns: SqsSnsEmulator;
  resources: StackResources;
  /** Clients for the caller (submitting, reading outputs); not counted in `handlerRequests`. */
  clients: AwsClients;
  /** The environment the scrub handler was configured from, as it would be in AWS plus endpoints. */
  handlerEnv: Env;
  /** The key of the claim references in the handlers' logs and alerts (claim-identity.ts). */
  claimReferenceKey: string;
  /** DynamoDB, SQS and SNS commands the scrub handlers sent. */
  handlerRequests: RequestCounter;
  eventSource: SqsEventSource;
  /** The scrub function's duplicates and failures, for the `--serve` view. */
  scrubEvents: ScrubEvents;
  /** When the event source started (ISO 8601): claims routed from then on are this run's. */
  startedAt: string;
  codeDataLoad: LoadOutcome | undefined;
  stop(): Promise<void>;
}

const DEFAULTS = {
  host: '127.0.0.1',
  region: 'us-east-1',
  functionTimeoutSeconds: 5,
  maxReceiveCount: 3,
  concurrency: 4,
  batchSize: SCRUB_EVENT_SOURCE_DEFAULTS.batchSize,
  batchingWindowSeconds: SCRUB_EVENT_SOURCE_DEFAULTS.maxBatchingWindowSeconds,
  waitTimeSeconds: 20,
  activeDataTtlSeconds: 60,
  emulatorThread: true,
};

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const o = { ...DEFAULTS, ...options };
  const visibilityTimeoutSeconds = o.visibilityTimeoutSeconds ?? Math.ceil(6 * o.functionTimeoutSeconds + o.batchingWindowSeconds);
  // A record held for the window and then the whole function timeout must still be invisible, or a
  // second environment receives it while the first is scrubbing it.
  if (visibilityTimeoutSeconds < o.functionTimeoutSeconds + o.batchingWindowSeconds) {
    throw new Error(`the visibility timeout (${visibilityTimeoutSeconds} s) must be at least the function timeout plus the batching window (${o.functionTimeoutSeconds + o.batchingWindowSeconds} s)`);
  }
  const dirs = o.dataDir ? emulatorDataDirs(o.dataDir) : undefined;
  const { dynamo, sqsSns } = o.emulatorThread
    ? await startEmulatorThread({ host: o.host, dynamodbPort: o.dynamodbPort ?? 0, sqsPort: o.sqsPort ?? 0, region: o.region, ...(dirs ? { dataDirs: dirs } : {}) })
    : await startEmulatorsHere(o.host, o.dynamodbPort ?? 0, o.sqsPort ?? 0, o.region, dirs);
  const connection = { region: o.region, endpoints: { dynamodb: dynamo.url, sqs: sqsSns.url, sns: sqsSns.url } };
  const clients = createAwsClients(connection, {});
  let ready: Awaited<ReturnType<typeof prepare>>;
  try {
    ready = await prepare(clients, o, visibilityTimeoutSeconds, sqsSns.url);
  } catch (error) {
    // The emulators are up (on a worker thread, as a rule): left running, they would keep the
    // process alive after the error is printed, and `npm start` would hang instead of exiting.
    for (const client of Object.values(clients)) client.destroy();
    await Promise.all([sqsSns.stop(), dynamo.stop()]).catch(() => undefined);
    throw error;
  }
  const { resources, claimReferenceKey, existing } = ready;
  const handlerEnv: Env = {
    AWS_REGION: o.region,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.url,
    AWS_ENDPOINT_URL_SQS: sqsSns.url,
    AWS_ENDPOINT_URL_SNS: sqsSns.url,
    AWS_ENDPOINT_URL_S3: sqsSns.url,
    [CLAIM_CHECK_BUCKET_ENV]: DEFAULT_NAMES.claimCheckBucket,
    [CLAIM_REFERENCE_ENV.key]: claimReferenceKey,
    CODES_TABLE_NAME: DEFAULT_NAMES.codesTable,
    RESULTS_TABLE_NAME: DEFAULT_NAMES.resultsTable,
    REVIEW_QUEUE_URL: resources.reviewQueueUrl,
    CLEAN_QUEUE_URL: resources.cleanQueueUrl,
    ALERT_TOPIC_ARN: resources.alertTopicArn,
    ACTIVE_DATA_TTL_SECONDS: String(o.activeDataTtlSeconds),
    ...(o.resultRetentionDays === undefined ? {} : { RESULT_RETENTION_DAYS: String(o.resultRetentionDays) }),
    ...(o.worklistUrl === undefined ? {} : { [WORKLIST_URL_ENV]: o.worklistUrl }),
    POWERTOOLS_SERVICE_NAME: SCRUB_SERVICE_NAME,
    POWERTOOLS_LOG_LEVEL: o.logLevel ?? process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
  };
  // One set of clients for all local environments: clients hold no per-invocation state.
  const handlerClients = createAwsClients(connection, {});
  const handlerRequests = new RequestCounter();
  for (const client of Object.values(handlerClients)) handlerRequests.attach(client);
  const scrubEvents = new ScrubEvents();
  const handlers = Array.from({ length: o.concurrency }, () => {
    const deps = scrubClaimsDepsFromEnv(handlerEnv, handlerClients);
    return createScrubClaimsHandler(o.wrapPorts ? { ...deps, ports: o.wrapPorts(deps.ports) } : deps, { observe: (observer) => scrubEvents.observe(observer) });
  });
  const eventSource = new SqsEventSource({
    sqs: clients.sqs,
    queueUrl: resources.intakeQueueUrl,
    queueArn: resources.intakeQueueArn,
    region: o.region,
    functionName: SCRUB_SERVICE_NAME,
    handlers,
    batchSize: o.batchSize,
    maxBatchingWindowMs: o.batchingWindowSeconds * 1000,
    waitTimeSeconds: o.waitTimeSeconds,
    functionTimeoutMs: o.functionTimeoutSeconds * 1000,
  });
  const startedAt = new Date().toISOString();
  if (o.poll !== false) eventSource.start();

  return {
    dynamo,
    sqsSns,
    resources,
    clients,
    handlerEnv,
    claimReferenceKey,
    handlerRequests,
    eventSource,
    scrubEvents,
    startedAt,
    codeDataLoad: existing,
    async stop() {
      await eventSource.stop();
      for (const client of [...Object.values(clients), ...Object.values(handlerClients)]) client.destroy();
      await Promise.all([sqsSns.stop(), dynamo.stop()]);
    },
  };
}

/** The stack's queues, bucket, claim-reference key and code data, on emulators already started. */
async function prepare(clients: AwsClients, o: LocalStackOptions & { region: string; maxReceiveCount: number }, visibilityTimeoutSeconds: number, s3Url: string) {
  const resources = await ensureResources(clients, { visibilityTimeoutSeconds, maxReceiveCount: o.maxReceiveCount });
  const s3 = createS3Client({ region: o.region, endpoints: { s3: s3Url } }, {});
  try {
    await ensureBucket(s3, DEFAULT_NAMES.claimCheckBucket);
  } finally {
    s3.destroy();
  }
  const claimReferenceKey = await localClaimReferenceKey(o.dataDir);
  const existing = await loadIfNeeded(clients, o);
  return { resources, claimReferenceKey, existing };
}

async function startEmulatorsHere(
  host: string,
  dynamodbPort: number,
  sqsPort: number,
  region: string,
  dirs: { dynamodb: string; sqs: string } | undefined,
): Promise<{ dynamo: DynamoEmulator; sqsSns: SqsSnsEmulator }> {
  const dynamo = await startDynamo({ port: dynamodbPort, host, ...(dirs ? { dataDir: dirs.dynamodb } : {}) });
  try {
    return { dynamo, sqsSns: await startSqsSns({ port: sqsPort, host, region, ...(dirs ? { dataDir: dirs.sqs } : {}) }) };
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
}

/**
 * Loads the bundled code data only when none is active yet, so a restart on kept data starts at once; code
 * data and NCCI tables asked for, always (NCCI tables alone keep the active release).
 */
async function loadIfNeeded(clients: AwsClients, o: LocalStackOptions): Promise<LoadOutcome | undefined> {
  const ddb = clients.dynamodb;
  const table = DEFAULT_NAMES.codesTable;
  const progress = o.onLoadProgress ? { onProgress: o.onLoadProgress } : {};
  if (!o.codeData && (await readActiveData(ddb, table))) {
    if (o.ncci) await loadNcciData({ ddb, table, ncci: o.ncci(), ...progress });
    return undefined;
  }
  const data = o.codeData ? o.codeData() : { codes: loadBundledCodeData(), payers: loadBundledPayerPolicy() };
  return loadCodeData({ ddb, table, ...data, ...(o.ncci ? { ncci: o.ncci() } : {}), ...progress });
}
