/**
 * The scrub function as Lambda gets it: bundle size, and cold initialisation (importing the bundle in
 * a fresh Node process, median of 10). `node bench/infra.ts`, or part of `npm run bench`.
 * The bundle is built with the construct's own esbuild settings (infra/bundling.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { esbuildOptions, SCRUB_CLAIMS_ENTRY } from '../infra/bundling.ts';
import { formatInt, header, printTable, verdict, type SummaryRow } from './summary.ts';

export const TARGET_BUNDLE_BYTES = 1_000_000;
export const TARGET_INIT_MS = 300;
const INIT_RUNS = 10;

const run = promisify(execFile);

/** What the function's environment holds at init; the handler builds its clients from it. */
const FUNCTION_ENV = {
  AWS_REGION: 'us-east-1',
  CODES_TABLE_NAME: 'codes',
  RESULTS_TABLE_NAME: 'results',
  REVIEW_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/000000000000/review',
  CLEAN_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/000000000000/clean',
  ALERT_TOPIC_ARN: 'arn:aws:sns:us-east-1:000000000000:alerts',
  CLAIM_CHECK_BUCKET: 'claim-check',
  // Read at the first invocation, not at init: the ARN is all init needs.
  CLAIM_REFERENCE_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:claim-reference-AbCdEf',
  POWERTOOLS_SERVICE_NAME: 'scrub-claims',
};

export async function benchInfra(): Promise<SummaryRow[]> {
  // Outside the repository, so the bundle cannot fall back on node_modules: as in /var/task.
  const outdir = mkdtempSync(join(tmpdir(), 'claim-scrubber-bundle-'));
  try {
    const started = performance.now();
    const result = await build(esbuildOptions(SCRUB_CLAIMS_ENTRY, outdir));
    const buildMs = performance.now() - started;
    const bundle = join(outdir, 'index.mjs');
    const bytes = statSync(bundle).size;
    const mapBytes = statSync(`${bundle}.map`).size;

    const output = Object.values(result.metafile?.outputs ?? {}).find((o) => o.entryPoint !== undefined);
    const byPackage = new Map<string, number>();
    for (const [path, input] of Object.entries(output?.inputs ?? {})) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? `(project) ${path.split('/').slice(0, 2).join('/')}`;
      byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + input.bytesInOutput);
    }
    const largest = [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 6);

    const inits: number[] = [];
    const processes: number[] = [];
    for (let i = 0; i < INIT_RUNS; i++) {
      const { importMs, processMs } = await coldImport(bundle);
      inits.push(importMs);
      processes.push(processMs);
    }
    const initMs = median(inits);
    const processMs = median(processes);

    console.log(`scrub-claims bundle (esbuild, ${Math.round(buildMs)} ms): ${formatKb(bytes)} (+ ${formatKb(mapBytes)} source map)`);
    console.log(`  largest parts: ${largest.map(([name, size]) => `${name} ${formatKb(size)}`).join(', ')}`);
    console.log(`cold init, import of the bundle in a fresh node --enable-source-maps (median of ${INIT_RUNS}): ${initMs.toFixed(0)} ms`);
    console.log(`  runs: ${inits.map((ms) => ms.toFixed(0)).join(', ')} ms; whole process incl. Node start-up: ${processMs.toFixed(0)} ms`);
    console.log(`${verdict(bytes <= TARGET_BUNDLE_BYTES)} bundle size ${formatKb(bytes)} (target ≤ ${formatKb(TARGET_BUNDLE_BYTES)})`);
    console.log(`${verdict(initMs <= TARGET_INIT_MS)} cold init ${initMs.toFixed(0)} ms (target ≤ ${TARGET_INIT_MS} ms)`);

    return [
      { section: 'infra', metric: 'scrub bundle size (KB)', value: formatInt(bytes / 1000), target: `≤ ${formatInt(TARGET_BUNDLE_BYTES / 1000)}`, verdict: verdict(bytes <= TARGET_BUNDLE_BYTES) },
      { section: 'infra', metric: 'scrub cold init, median (ms)', value: formatInt(initMs), target: `≤ ${TARGET_INIT_MS}`, verdict: verdict(initMs <= TARGET_INIT_MS) },
    ];
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** One fresh Node process importing the bundle, with source maps on as the function's NODE_OPTIONS has it. */
async function coldImport(bundle: string): Promise<{ importMs: number; processMs: number }> {
  const script = `const t0 = performance.now(); const m = await import(${JSON.stringify(pathToFileURL(bundle).href)}); if (typeof m.handler !== 'function') throw new Error('no handler export'); console.log(performance.now() - t0);`;
  const started = performance.now();
  const { stdout } = await run(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH ?? '', ...FUNCTION_ENV },
    timeout: 30_000,
  });
  return { importMs: Number(stdout.trim()), processMs: performance.now() - started };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function formatKb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} KB`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  header('Infra bench (bench/infra.ts)');
  const rows = await benchInfra();
  header('Summary');
  printTable(rows);
  if (rows.some((row) => row.verdict === 'MISS')) process.exitCode = 1;
}
