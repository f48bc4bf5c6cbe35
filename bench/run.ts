/**
 * `npm run bench [-- --claims N --seed S --passes P --only rules|pipeline]`: the rules bench, then every
 * later bench that plugs in (bench/pipeline.ts exporting `benchPipeline`), then one summary table.
 *
 * A plug-in bench may return SummaryRow[] (bench/summary.ts) to add rows to the summary table.
 * Peak RSS is a per-process high-water mark, so a later section's figure includes the rules bench's
 * (~1 GB for 100,000 claims); `--only` runs one section in a fresh process for a clean figure.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { benchRules, DEFAULT_RULES_BENCH_OPTIONS } from './rules-bench.ts';
import { formatInt, header, isSummaryRow, peakRssMb, printTable, type SummaryRow } from './summary.ts';

const { values } = parseArgs({
  options: {
    claims: { type: 'string' },
    seed: { type: 'string' },
    passes: { type: 'string' },
    only: { type: 'string' },
  },
});
const SECTIONS = ['rules', 'pipeline'] as const;
if (values.only !== undefined && !(SECTIONS as readonly string[]).includes(values.only)) {
  console.error(`--only must be one of ${SECTIONS.join(', ')}, got ${values.only}`);
  process.exit(2);
}
const runs = (section: (typeof SECTIONS)[number]): boolean => values.only === undefined || values.only === section;

const rows: SummaryRow[] = [];
let failed = false;

try {
  if (runs('rules')) {
    rows.push(
      ...(await benchRules({
        ...DEFAULT_RULES_BENCH_OPTIONS,
        claims: positiveInt(values.claims, DEFAULT_RULES_BENCH_OPTIONS.claims, '--claims'),
        seed: positiveInt(values.seed, DEFAULT_RULES_BENCH_OPTIONS.seed, '--seed'),
        passes: positiveInt(values.passes, DEFAULT_RULES_BENCH_OPTIONS.passes, '--passes'),
      })),
    );
  }

  const pipelineUrl = new URL('./pipeline.ts', import.meta.url);
  if (runs('pipeline') && existsSync(pipelineUrl)) {
    // A computed specifier: the file is optional, so a literal import would not type-check without it.
    const pipeline: unknown = await import(pipelineUrl.href);
    if (typeof pipeline === 'object' && pipeline !== null && 'benchPipeline' in pipeline && typeof pipeline.benchPipeline === 'function') {
      header('Pipeline bench (bench/pipeline.ts)');
      const result: unknown = await pipeline.benchPipeline();
      if (Array.isArray(result)) rows.push(...result.filter(isSummaryRow));
    } else {
      console.log('\nbench/pipeline.ts exports no benchPipeline function; pipeline bench skipped');
    }
  }
} catch (error) {
  failed = true;
  console.error(`\nBENCH FAILED: ${error instanceof Error ? error.message : String(error)}`);
}

header('Summary');
rows.push({ section: 'process', metric: 'peak RSS (MB)', value: formatInt(peakRssMb()) });
printTable(rows);
if (failed) process.exitCode = 1;

function positiveInt(raw: string | undefined, fallback: number, flag: string): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${flag} must be a positive integer, got ${raw}`);
  return n;
}
