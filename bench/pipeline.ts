/**
 * End-to-end figure for the local pipeline: 10,000 generated claims from the intake queue to the
 * review and clean queues, through dynalite, fauxqs and the real scrub handler (`node bench/pipeline.ts`,
 * or part of `npm run bench`). Before it, the same stack's SQS endpoint alone moves the same messages
 * (send, receive, delete, no handler: bench/queue-ceiling.ts), and the pipeline's rate is reported as a
 * share of that ceiling, a figure that means the same on a faster or slower machine.
 *
 * Beside the share it prints why: the main thread (where the handlers, the event source and the
 * submitter run; the emulators have their worker thread) spends a measured CPU time per claim, which
 * alone caps one core's rate whatever the queue does. A CPU profile of the main thread over a further
 * set of claims, after the timed run so it cannot slow it (bench/cpu-profile.ts), splits that time
 * between the project's code and the platform's (AWS SDK, Powertools, Node).
 */
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { RequestCounter } from '../local/request-counter.ts';
import { sendToIntake } from '../shared/aws/intake.ts';
import { DEFAULT_NAMES } from '../shared/aws/config.ts';
import { SCRUB_EVENT_SOURCE_DEFAULTS } from '../shared/aws/scrub-event-source.ts';
import { waitUntilDrained } from '../local/outputs.ts';
import { startLocalStack } from '../local/stack.ts';
import { DEFAULT_SEED, generateClaims } from './generate-claims.ts';
import { partsOf, printParts, profileCpu } from './cpu-profile.ts';
import { machineBusySeconds, otherCoresDuring } from './machine.ts';
import { measureQueueCeiling } from './queue-ceiling.ts';
import { formatPercent, ratio } from './stats.ts';
import { formatInt, peakRssMb, verdict, type SummaryRow } from './summary.ts';

export const TARGET_PIPELINE_CLAIMS_PER_SECOND = 1_000;
export const TARGET_WARM_READS_PER_BATCH = 1;
/** The pipeline's claims/s as a share of the local SQS endpoint's send → receive → delete rate. */
export const TARGET_SHARE_OF_QUEUE_CEILING = 0.8;

export interface PipelineBenchOptions {
  claims: number;
  concurrency: number;
  seed: number;
  /** Records per invocation and the poller's batching window: the CDK construct's by default. */
  batchSize: number;
  batchingWindowSeconds: number;
  /** ReceiveMessage's long-poll wait, for the event source and the queue-ceiling run alike (Lambda's poller waits 20 s). */
  waitTimeSeconds: number;
  /** dynalite and fauxqs on a worker thread (the local stack's default) or on the main thread. */
  emulatorThread: boolean;
  /** Claims sent after the timed run with the main thread under the CPU profiler. */
  profiledClaims: number;
}

export const DEFAULT_PIPELINE_BENCH_OPTIONS: PipelineBenchOptions = {
  claims: 10_000,
  concurrency: 4,
  seed: DEFAULT_SEED,
  batchSize: SCRUB_EVENT_SOURCE_DEFAULTS.batchSize,
  batchingWindowSeconds: SCRUB_EVENT_SOURCE_DEFAULTS.maxBatchingWindowSeconds,
  waitTimeSeconds: 20,
  emulatorThread: true,
  profiledClaims: 2_000,
};

