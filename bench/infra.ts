/**
 * The scrub function as Lambda gets it: bundle size, and cold initialisation (importing the bundle in
 * a fresh Node process, median of 10). `node bench/infra.ts`, or part of `npm run bench`.
 * The bundle is built with the construct's own esbuild settings (infra/bundling.ts).
 *
 * Beside it, in the same run and by the same method, three bundles that say whose the size and the
 * time are: the project's domain alone (bench/infra-domain-entry.ts: what the handler uses of it,
 * nothing of AWS), the AWS SDK clients and Powertools alone, constructed as the handler constructs them
 * (bench/infra-platform-entry.ts), and an empty module, Node's own floor for importing a bundle.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build, type Metafile } from 'esbuild';
import { esbuildOptions, SCRUB_CLAIMS_ENTRY } from '../infra/bundling.ts';
import { CODE_PARTS, codePartOf, type CodePart } from './cpu-profile.ts';
import { childrenCpuSeconds, machineBusySeconds, otherCoresDuring } from './machine.ts';
import { formatInt, header, printTable, verdict, type SummaryRow } from './summary.ts';

export const TARGET_BUNDLE_BYTES = 500_000;
export const TARGET_INIT_MS = 60;
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

interface BundlePart {
  key: 'handler' | 'domain' | 'platform' | 'empty';
  label: string;
  entry: string;
  /** An export the import must yield, so a bundle that lost its code would not pass for a fast one. */
  exportName: string;
}

const PARTS: readonly BundlePart[] = [
  { key: 'handler', label: 'scrub handler, as deployed', entry: SCRUB_CLAIMS_ENTRY, exportName: 'handler' },
  { key: 'domain', label: "the project's domain alone", entry: fileURLToPath(new URL('./infra-domain-entry.ts', import.meta.url)), exportName: 'ScrubBatch' },
  { key: 'platform', label: 'AWS SDK clients + Powertools alone', entry: fileURLToPath(new URL('./infra-platform-entry.ts', import.meta.url)), exportName: 'handler' },
  { key: 'empty', label: "empty module (Node's import floor)", entry: fileURLToPath(new URL('./infra-empty-entry.ts', import.meta.url)), exportName: 'handler' },
];

interface Built {
  part: BundlePart;
  bundle: string;
  bytes: number;
  mapBytes: number;
  buildMs: number;
  metafile: Metafile | undefined;
}

