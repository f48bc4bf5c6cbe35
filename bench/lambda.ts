/**
 * The scrub function's own cost per batch: its real handler, warm, called directly (as the local event
 * source calls it) with 10,000 generated claims in batches of 25, one batch at a time as one Lambda
 * environment runs them, against the local stack (dynalite and fauxqs on their worker thread).
 * `node bench/lambda.ts [--claims N]`, or part of `npm run bench`.
 *
 * Per batch it takes the wall time and two CPU times: the main thread's (process.threadCpuUsage: the
 * handler, the SDK and Powertools; what the function itself spends) and the whole process's
 * (process.cpuUsage: that plus the emulators on their worker thread and V8's helper threads). What the
 * wall time holds beyond the main thread's CPU is waiting on the emulators.
 *
 * Then, in a separate set of batches so the profiler cannot touch the figures above, it samples the
 * main thread with V8's CPU profiler (bench/cpu-profile.ts) and splits the handler's CPU per claim
 * between the project's code and the platform's (AWS SDK, Powertools, Node). The emulators run on
 * their worker thread, so the main thread's profile is the handler's.
 */
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { createScrubClaimsHandler } from '../functions/scrub-claims/create-handler.ts';
import { scrubClaimsDepsFromEnv } from '../functions/scrub-claims/dependencies.ts';
import { SCRUB_SERVICE_NAME } from '../functions/scrub-claims/metric-names.ts';
import { SCRUB_FUNCTION_MEMORY_MB } from '../infra/constants.ts';
import { lambdaContext } from '../local/lambda-context.ts';
import { RequestCounter } from '../local/request-counter.ts';
import { startLocalStack } from '../local/stack.ts';
import { createAwsClients } from '../shared/aws/clients.ts';
import { SCRUB_EVENT_SOURCE_DEFAULTS } from '../shared/aws/scrub-event-source.ts';
import { DEFAULT_SEED, generateClaims } from './generate-claims.ts';
import { partsOf, printParts, profileCpu } from './cpu-profile.ts';
import { machineBusySeconds, otherCoresDuring } from './machine.ts';
import { lambdaCost, LAMBDA_ARM64_PRICES, mean, percentile } from './stats.ts';
import { formatInt, header, peakRssMb, printTable, type SummaryRow } from './summary.ts';

export interface LambdaBenchOptions {
  claims: number;
  batchSize: number;
  seed: number;
  /** Batches before the timed ones: the first fills the environment's code cache. */
  warmupBatches: number;
  /** Batches after the timed ones, run under the CPU profiler. */
  profiledBatches: number;
}

export const DEFAULT_LAMBDA_BENCH_OPTIONS: LambdaBenchOptions = {
  claims: 10_000,
  batchSize: SCRUB_EVENT_SOURCE_DEFAULTS.batchSize,
  seed: DEFAULT_SEED,
  warmupBatches: 20,
  profiledBatches: 100,
};

/** The construct's function timeout (infra/claim-scrubber-settings.ts): each invocation's deadline, as Lambda's context reports it. */
const FUNCTION_TIMEOUT_MS = 60_000;
/** Lambda gives a function one vCPU's worth of CPU at 1,769 MB, and a share in proportion below. */
const MB_PER_VCPU = 1_769;
const REGION = 'us-east-1';

interface BatchSample {
  wallMs: number;
  threadCpuMs: number;
  processCpuMs: number;
}