export async function benchPipeline(options: PipelineBenchOptions = DEFAULT_PIPELINE_BENCH_OPTIONS): Promise<SummaryRow[]> {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  const load = loadavg()[0] ?? 0;
  const stack = await startLocalStack({
    concurrency: options.concurrency,
    batchSize: options.batchSize,
    batchingWindowSeconds: options.batchingWindowSeconds,
    waitTimeSeconds: options.waitTimeSeconds,
    emulatorThread: options.emulatorThread,
    logLevel: 'ERROR',
    // The queue-ceiling run has the intake queue to itself first; the event source starts after it.
    poll: false,
  });
  try {
    const { sqs } = stack.clients;
    const r = stack.resources;
    // Warm-up: the first batches fill each environment's code cache, as a steady stream would; then
    // `options.claims` more are timed.
    const warmup = Math.min(500, Math.floor(options.claims / 10));
    const claims = generateClaims(warmup + options.claims + options.profiledClaims, options.seed).map((claim, i) => ({ ...claim, claimId: `BENCH-${i}` }));
    const messages = claims.map((claim) => ({ body: JSON.stringify(claim), claimId: claim.claimId }));
    const measured = messages.slice(warmup, warmup + options.claims);
    const profiled = messages.slice(warmup + options.claims);
    const meanBytes = measured.reduce((n, m) => n + Buffer.byteLength(m.body), 0) / measured.length;

    // The ceiling: the same messages through the same client and the same queue, with as many
    // receive-and-delete loops as environments and nothing between receive and delete.
    const ceilingOptions = { consumers: options.concurrency, waitTimeSeconds: options.waitTimeSeconds };
    await measureQueueCeiling(sqs, r.intakeQueueUrl, messages.slice(0, warmup), ceilingOptions);
    const ceilingCpu = process.cpuUsage();
    const ceilingMachine = machineBusySeconds();
    const ceilingStarted = performance.now();
    const ceiling = await measureQueueCeiling(sqs, r.intakeQueueUrl, measured, ceilingOptions);
    // Over the whole call, the idle long polls it waits out included.
    const ceilingOtherCores = otherCoresDuring(ceilingMachine, process.cpuUsage(ceilingCpu), (performance.now() - ceilingStarted) / 1000);

    stack.eventSource.start();
    await sendToIntake(sqs, r.intakeQueueUrl, messages.slice(0, warmup));
    await waitUntilDrained(sqs, r.intakeQueueUrl, stack.eventSource);
    const warmInvocations = stack.eventSource.stats.invocations;
    const warmRecords = stack.eventSource.stats.records;
    const coldReads = reads(stack.handlerRequests);
    const coldCodeTableReads = codeTableReads(stack.handlerRequests);

    const startCpu = process.cpuUsage();
    const startThread = process.threadCpuUsage();
    const startMachine = machineBusySeconds();
    const started = performance.now();
    await sendToIntake(sqs, r.intakeQueueUrl, measured);
    await waitUntilDrained(sqs, r.intakeQueueUrl, stack.eventSource);
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(startCpu);
    const thread = process.threadCpuUsage(startThread);
    const ownCores = (cpu.user + cpu.system) / 1e6 / seconds;
    const endMachine = machineBusySeconds();
    const otherCores = startMachine === undefined || endMachine === undefined ? undefined : Math.max(0, (endMachine - startMachine) / seconds - ownCores);

    const claimsPerSecond = measured.length / seconds;
    const shareOfCeiling = ratio(claimsPerSecond, ceiling.messagesPerSecond);
    const batches = stack.eventSource.stats.invocations - warmInvocations;
    const meanBatch = (stack.eventSource.stats.records - warmRecords) / batches;
    const warmReadsPerBatch = (reads(stack.handlerRequests) - coldReads) / batches;
    const warmCodeTablePerBatch = (codeTableReads(stack.handlerRequests) - coldCodeTableReads) / batches;
    // Reads, plus the writes: a conditional PutItem per result row, an UpdateItem per alert mark.
    const dynamoRequests = reads(stack.handlerRequests) + ['BatchWriteItem', 'PutItem', 'UpdateItem'].reduce((n, command) => n + stack.handlerRequests.requests(command), 0);
    const perClaim = dynamoRequests / (warmup + measured.length);
    const requestsByCommand = stack.handlerRequests.snapshot();
    const rss = peakRssMb();
    // The main thread's CPU per claim over the timed run, profiler off.
    const mainMicrosPerClaim = (thread.user + thread.system) / measured.length;

    // The profile, over claims of its own after the timed run; its CPU per claim says what the profiler added.
    const profiledThread = process.threadCpuUsage();
    const { breakdown } = await profileCpu(async () => {
      await sendToIntake(sqs, r.intakeQueueUrl, profiled);
      await waitUntilDrained(sqs, r.intakeQueueUrl, stack.eventSource);
    });
    const profiledCpu = process.threadCpuUsage(profiledThread);
    const profiledMicrosPerClaim = (profiledCpu.user + profiledCpu.system) / profiled.length;
    const { ours, platform } = partsOf(breakdown, mainMicrosPerClaim);
    const coreCeiling = 1e6 / mainMicrosPerClaim;
    const shareAtCoreCeiling = ratio(coreCeiling, ceiling.messagesPerSecond);

    const routed = (await depth(sqs, r.reviewQueueUrl)) + (await depth(sqs, r.cleanQueueUrl));
    if (routed !== messages.length) throw new Error(`pipeline bench: ${routed} claims routed, ${messages.length} submitted`);

    console.log(
      `queue ceiling: ${formatInt(ceiling.messages)} messages of ${formatInt(meanBytes)} bytes on average sent, received and deleted, no handler, in ${ceiling.seconds.toFixed(2)} s: ` +
        `${formatInt(ceiling.messagesPerSecond)} messages/s (SendMessageBatch of 10, ${options.concurrency} loops of ReceiveMessage of up to 10 with a ${options.waitTimeSeconds} s wait and DeleteMessageBatch; ${formatInt(ceiling.receives)} receives` +
        `${ceilingOtherCores === undefined ? '' : `; other processes used ${ceilingOtherCores.toFixed(2)} cores meanwhile`})`,
    );
    console.log(`${formatInt(measured.length)} claims intake → review/clean queues in ${seconds.toFixed(2)} s: ${formatInt(claimsPerSecond)} claims/s`);
    console.log(`${verdict(shareOfCeiling >= TARGET_SHARE_OF_QUEUE_CEILING)} the pipeline moves claims at ${formatPercent(shareOfCeiling)} of the queue ceiling (target ≥ ${formatPercent(TARGET_SHARE_OF_QUEUE_CEILING)})`);
    console.log(
      `  (${options.concurrency} scrub environments, batches of up to ${options.batchSize} within ${options.batchingWindowSeconds} s: ${meanBatch.toFixed(1)} claims on average, ` +
        `after a ${formatInt(warmup)}-claim warm-up; emulators ${options.emulatorThread ? 'on a worker thread' : 'on the main thread'} of the handlers' process: CPU ${ownCores.toFixed(2)} cores; ` +
        `1-minute load average ${load.toFixed(2)} at the start${otherCores === undefined ? '' : `; other processes used ${otherCores.toFixed(2)} cores meanwhile`})`,
    );
    console.log(
      `Why: the main thread (the handlers, the event source and the submitter) spent ${mainMicrosPerClaim.toFixed(0)} µs of CPU per claim in the timed run, which alone caps one core at ` +
        `${formatInt(coreCeiling)} claims/s = ${formatPercent(shareAtCoreCeiling)} of the queue ceiling, whatever the queue does (the pipeline reached ${formatPercent(ratio(claimsPerSecond, coreCeiling))} of that). Of it, by a CPU profile (every 100 µs) over ${formatInt(profiled.length)} more claims ` +
        `(the profiler raised the main thread's CPU to ${profiledMicrosPerClaim.toFixed(0)} µs per claim, so its shares are applied to the unprofiled figure):`,
    );
    printParts(breakdown, mainMicrosPerClaim);
    console.log(
      `  the project's ${ours.micros.toFixed(0)} µs per claim alone would allow ${formatInt(1e6 / ours.micros)} claims/s on one core (${formatPercent(ratio(1e6 / ours.micros, ceiling.messagesPerSecond))} of the queue ceiling); ` +
        `the platform's ${platform.micros.toFixed(0)} µs alone ${formatInt(1e6 / platform.micros)} claims/s (${formatPercent(ratio(1e6 / platform.micros, ceiling.messagesPerSecond))})`,
    );
    console.log(`DynamoDB requests: ${formatInt(dynamoRequests)} for ${formatInt(warmup + measured.length)} claims = ${perClaim.toFixed(3)} per claim (${JSON.stringify(requestsByCommand)})`);
    console.log(
      `DynamoDB read requests per batch once warm: ${warmReadsPerBatch.toFixed(3)} over ${formatInt(batches)} batches ` +
        `(${warmCodeTablePerBatch.toFixed(3)} of them also carried code-table keys: codes not cached yet, or the pointer once its TTL ran out)`,
    );
    console.log(`Peak RSS: ${formatInt(rss)} MB`);
    return [
      { section: 'pipeline', metric: 'claims/s intake → outputs (10k)', value: formatInt(claimsPerSecond), target: `≥ ${formatInt(TARGET_PIPELINE_CLAIMS_PER_SECOND)}`, verdict: verdict(claimsPerSecond >= TARGET_PIPELINE_CLAIMS_PER_SECOND) },
      { section: 'pipeline', metric: 'queue ceiling: send → receive → delete (msg/s)', value: formatInt(ceiling.messagesPerSecond) },
      {
        section: 'pipeline',
        metric: 'pipeline ÷ queue ceiling',
        value: formatPercent(shareOfCeiling),
        target: `≥ ${formatPercent(TARGET_SHARE_OF_QUEUE_CEILING)}`,
        verdict: verdict(shareOfCeiling >= TARGET_SHARE_OF_QUEUE_CEILING),
      },
      // Why, side by side: the ceiling the main thread's CPU alone puts on one core, and whose that CPU is.
      { section: 'pipeline', metric: '  main-thread CPU per claim (µs)', value: mainMicrosPerClaim.toFixed(0) },
      { section: 'pipeline', metric: "    of which the project's code (µs, share)", value: `${ours.micros.toFixed(0)} (${formatPercent(ours.share)})` },
      { section: 'pipeline', metric: '    of which SDK, Powertools, Node (µs, share)', value: `${platform.micros.toFixed(0)} (${formatPercent(platform.share)})` },
      { section: 'pipeline', metric: '  one core at that CPU ÷ queue ceiling', value: `${formatPercent(shareAtCoreCeiling)} (${formatInt(coreCeiling)}/s)` },
      { section: 'pipeline', metric: "  one core at the project's CPU alone ÷ ceiling", value: `${formatPercent(ratio(1e6 / ours.micros, ceiling.messagesPerSecond))} (${formatInt(1e6 / ours.micros)}/s)` },
      { section: 'pipeline', metric: 'DynamoDB requests per claim', value: perClaim.toFixed(3) },
      { section: 'pipeline', metric: 'DynamoDB reads per batch (warm)', value: warmReadsPerBatch.toFixed(3), target: `≤ ${TARGET_WARM_READS_PER_BATCH}`, verdict: verdict(warmReadsPerBatch <= TARGET_WARM_READS_PER_BATCH) },
      { section: 'pipeline', metric: 'claims per batch (mean)', value: meanBatch.toFixed(1) },
      // A throughput figure means little without the competition it met on a 2-core machine.
      ...(otherCores === undefined ? [] : [{ section: 'pipeline', metric: 'CPU used by other processes (cores)', value: otherCores.toFixed(2) }]),
      // The share is fair only if the competition was the same for both runs.
      ...(ceilingOtherCores === undefined ? [] : [{ section: 'pipeline', metric: 'same, during the queue-ceiling run (cores)', value: ceilingOtherCores.toFixed(2) }]),
      { section: 'pipeline', metric: 'peak RSS (MB)', value: formatInt(rss) },
    ];
  } finally {
    await stack.stop();
  }
}

