/**
 * `npm run bench [-- --only rules|pipeline|lambda|formats|infra|worklist] [--claims N --seed S --passes P]`
 * (--claims, --seed and --passes are the rules section's).
 *
 * Without --only, each section runs in a fresh Node process, one after another, so a section's peak
 * RSS is its own and not the high-water mark of the sections before it; their summary rows are
 * collected and printed as one table at the end.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatInt, header, isSummaryRow, peakRssMb, printTable, type SummaryRow } from './summary.ts';

const SECTIONS = ['rules', 'pipeline', 'lambda', 'formats', 'infra', 'worklist'] as const;
type Section = (typeof SECTIONS)[number];

const { values } = parseArgs({
  options: {
    claims: { type: 'string' },
    seed: { type: 'string' },
    passes: { type: 'string' },
    only: { type: 'string' },
    'rows-out': { type: 'string' },
  },
});

async function runSection(section: Section): Promise<number> {
  const rows: SummaryRow[] = [];
  let failed = false;
  try {
    rows.push(...(await SECTION_RUNNERS[section]()));
  } catch (error) {
    failed = true;
    console.error(`\nBENCH FAILED (${section}): ${error instanceof Error ? error.message : String(error)}`);
  }
  rows.push({ section, metric: 'process peak RSS (MB)', value: formatInt(peakRssMb()) });
  if (values['rows-out']) {
    writeFileSync(values['rows-out'], JSON.stringify(rows));
  } else {
    header('Summary');
    printTable(rows);
  }
  return failed ? 1 : 0;
}

/**
 * Each section's module is imported when it runs, not up front: the pipeline's and lambda's modules load
 * the AWS SDK, Powertools and the X-Ray SDK (whose async hooks slow every promise), and with them loaded
 * the formats section measured half its throughput.
 */
const SECTION_RUNNERS: Record<Section, () => Promise<SummaryRow[]>> = {
  rules: async () => {
    const { benchRules, DEFAULT_RULES_BENCH_OPTIONS } = await import('./rules-bench.ts');
    return benchRules({
      ...DEFAULT_RULES_BENCH_OPTIONS,
      claims: positiveInt(values.claims, DEFAULT_RULES_BENCH_OPTIONS.claims, '--claims'),
      seed: positiveInt(values.seed, DEFAULT_RULES_BENCH_OPTIONS.seed, '--seed'),
      passes: positiveInt(values.passes, DEFAULT_RULES_BENCH_OPTIONS.passes, '--passes'),
    });
  },
  pipeline: async () => {
    header('Pipeline bench: intake queue → scrub handler → review/clean queues, local stack');
    return (await import('./pipeline.ts')).benchPipeline();
  },
  lambda: async () => {
    header('Lambda bench: the scrub handler warm, 10,000 claims in batches of 25, local stack; CPU and wall per batch');
    return (await import('./lambda.ts')).benchLambda();
  },
  formats: async () => {
    header('Formats bench: X12 837P parsing');
    return (await import('./formats.ts')).benchFormats();
  },
  infra: async () => {
    header('Infra bench: scrub function bundle and cold start');
    return (await import('./infra.ts')).benchInfra();
  },
  worklist: async () => {
    header('Worklist bench: list and claim pages at 10,000 open items, local stack; page size');
    return (await import('./worklist.ts')).benchWorklist();
  },
};

function runAllSections(): number {
  const dir = mkdtempSync(join(tmpdir(), 'claim-scrubber-bench-'));
  const rows: SummaryRow[] = [];
  let status = 0;
  const passThrough = ['claims', 'seed', 'passes'].flatMap((name) => {
    const value = values[name as 'claims' | 'seed' | 'passes'];
    return value === undefined ? [] : [`--${name}`, value];
  });
  try {
    for (const section of SECTIONS) {
      const rowsFile = join(dir, `${section}.json`);
      const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--only', section, '--rows-out', rowsFile, ...passThrough], {
        stdio: 'inherit',
      });
      if (child.status !== 0) status = 1;
      try {
        const parsed: unknown = JSON.parse(readFileSync(rowsFile, 'utf8'));
        if (Array.isArray(parsed)) rows.push(...parsed.filter(isSummaryRow));
      } catch {
        rows.push({ section, metric: 'section did not finish', value: `exit ${child.status ?? child.signal}` });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  header('Summary');
  printTable(rows);
  return status;
}

function positiveInt(raw: string | undefined, fallback: number, flag: string): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${flag} must be a positive integer, got ${raw}`);
  return n;
}

// Dispatch last: the section table above must be initialised before a section runs.
if (values.only === undefined) {
  process.exitCode = runAllSections();
} else if (!(SECTIONS as readonly string[]).includes(values.only)) {
  console.error(`--only must be one of ${SECTIONS.join(', ')}, got ${values.only}`);
  process.exitCode = 2;
} else {
  process.exitCode = await runSection(values.only as Section);
}