export async function benchLambda(options: LambdaBenchOptions = DEFAULT_LAMBDA_BENCH_OPTIONS): Promise<SummaryRow[]> {
  const stack = await startLocalStack({ poll: false, logLevel: 'ERROR' });
  const clients = createAwsClients({ region: REGION, endpoints: { dynamodb: stack.dynamo.url, sqs: stack.sqsSns.url, sns: stack.sqsSns.url } }, {});
  try {
    const requests = new RequestCounter();
    for (const client of Object.values(clients)) requests.attach(client);
    // As deployed: INFO logs (one line per claim) and EMF metrics, both written to stdout; tracing is off outside Lambda.
    const handler = createScrubClaimsHandler(scrubClaimsDepsFromEnv({ ...stack.handlerEnv, POWERTOOLS_LOG_LEVEL: 'INFO' }, clients));

    const total = options.warmupBatches * options.batchSize + options.claims + options.profiledBatches * options.batchSize;
    const claims = generateClaims(total, options.seed).map((claim, i) => ({ ...claim, claimId: `LAMBDA-BENCH-${i}` }));
    const events: SQSEvent[] = [];
    for (let i = 0; i < claims.length; i += options.batchSize) {
      events.push({ Records: claims.slice(i, i + options.batchSize).map((claim) => sqsRecord(stack.resources.intakeQueueArn, JSON.stringify(claim), claim.claimId)) });
    }

    const timedEvents = events.slice(0, events.length - options.profiledBatches);
    const profiledEvents = events.slice(events.length - options.profiledBatches);
    const invoke = (event: SQSEvent) => handler(event, lambdaContext(SCRUB_SERVICE_NAME, REGION, Date.now() + FUNCTION_TIMEOUT_MS));
    const samples: BatchSample[] = [];
    const profiledThreadMs: number[] = [];
    const stdout = swallowStdout();
    let failed = 0;
    let timedCpu = process.cpuUsage();
    let timedMachine = machineBusySeconds();
    let timedStarted = performance.now();
    try {
      for (const [i, event] of timedEvents.entries()) {
        if (i === options.warmupBatches) {
          requests.reset();
          stdout.reset();
          timedCpu = process.cpuUsage();
          timedMachine = machineBusySeconds();
          timedStarted = performance.now();
        }
        const cpu = process.cpuUsage();
        const thread = process.threadCpuUsage();
        const started = performance.now();
        const response: SQSBatchResponse = await invoke(event);
        const wallMs = performance.now() - started;
        const threadCpu = process.threadCpuUsage(thread);
        const processCpu = process.cpuUsage(cpu);
        failed += response.batchItemFailures.length;
        if (i >= options.warmupBatches) {
          samples.push({ wallMs, threadCpuMs: (threadCpu.user + threadCpu.system) / 1000, processCpuMs: (processCpu.user + processCpu.system) / 1000 });
        }
      }
    } catch (error) {
      stdout.restore();
      throw error;
    }
    const otherCores = otherCoresDuring(timedMachine, process.cpuUsage(timedCpu), (performance.now() - timedStarted) / 1000);
    // The timed batches' requests and log bytes, before the profiled batches add theirs.
    const timedRequests = requests.requests();
    const timedRequestsByCommand = requests.snapshot();
    const timedLogBytes = stdout.bytes;
    let profile;
    try {
      ({ breakdown: profile } = await profileCpu(async () => {
        for (const event of profiledEvents) {
          const thread = process.threadCpuUsage();
          const response = await invoke(event);
          const threadCpu = process.threadCpuUsage(thread);
          failed += response.batchItemFailures.length;
          profiledThreadMs.push((threadCpu.user + threadCpu.system) / 1000);
        }
      }));
    } finally {
      stdout.restore();
    }
    if (failed > 0) throw new Error(`lambda bench: the handler failed ${failed} records`);
    const routed = (await depth(stack.clients.sqs, stack.resources.reviewQueueUrl)) + (await depth(stack.clients.sqs, stack.resources.cleanQueueUrl));
    if (routed !== claims.length) throw new Error(`lambda bench: ${routed} claims routed, ${claims.length} handed to the handler`);

    const timedClaims = samples.length * options.batchSize;
    const perClaim = (ms: number) => ms / options.batchSize;
    const thread = samples.map((s) => s.threadCpuMs);
    const processCpu = samples.map((s) => s.processCpuMs);
    const wall = samples.map((s) => s.wallMs);
    const waiting = samples.map((s) => Math.max(0, s.wallMs - s.threadCpuMs));
    const requestsPerBatch = timedRequests / samples.length;
    const logBytesPerClaim = timedLogBytes / timedClaims;
    const cpuShare = SCRUB_FUNCTION_MEMORY_MB / MB_PER_VCPU;
    const cpuBoundMs = mean(thread) / cpuShare;
    const costAt = (msPerBatch: number) => lambdaCost({ claims: 1_000_000, claimsPerBatch: options.batchSize, msPerBatch, memoryMb: SCRUB_FUNCTION_MEMORY_MB });
    const cost = costAt(mean(wall));
    const cpuBoundCost = costAt(cpuBoundMs);
    const rss = peakRssMb();

    const ms = (n: number) => n.toFixed(2);
    console.log(`${formatInt(samples.length)} batches of ${options.batchSize} claims (${formatInt(timedClaims)} claims) through the scrub handler, warm, one batch at a time, after ${options.warmupBatches} warm-up batches`);
    console.log(`  handler CPU, main thread (the handler, the SDK, Powertools): ${ms(mean(thread))} ms per batch (p99 ${ms(percentile(thread, 99))}), ${ms(perClaim(mean(thread)))} ms per claim (p99 ${ms(perClaim(percentile(thread, 99)))})`);
    console.log(`  process CPU (that plus dynalite and fauxqs on their worker thread): ${ms(mean(processCpu))} ms per batch (p99 ${ms(percentile(processCpu, 99))}), ${ms(perClaim(mean(processCpu)))} ms per claim`);
    console.log(`  wall: ${ms(mean(wall))} ms per batch (p99 ${ms(percentile(wall, 99))}), of which waiting on the emulators (wall less main-thread CPU) ${ms(mean(waiting))} ms`);
    console.log(`  ${requestsPerBatch.toFixed(2)} DynamoDB, SQS and SNS requests per batch (over the timed batches: ${JSON.stringify(timedRequestsByCommand)}); ${formatInt(logBytesPerClaim)} bytes of logs and metrics per claim on stdout`);
    console.log(
      `Lambda at ${SCRUB_FUNCTION_MEMORY_MB} MB arm64 from the mean wall time: ${formatInt(cost.invocations)} invocations and ${formatInt(cost.gbSeconds)} GB-s per million claims, ` +
        `$${cost.dollars.toFixed(3)} ($${LAMBDA_ARM64_PRICES.perGbSecond} per GB-s, $${LAMBDA_ARM64_PRICES.perMillionRequests} per million requests, ${LAMBDA_ARM64_PRICES.region}, checked ${LAMBDA_ARM64_PRICES.checked})`,
    );
    console.log(
      `  at ${SCRUB_FUNCTION_MEMORY_MB} MB Lambda gives ${cpuShare.toFixed(2)} of a vCPU: the main thread's ${ms(mean(thread))} ms of CPU alone would take ${ms(cpuBoundMs)} ms there ` +
        `(${formatInt(cpuBoundCost.gbSeconds)} GB-s and $${cpuBoundCost.dollars.toFixed(3)} per million claims), before any request's latency`,
    );
    const cpuMicrosPerClaim = perClaim(mean(thread)) * 1000;
    const profiledMicrosPerClaim = perClaim(mean(profiledThreadMs)) * 1000;
    const { parts, ours, platform } = partsOf(profile, cpuMicrosPerClaim);
    console.log(
      `Where the handler's main-thread CPU goes: a CPU profile (sampled every 100 µs) over ${options.profiledBatches} more batches, run after the timed ones; ` +
        `${formatInt(profile.samples)} samples. The profiler raised the main thread's CPU to ${profiledMicrosPerClaim.toFixed(0)} µs per claim from ${cpuMicrosPerClaim.toFixed(0)} ` +
        `(${(((profiledMicrosPerClaim - cpuMicrosPerClaim) / cpuMicrosPerClaim) * 100).toFixed(0)} %), so its shares are applied to the unprofiled ${cpuMicrosPerClaim.toFixed(0)} µs:`,
    );
    printParts(profile, cpuMicrosPerClaim);
    console.log(
      `  one core running only this CPU would scrub ${formatInt(1e6 / cpuMicrosPerClaim)} claims/s; the project's ${ours.micros.toFixed(0)} µs alone would allow ${formatInt(1e6 / ours.micros)} claims/s, ` +
        `the platform's ${platform.micros.toFixed(0)} µs alone ${formatInt(1e6 / platform.micros)} claims/s`,
    );
    console.log(`Peak RSS: ${formatInt(rss)} MB${otherCores === undefined ? '' : `; other processes used ${otherCores.toFixed(2)} cores during the timed batches`}`);
    const row = (metric: string, value: string): SummaryRow => ({ section: 'lambda', metric, value });
    return [
      row('handler CPU per claim, main thread (ms, mean)', ms(perClaim(mean(thread)))),
      row('handler CPU per claim, main thread (ms, p99)', ms(perClaim(percentile(thread, 99)))),
      row('handler CPU per batch, main thread (ms, mean)', ms(mean(thread))),
      row('handler CPU per batch, main thread (ms, p99)', ms(percentile(thread, 99))),
      ...parts.map((part) => row(`  of which ${part.part} (µs per claim, share)`, microsAndShare(part))),
      row("  of which the project's code (µs per claim, share)", microsAndShare(ours)),
      row('  of which the platform (µs per claim, share)', microsAndShare(platform)),
      row('  profiler overhead on the main thread\'s CPU (%)', (((profiledMicrosPerClaim - cpuMicrosPerClaim) / cpuMicrosPerClaim) * 100).toFixed(0)),
      row('process CPU per batch, with emulators (ms, mean)', ms(mean(processCpu))),
      row('wall per batch (ms, mean)', ms(mean(wall))),
      row('wall per batch (ms, p99)', ms(percentile(wall, 99))),
      row(`GB-s per 1M claims at ${SCRUB_FUNCTION_MEMORY_MB} MB, mean wall`, formatInt(cost.gbSeconds)),
      row(`GB-s per 1M claims at ${SCRUB_FUNCTION_MEMORY_MB} MB, CPU ÷ ${cpuShare.toFixed(2)} vCPU`, formatInt(cpuBoundCost.gbSeconds)),
      ...(otherCores === undefined ? [] : [row('CPU used by other processes (cores)', otherCores.toFixed(2))]),
      row('peak RSS (MB)', formatInt(rss)),
    ];
  } finally {
    for (const client of Object.values(clients)) client.destroy();
    await stack.stop();
  }
}

