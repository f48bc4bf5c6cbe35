/**
 * Where a thread's CPU goes, by part of the code: a sampling profile of the calling thread taken
 * in-process (node:inspector/promises, V8's CPU profiler), each sample's self time attributed by the
 * URL of its function to the project's domain, its adapters, the AWS SDK, Powertools, or Node and V8.
 * Used by the lambda bench (the handler's CPU) and the pipeline bench (the main thread's).
 */
import { Session } from 'node:inspector/promises';
import type { Profiler } from 'node:inspector';

export type CodePart = 'domain' | 'adapters' | 'aws-sdk' | 'powertools' | 'node' | 'other';

/** In the order the tables list them; the first two are the project's own code. */
export const CODE_PARTS: readonly { part: CodePart; label: string }[] = [
  { part: 'domain', label: "the project's domain (validation, rules, formats, codes, payers, NCCI)" },
  { part: 'adapters', label: "the project's adapters and application (shared/aws, shared/application, functions)" },
  { part: 'aws-sdk', label: 'AWS SDK (@aws-sdk, @smithy)' },
  { part: 'powertools', label: 'Powertools (logger, metrics, batch, tracer), middy, the X-Ray SDK' },
  { part: 'node', label: 'Node and V8 (node: internals, garbage collection, (program))' },
  { part: 'other', label: 'other dependencies' },
];

export const OUR_PARTS: readonly CodePart[] = ['domain', 'adapters'];

/** The X-Ray SDK Powertools' tracer loads, and the packages it brings for its context (async hooks). */
const X_RAY_SDK = new Set(['aws-xray-sdk-core', 'cls-hooked', 'emitter-listener', 'shimmer', 'async-hook-jl', 'atomic-batcher', 'semver']);

const DOMAIN = /\/shared\/(claim|rules|scrub|formats|codes|payers|ncci|intake|files)\//;
const ADAPTERS = /\/(shared\/(aws|application)|functions)\//;

/**
 * The part a source file belongs to, by its path or URL (a profile's callFrame URL, or a bundle's input
 * path); undefined when it names no file (V8's builtins, native functions), which the caller attributes.
 */
export function codePartOf(pathOrUrl: string): CodePart | undefined {
  if (pathOrUrl === '') return undefined;
  if (pathOrUrl.startsWith('node:') || !pathOrUrl.includes('/')) return 'node';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(pathOrUrl)?.[1];
  if (pkg !== undefined) {
    if (pkg.startsWith('@aws-sdk/') || pkg.startsWith('@smithy/')) return 'aws-sdk';
    if (pkg.startsWith('@aws-lambda-powertools/') || pkg.startsWith('@middy/') || pkg.startsWith('@aws/lambda-invoke-store') || X_RAY_SDK.has(pkg)) return 'powertools';
    return 'other';
  }
  if (DOMAIN.test(pathOrUrl)) return 'domain';
  if (ADAPTERS.test(pathOrUrl)) return 'adapters';
  return 'other';
}

/** Self time by part, in microseconds, of the samples that were not idle. */
export interface CpuBreakdown {
  micros: Record<CodePart, number>;
  /** All non-idle sampled time. */
  totalMicros: number;
  samples: number;
  /** Self time of the heaviest functions (non-idle), for a look inside each part. */
  top: { part: CodePart; fn: string; micros: number }[];
}

/** Samples every ~`intervalMicros` of the calling thread while `work` runs. */
export async function profileCpu<T>(work: () => Promise<T>, intervalMicros = 100): Promise<{ result: T; breakdown: CpuBreakdown }> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: intervalMicros });
    await session.post('Profiler.start');
    let profile: Profiler.Profile | undefined;
    let result: T;
    try {
      result = await work();
    } finally {
      ({ profile } = await session.post('Profiler.stop'));
    }
    await session.post('Profiler.disable');
    return { result, breakdown: breakdownOf(profile) };
  } finally {
    session.disconnect();
  }
}

/**
 * A function with no file (a builtin such as JSON.stringify, or a native) is attributed to the nearest
 * caller that has one: its cost is that caller's choice. GC and (program) are Node and V8's; idle is left out.
 */