/** GetItem and BatchGetItem requests (the handler neither queries nor scans), each counted once whatever tables it names. */
function reads(requests: RequestCounter): number {
  return requests.requests('GetItem');
}

function codeTableReads(requests: RequestCounter): number {
  return requests.count({ command: 'GetItem', table: DEFAULT_NAMES.codesTable });
}

async function depth(sqs: SQSClient, queueUrl: string): Promise<number> {
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
  return Number(Attributes?.ApproximateNumberOfMessages ?? 0);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // `node bench/pipeline.ts [--concurrency N] [--batch-size N] [--batching-window S] [--wait-time S] [--claims N] [--emulators-on-main-thread]`, for trying settings.
  const { values } = parseArgs({
    options: {
      claims: { type: 'string' },
      concurrency: { type: 'string' },
      'batch-size': { type: 'string' },
      'batching-window': { type: 'string' },
      'wait-time': { type: 'string' },
      'emulators-on-main-thread': { type: 'boolean', default: false },
    },
  });
  const d = DEFAULT_PIPELINE_BENCH_OPTIONS;
  const { printTable } = await import('./summary.ts');
  printTable(
    await benchPipeline({
      ...d,
      claims: Number(values.claims ?? d.claims),
      concurrency: Number(values.concurrency ?? d.concurrency),
      batchSize: Number(values['batch-size'] ?? d.batchSize),
      batchingWindowSeconds: Number(values['batching-window'] ?? d.batchingWindowSeconds),
      waitTimeSeconds: Number(values['wait-time'] ?? d.waitTimeSeconds),
      emulatorThread: !values['emulators-on-main-thread'],
    }),
  );
}