function microsAndShare(part: { micros: number; share: number }): string {
  return `${part.micros.toFixed(1)} (${(part.share * 100).toFixed(1)} %)`;
}

/** A record as the local event source hands it to the handler (local/sqs-event-source.ts), for a claim sent with its claimId attribute. */
function sqsRecord(queueArn: string, body: string, claimId: string): SQSRecord {
  const now = String(Date.now());
  return {
    messageId: randomUUID(),
    receiptHandle: 'lambda-bench',
    body,
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: now, SenderId: 'local', ApproximateFirstReceiveTimestamp: now },
    messageAttributes: { claimId: { dataType: 'String', stringValue: claimId, stringListValues: [], binaryListValues: [] } },
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: REGION,
  };
}

/**
 * Keeps the handler's log lines and EMF metrics off the terminal while counting their bytes: they are
 * written (and their CPU spent) as in Lambda, whose runtime takes stdout to CloudWatch Logs.
 */
function swallowStdout(): { readonly bytes: number; reset(): void; restore(): void } {
  const write = process.stdout.write.bind(process.stdout);
  let bytes = 0;
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    const callback = rest.find((r): r is () => void => typeof r === 'function');
    callback?.();
    return true;
  }) as typeof process.stdout.write;
  return {
    get bytes() {
      return bytes;
    },
    reset() {
      bytes = 0;
    },
    restore() {
      process.stdout.write = write;
    },
  };
}

async function depth(sqs: SQSClient, queueUrl: string): Promise<number> {
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
  return Number(Attributes?.ApproximateNumberOfMessages ?? 0);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { claims: { type: 'string' } } });
  header('Lambda bench (bench/lambda.ts)');
  printTable(await benchLambda({ ...DEFAULT_LAMBDA_BENCH_OPTIONS, claims: Number(values.claims ?? DEFAULT_LAMBDA_BENCH_OPTIONS.claims) }));
}