export async function benchInfra(): Promise<SummaryRow[]> {
  // Outside the repository, so the bundle cannot fall back on node_modules: as in /var/task.
  const root = mkdtempSync(join(tmpdir(), 'claim-scrubber-bundle-'));
  try {
    const built: Built[] = [];
    for (const part of PARTS) {
      const outdir = join(root, part.key);
      const started = performance.now();
      const result = await build(esbuildOptions(part.entry, outdir));
      const bundle = join(outdir, 'index.mjs');
      built.push({ part, bundle, bytes: statSync(bundle).size, mapBytes: statSync(`${bundle}.map`).size, buildMs: performance.now() - started, metafile: result.metafile });
    }
    const of = (key: BundlePart['key']): Built => built.find((b) => b.part.key === key) as Built;
    const handler = of('handler');

    // Interleaved rounds, so a change in the machine's load meets every variant alike. The handler is
    // also imported without --enable-source-maps, to see what the function's NODE_OPTIONS cost.
    const variants = [...built.map((b) => ({ key: b.part.key as string, bundle: b.bundle, exportName: b.part.exportName, sourceMaps: true })),
      { key: 'handler-no-maps', bundle: handler.bundle, exportName: 'handler', sourceMaps: false }];
    const inits = new Map<string, number[]>(variants.map((v) => [v.key, []]));
    const processes: number[] = [];
    // Other processes' CPU over the imports: the machine's, less this process's and its children's.
    const cpu = process.cpuUsage();
    const children = childrenCpuSeconds();
    const machine = machineBusySeconds();
    const started = performance.now();
    for (let i = 0; i < INIT_RUNS; i++) {
      for (const variant of variants) {
        const { importMs, processMs } = await coldImport(variant.bundle, variant.exportName, variant.sourceMaps);
        inits.get(variant.key)?.push(importMs);
        if (variant.key === 'handler') processes.push(processMs);
      }
    }
    const own = process.cpuUsage(cpu);
    const childrenMicros = ((childrenCpuSeconds() ?? 0) - (children ?? 0)) * 1e6;
    const otherCores = children === undefined ? undefined : otherCoresDuring(machine, { user: own.user + childrenMicros, system: own.system }, (performance.now() - started) / 1000);
    const initOf = (key: string) => median(inits.get(key) ?? []);
    const initMs = initOf('handler');
    const processMs = median(processes);

    console.log(`scrub-claims bundle (esbuild, ${Math.round(handler.buildMs)} ms): ${formatKb(handler.bytes)} (+ ${formatKb(handler.mapBytes)} source map)`);
    const byPackage = bytesByPackage(handler.metafile);
    console.log(`  largest parts: ${[...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([name, size]) => `${name} ${formatKb(size)}`).join(', ')}`);
    const byPart = bytesByCodePart(handler.metafile);
    console.log(`  by part of the code: ${CODE_PARTS.filter(({ part }) => byPart[part] > 0).map(({ part }) => `${part} ${formatKb(byPart[part])}`).join(', ')}`);
    console.log(`  the cold import, whole process incl. Node start-up: ${processMs.toFixed(0)} ms (median); runs of the handler: ${(inits.get('handler') ?? []).map((ms) => ms.toFixed(0)).join(', ')} ms`);

    console.log(`\nSide by side: each bundle built with the construct's esbuild settings, imported in a fresh node --enable-source-maps, median of ${INIT_RUNS} interleaved runs`);
    const table = built.map((b) => ({ part: b.part.label, kb: (b.bytes / 1000).toFixed(1), ms: initOf(b.part.key).toFixed(1) }));
    table.push({ part: 'scrub handler, without --enable-source-maps', kb: (handler.bytes / 1000).toFixed(1), ms: initOf('handler-no-maps').toFixed(1) });
    const w = Math.max(...table.map((r) => r.part.length));
    console.log(`  ${'part'.padEnd(w)}  bundle KB  cold import ms`);
    for (const r of table) console.log(`  ${r.part.padEnd(w)}  ${r.kb.padStart(9)}  ${r.ms.padStart(14)}`);

    const domain = of('domain');
    const platform = of('platform');
    const floorMs = initOf('empty');
    const platformMs = initOf('platform');
    const domainMs = initOf('domain');
    const ourBytes = byPart.domain + byPart.adapters;
    const platformBytes = byPart['aws-sdk'] + byPart.powertools;
    console.log(
      `${verdict(handler.bytes <= TARGET_BUNDLE_BYTES)} bundle size ${formatKb(handler.bytes)} (target ≤ ${formatKb(TARGET_BUNDLE_BYTES)}): ` +
        `AWS SDK + Powertools alone make ${formatKb(platform.bytes)}${platform.bytes > TARGET_BUNDLE_BYTES ? ', above the target with none of our code' : ''}; ` +
        `the domain alone ${formatKb(domain.bytes)}${domain.bytes > TARGET_BUNDLE_BYTES ? ', above the target too' : ''}. In the handler's bundle: AWS SDK ${formatKb(byPart['aws-sdk'])} + Powertools, middy and X-Ray ${formatKb(byPart.powertools)} = ${percent(platformBytes, handler.bytes)}; ` +
        `the project's code ${formatKb(ourBytes)} (${percent(ourBytes, handler.bytes)}); other dependencies ${formatKb(byPart.other)} (${[...byPackage].filter(([name]) => !name.startsWith('(project)') && codePartOf(`node_modules/${name}/`) === 'other').sort((a, b) => b[1] - a[1]).map(([name, size]) => `${name} ${formatKb(size)}`).join(', ')})`,
    );
    console.log(
      `${verdict(initMs <= TARGET_INIT_MS)} cold init ${initMs.toFixed(0)} ms (target ≤ ${TARGET_INIT_MS} ms): ` +
        `AWS SDK + Powertools alone take ${platformMs.toFixed(0)} ms${platformMs > TARGET_INIT_MS ? ', above the target with none of our code' : ''}; the domain alone ${domainMs.toFixed(0)} ms${domainMs > TARGET_INIT_MS ? ', above the target too' : ''}; an empty module ${floorMs.toFixed(0)} ms. ` +
        `Above the floor: platform ${(platformMs - floorMs).toFixed(0)} ms, domain ${(domainMs - floorMs).toFixed(0)} ms, of the handler's ${(initMs - floorMs).toFixed(0)} ms`,
    );
    const mapsMs = initMs - initOf('handler-no-maps');
    console.log(`  --enable-source-maps (the function's NODE_OPTIONS) costs ${mapsMs.toFixed(1)} ms of the handler's cold init`);
    if (otherCores !== undefined) console.log(`Other processes used ${otherCores.toFixed(2)} cores during the cold imports (the machine's busy time less this process's and its child processes')`);

    const row = (metric: string, value: string, target?: string, pass?: boolean): SummaryRow => ({
      section: 'infra',
      metric,
      value,
      ...(target === undefined ? {} : { target }),
      ...(pass === undefined ? {} : { verdict: verdict(pass) }),
    });
    return [
      row('scrub bundle size (KB)', formatInt(handler.bytes / 1000), `≤ ${formatInt(TARGET_BUNDLE_BYTES / 1000)}`, handler.bytes <= TARGET_BUNDLE_BYTES),
      row('  of which AWS SDK + Powertools (KB)', formatInt(platformBytes / 1000)),
      row("  of which the project's code (KB)", formatInt(ourBytes / 1000)),
      row('AWS SDK + Powertools alone: bundle (KB)', formatInt(platform.bytes / 1000)),
      row('domain alone: bundle (KB)', formatInt(domain.bytes / 1000)),
      row('scrub cold init, median (ms)', formatInt(initMs), `≤ ${TARGET_INIT_MS}`, initMs <= TARGET_INIT_MS),
      row('AWS SDK + Powertools alone: cold init (ms)', formatInt(platformMs)),
      row('domain alone: cold init (ms)', formatInt(domainMs)),
      row('empty module: cold init (ms)', formatInt(floorMs)),
      row('scrub cold init without source maps (ms)', formatInt(initOf('handler-no-maps'))),
      ...(otherCores === undefined ? [] : [row('CPU used by other processes (cores)', otherCores.toFixed(2))]),
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function bytesByPackage(metafile: Metafile | undefined): Map<string, number> {
  const output = Object.values(metafile?.outputs ?? {}).find((o) => o.entryPoint !== undefined);
  const byPackage = new Map<string, number>();
  for (const [path, input] of Object.entries(output?.inputs ?? {})) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? `(project) ${path.split('/').slice(0, 2).join('/')}`;
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + input.bytesInOutput);
  }
  return byPackage;
}

function bytesByCodePart(metafile: Metafile | undefined): Record<CodePart, number> {
  const output = Object.values(metafile?.outputs ?? {}).find((o) => o.entryPoint !== undefined);
  const byPart: Record<CodePart, number> = { domain: 0, adapters: 0, 'aws-sdk': 0, powertools: 0, node: 0, other: 0 };
  // esbuild names inputs relative to the working directory: prefix a slash so the project's folders match.
  for (const [path, input] of Object.entries(output?.inputs ?? {})) byPart[codePartOf(`/${path}`) ?? 'other'] += input.bytesInOutput;
  return byPart;
}

function percent(part: number, whole: number): string {
  return `${((part / whole) * 100).toFixed(0)} %`;
}

/** One fresh Node process importing the bundle, with source maps on as the function's NODE_OPTIONS has it (unless told otherwise). */
async function coldImport(bundle: string, exportName: string, sourceMaps: boolean): Promise<{ importMs: number; processMs: number }> {
  const script = `const t0 = performance.now(); const m = await import(${JSON.stringify(pathToFileURL(bundle).href)}); if (typeof m[${JSON.stringify(exportName)}] !== 'function') throw new Error('no ${exportName} export'); console.log(performance.now() - t0);`;
  const started = performance.now();
  const { stdout } = await run(process.execPath, [...(sourceMaps ? ['--enable-source-maps'] : []), '--input-type=module', '-e', script], {
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