export function breakdownOf(profile: Profiler.Profile): CpuBreakdown {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const partOf = new Map<number, CodePart | 'idle'>();
  const resolve = (id: number): CodePart | 'idle' => {
    const known = partOf.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const name = node?.callFrame.functionName ?? '';
    let part: CodePart | 'idle';
    if (name === '(idle)') part = 'idle';
    else if (name === '(garbage collector)' || name === '(program)' || name === '(root)') part = 'node';
    else {
      const parent = parentOf.get(id);
      part = codePartOf(node?.callFrame.url ?? '') ?? (parent === undefined ? 'node' : resolve(parent));
    }
    partOf.set(id, part);
    return part;
  };

  const micros: Record<CodePart, number> = { domain: 0, adapters: 0, 'aws-sdk': 0, powertools: 0, node: 0, other: 0 };
  const byFunction = new Map<string, { part: CodePart; fn: string; micros: number }>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let total = 0;
  let counted = 0;
  for (const [i, id] of samples.entries()) {
    // A sample's delta is the time since the previous one; the first has none to speak of.
    const delta = i === 0 ? 0 : Math.max(0, deltas[i] ?? 0);
    const part = resolve(id);
    if (part === 'idle') continue;
    micros[part] += delta;
    total += delta;
    counted++;
    const frame = byId.get(id)?.callFrame;
    const fn = `${frame?.functionName || '(anonymous)'} ${shortUrl(frame?.url ?? '')}`.trim();
    const entry = byFunction.get(fn) ?? { part, fn, micros: 0 };
    entry.micros += delta;
    byFunction.set(fn, entry);
  }
  const top = [...byFunction.values()].sort((a, b) => b.micros - a.micros).slice(0, 12);
  return { micros, totalMicros: total, samples: counted, top };
}

/** Each part's share of the sampled time. */
export function sharesOf(breakdown: CpuBreakdown): Record<CodePart, number> {
  const total = breakdown.totalMicros || 1;
  const shares = {} as Record<CodePart, number>;
  for (const { part } of CODE_PARTS) shares[part] = breakdown.micros[part] / total;
  return shares;
}

/** The share of the project's own code (domain + adapters). */
export function ourShare(breakdown: CpuBreakdown): number {
  const shares = sharesOf(breakdown);
  return OUR_PARTS.reduce((sum, part) => sum + shares[part], 0);
}

function shortUrl(url: string): string {
  const pkg = /node_modules\/(.*)$/.exec(url)?.[1];
  if (pkg !== undefined) return pkg;
  const project = /\/(shared|functions|local|bench)\/(.*)$/.exec(url);
  return project ? `${project[1]}/${project[2]}` : url;
}

/** One part's share of the sampled time, and what that share comes to of a CPU figure measured without the profiler. */
export interface PartFigure {
  part: CodePart;
  label: string;
  share: number;
  micros: number;
}

/**
 * The parts of `cpuMicros` (a CPU time per claim measured with the profiler off), in the proportions
 * the profile found, followed by the two sums: the project's code, and everything else.
 */
export function partsOf(breakdown: CpuBreakdown, cpuMicros: number): { parts: PartFigure[]; ours: PartFigure; platform: PartFigure } {
  const shares = sharesOf(breakdown);
  const parts = CODE_PARTS.map(({ part, label }) => ({ part, label, share: shares[part], micros: shares[part] * cpuMicros }));
  const ourShareValue = ourShare(breakdown);
  return {
    parts,
    ours: { part: 'domain', label: "the project's code (domain + adapters)", share: ourShareValue, micros: ourShareValue * cpuMicros },
    platform: { part: 'aws-sdk', label: 'the platform (AWS SDK, Powertools, Node and V8, other dependencies)', share: 1 - ourShareValue, micros: (1 - ourShareValue) * cpuMicros },
  };
}

/** Prints the parts as a table: part | share | µs per claim, with the sums and the heaviest functions. */
export function printParts(breakdown: CpuBreakdown, cpuMicros: number, unit = 'claim'): void {
  const { parts, ours, platform } = partsOf(breakdown, cpuMicros);
  const rows = [...parts, ours, platform];
  const width = Math.max(...rows.map((r) => r.label.length));
  console.log(`  ${'part'.padEnd(width)}  share  µs per ${unit}`);
  const line = (r: PartFigure) => console.log(`  ${r.label.padEnd(width)}  ${`${(r.share * 100).toFixed(1)} %`.padStart(6)}  ${r.micros.toFixed(1).padStart(6 + unit.length)}`);
  for (const r of parts) line(r);
  console.log(`  ${'-'.repeat(width)}`);
  line(ours);
  line(platform);
  const total = breakdown.totalMicros || 1;
  console.log(`  heaviest functions (self time): ${breakdown.top.slice(0, 8).map((t) => `${t.fn} [${t.part}] ${((t.micros / total) * 100).toFixed(1)} %`).join('; ')}`);
}
