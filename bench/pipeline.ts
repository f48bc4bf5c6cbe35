/**
 * End-to-end figure for the local pipeline: 10,000 generated claims from the intake queue to the
 * review and clean queues, through dynalite, fauxqs and the real scrub handler (`node bench/pipeline.ts`,
 * or part of `npm run bench`).
 */
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { fileURLToPath } from 'node:url';
import type { RequestCounter } from '../shared/aws/clients.ts';
import { sendToIntake } from '../shared/aws/intake.ts';
import { DEFAULT_NAMES } from '../shared/aws/config.ts';
import { waitUntilDrained } from '../local/outputs.ts';
import { startLocalStack } from '../local/stack.ts';
import { DEFAULT_SEED, generateClaims } from './generate-claims.ts';
import { formatInt, peakRssMb, verdict, type SummaryRow } from './summary.ts';

export const TARGET_PIPELINE_CLAIMS_PER_SECOND = 1_000;
export const TARGET_WARM_READS_PER_BATCH = 1;

export interface PipelineBenchOptions {
  claims: number;
  concurrency: number;
  seed: number;
}

export async function benchPipeline(options: PipelineBenchOptions = { claims: 10_000, concurrency: 4, seed: DEFAULT_SEED }): Promise<SummaryRow[]> {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  const stack = await startLocalStack({ concurrency: options.concurrency, logLevel: 'ERROR' });
  try {
    const { sqs } = stack.clients;
    const r = stack.resources;
    const claims = generateClaims(options.claims, options.seed).map((claim, i) => ({ ...claim, claimId: `BENCH-${i}` }));
    const messages = claims.map((claim) => ({ body: JSON.stringify(claim), claimId: claim.claimId }));

    // Warm-up: the first batches fill each environment's code cache, as a steady stream would.
    const warmup = Math.min(500, Math.floor(messages.length / 10));
    await sendToIntake(sqs, r.intakeQueueUrl, messages.slice(0, warmup));
    await waitUntilDrained(sqs, r.intakeQueueUrl, stack.eventSource);
    const warmInvocations = stack.eventSource.stats.invocations;
    const coldReads = reads(stack.handlerRequests);
    const coldCodeReads = reads(stack.handlerRequests, DEFAULT_NAMES.codesTable);
    const measured = messages.slice(warmup);

    const startCpu = process.cpuUsage();
    const started = performance.now();
    await sendToIntake(sqs, r.intakeQueueUrl, measured);
    await waitUntilDrained(sqs, r.intakeQueueUrl, stack.eventSource);
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(startCpu);

    const routed = (await depth(sqs, r.reviewQueueUrl)) + (await depth(sqs, r.cleanQueueUrl));
    if (routed !== messages.length) throw new Error(`pipeline bench: ${routed} claims routed, ${messages.length} submitted`);
    const claimsPerSecond = measured.length / seconds;
    const batches = stack.eventSource.stats.invocations - warmInvocations;
    const warmReadsPerBatch = (reads(stack.handlerRequests) - coldReads) / batches;
    const warmCodeReadsPerBatch = (reads(stack.handlerRequests, DEFAULT_NAMES.codesTable) - coldCodeReads) / batches;
    const dynamoRequests = stack.handlerRequests.count({ table: DEFAULT_NAMES.codesTable }) + stack.handlerRequests.count({ table: DEFAULT_NAMES.resultsTable });
    const perClaim = dynamoRequests / messages.length;
    const rss = peakRssMb();

    console.log(`${formatInt(measured.length)} claims intake → review/clean queues in ${seconds.toFixed(2)} s: ${formatInt(claimsPerSecond)} claims/s`);
    console.log(`  (${options.concurrency} scrub environments, batches of 10, after a ${warmup}-claim warm-up; emulators and handler share one process: CPU ${((cpu.user + cpu.system) / 1e6 / seconds).toFixed(2)} cores)`);
    console.log(`DynamoDB requests: ${formatInt(dynamoRequests)} for ${formatInt(messages.length)} claims = ${perClaim.toFixed(3)} per claim (${JSON.stringify(stack.handlerRequests.snapshot())})`);
    console.log(
      `DynamoDB reads per batch once warm: ${warmCodeReadsPerBatch.toFixed(3)} on the code table (codes not yet cached) + ` +
        `${(warmReadsPerBatch - warmCodeReadsPerBatch).toFixed(3)} on the results table (idempotency check), over ${formatInt(batches)} batches`,
    );
    console.log(`Peak RSS: ${formatInt(rss)} MB`);
    return [
      { section: 'pipeline', metric: 'claims/s intake → outputs (10k)', value: formatInt(claimsPerSecond), target: `≥ ${formatInt(TARGET_PIPELINE_CLAIMS_PER_SECOND)}`, verdict: verdict(claimsPerSecond >= TARGET_PIPELINE_CLAIMS_PER_SECOND) },
      { section: 'pipeline', metric: 'DynamoDB requests per claim', value: perClaim.toFixed(3) },
      { section: 'pipeline', metric: 'code-data reads per batch (warm)', value: warmCodeReadsPerBatch.toFixed(3), target: `≤ ${TARGET_WARM_READS_PER_BATCH}`, verdict: verdict(warmCodeReadsPerBatch <= TARGET_WARM_READS_PER_BATCH) },
      { section: 'pipeline', metric: 'all DynamoDB reads per batch (warm)', value: warmReadsPerBatch.toFixed(3) },
      { section: 'pipeline', metric: 'peak RSS (MB)', value: formatInt(rss) },
    ];
  } finally {
    await stack.stop();
  }
}

/** GetItem and BatchGetItem (the handler neither queries nor scans), on one table or all. */
function reads(requests: RequestCounter, table?: string): number {
  return requests.count({ command: 'GetItem', ...(table ? { table } : {}) });
}

async function depth(sqs: SQSClient, queueUrl: string): Promise<number> {
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
  return Number(Attributes?.ApproximateNumberOfMessages ?? 0);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { printTable } = await import('./summary.ts');
  printTable(await benchPipeline());
}
