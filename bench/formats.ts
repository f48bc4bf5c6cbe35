/**
 * Claim-format bench: X12 837P parse throughput on the real x12_many_claims.txt (820 claims); X12
 * streaming throughput on a generated 837P file, side by side with the reader's old x12-parser path,
 * x12-parser's and node-x12's raw tokenizing and the project's tokenizer alone (bench/x12/throughput.ts,
 * decision 017); and peak memory while streaming generated 837P files of 25,000, 100,000 and
 * 1,000,000 claims (the old path at 100,000) and claim JSON arrays of 25,000 and 100,000 claims.
 * Each big file is parsed in a fresh Node process, so its peak RSS is its own and not a high-water
 * mark left by an earlier run: flat figures across sizes show that memory does not grow with the file.
 *
 * `node bench/formats.ts` runs it alone; `npm run bench` calls benchFormats() when it plugs it in.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { contentStart, peekSource } from '../shared/formats/byte-source.ts';
import { PEEK_CHARACTERS } from '../shared/formats/detect-format.ts';
import { openClaimsFile } from '../shared/formats/index.ts';
import { ISA_LENGTH } from '../shared/formats/x12/isa-header.ts';
import { generateClaims } from './generate-claims.ts';
import { formatInt, formatRatio, header, printTable, verdict, type SummaryRow } from './summary.ts';
import { measureThroughputInChild, printThroughput } from './x12/throughput.ts';
import { readX12WithX12Parser } from './x12/x12-parser-reader.ts';

const MANY_CLAIMS = fileURLToPath(new URL('../test/fixtures/x12/x12_many_claims.txt', import.meta.url));
const SIZES = [25_000, 100_000, 1_000_000] as const;
/** The old reader's memory is compared at this size only: at 1,000,000 claims it takes minutes. */
const OLD_READER_SIZE = 100_000;
const JSON_SIZES = [25_000, 100_000] as const;
/** "Flat": 40 times the claims may cost at most half as much memory again (Node and the modules are most of it). */
const FLAT_RATIO = 1.5;
const PASSES = 7;
/** The throughput file: 10 MB, read by six contenders in turn, THROUGHPUT_PASSES times each. */
const THROUGHPUT_CLAIMS = 25_000;
const THROUGHPUT_PASSES = 5;
/** The streaming target for the reader, bytes to claims. */
const TARGET_MB_PER_SECOND = 100;
/** 837P allows at most 5,000 claims per transaction set. */
const CLAIMS_PER_TRANSACTION = 5_000;

interface ParseRun {
  claims: number;
  rejected: number;
  ms: number;
  peakRssMb: number;
  startRssMb: number;
  peakHeapMb: number;
  /** Largest heap still in use right after a full GC, sampled every 5,000 claims (child runs only). */
  retainedHeapMb?: number;
  fileMb: number;
}

type ReaderPath = 'own' | 'x12-parser';

export async function benchFormats(): Promise<SummaryRow[]> {
  header('Claim formats bench (bench/formats.ts)');
  const rows: SummaryRow[] = [];

  const rates: number[] = [];
  for (let pass = 0; pass < PASSES + 1; pass++) {
    const run = await parseFile(MANY_CLAIMS);
    if (pass > 0) rates.push(run.claims / (run.ms / 1000)); // the first pass warms the JIT
  }
  rates.sort((a, b) => a - b);
  const median = rates[Math.floor(rates.length / 2)] ?? 0;
  console.log(`x12_many_claims.txt: 820 claims, median of ${PASSES} passes: ${formatInt(median)} claims/s (best ${formatInt(rates.at(-1) ?? 0)})`);
  rows.push({ section: 'formats', metric: 'X12 parse x12_many_claims.txt (claims/s)', value: formatInt(median) });

  const dir = mkdtempSync(join(tmpdir(), 'claim-scrubber-x12-bench-'));
  try {
    rows.push(...(await throughputRows(dir)));
    rows.push(...(await x12MemoryRows(dir)));
    rows.push(...(await jsonMemoryRows(dir)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

/** Bytes → claims and bytes → segments, every contender on the same generated file. */
async function throughputRows(dir: string): Promise<SummaryRow[]> {
  const path = join(dir, `throughput-${THROUGHPUT_CLAIMS}.x12`);
  await writeGenerated837p(path, THROUGHPUT_CLAIMS);
  const fileMb = statSync(path).size / 2 ** 20;
  const results = measureThroughputInChild(path, THROUGHPUT_CLAIMS, THROUGHPUT_PASSES);
  rmSync(path);
  printThroughput(results, fileMb, THROUGHPUT_CLAIMS);
  const rows: SummaryRow[] = results.map((r) => ({
    section: 'formats',
    metric: `X12 stream, ${r.name} (MB/s; claims/s)`,
    value: `${r.mbPerSecond.toFixed(1)}; ${formatInt(r.claimsPerSecond)}`,
  }));
  const reader = results[0];
  const tokenizer = results.find((r) => r.name.startsWith('own tokenizer alone'));
  const target = `≥ ${TARGET_MB_PER_SECOND} MB/s`;
  rows.push({ section: 'formats', metric: 'X12 stream, reader bytes → claims (MB/s)', value: (reader?.mbPerSecond ?? 0).toFixed(1), target, verdict: verdict((reader?.mbPerSecond ?? 0) >= TARGET_MB_PER_SECOND) });
  // The target is the reader's, bytes to claims. The tokenizer alone cuts no value until one is read, so
  // its figure is a part of the reader's time, not a contender for the target: printed without a verdict.
  rows.push({ section: 'formats', metric: 'X12 stream, own tokenizer alone, no value cut (MB/s)', value: (tokenizer?.mbPerSecond ?? 0).toFixed(1) });
  return rows;
}

/** Peak RSS and retained heap of the reader at 25,000 to 1,000,000 claims, and of the old path at 100,000. */
async function x12MemoryRows(dir: string): Promise<SummaryRow[]> {
  const rows: SummaryRow[] = [];
  const runs: ParseRun[] = [];
  let old: ParseRun | undefined;
  for (const claims of SIZES) {
    const path = join(dir, `generated-${claims}.x12`);
    await writeGenerated837p(path, claims);
    const run = parseInChild(path, 'own');
    if (run.claims !== claims) throw new Error(`the X12 file of ${claims} claims read as ${run.claims}`);
    runs.push(run);
    printRun(`${formatInt(claims)} claims`, run);
    rows.push({ section: 'formats', metric: `X12 stream ${formatInt(claims)} claims: peak RSS (MB)`, value: run.peakRssMb.toFixed(0) });
    rows.push({ section: 'formats', metric: `X12 stream ${formatInt(claims)} claims: retained heap (MB)`, value: (run.retainedHeapMb ?? 0).toFixed(1) });
    if (claims === OLD_READER_SIZE) {
      old = parseInChild(path, 'x12-parser');
      printRun(`${formatInt(claims)} claims, reader with x12-parser`, old);
      rows.push({ section: 'formats', metric: `X12 stream ${formatInt(claims)} claims, reader with x12-parser: peak RSS (MB)`, value: old.peakRssMb.toFixed(0) });
    }
    // A file of a million claims is several hundred MB: gone as soon as it has been read.
    rmSync(path);
  }
  const small = runs[0];
  const large = runs.at(-1);
  const growth = (large?.peakRssMb ?? 0) - (small?.peakRssMb ?? 0);
  console.log(`peak RSS from ${formatInt(SIZES[0])} to ${formatInt(SIZES[2])} claims: ${growth >= 0 ? '+' : ''}${growth.toFixed(0)} MB for a file 40x as large`);
  const x12Ratio = ratio(small, large);
  console.log(`\npeak RSS, streamed         ${SIZES.map((n) => `${formatInt(n)} claims`.padStart(18)).join('')}   ${formatInt(SIZES[2])} / ${formatInt(SIZES[0])}`);
  console.log(`X12 837P, own tokenizer   ${runs.map((r) => pad(r)).join('')}   ${formatRatio(x12Ratio)}`);
  console.log(`X12 837P, x12-parser      ${''.padStart(18)}${pad(old)}`);
  rows.push({ section: 'formats', metric: 'X12 stream peak RSS, 1,000,000 ÷ 25,000 claims', value: formatRatio(x12Ratio), target: `≤ ${formatRatio(FLAT_RATIO)} (flat)`, verdict: verdict(x12Ratio <= FLAT_RATIO) });
  rows.push({ section: 'formats', metric: 'X12 stream 1,000,000 claims from disk (claims/s)', value: formatInt((large?.claims ?? 0) / ((large?.ms ?? 1) / 1000)) });
  return rows;
}

async function jsonMemoryRows(dir: string): Promise<SummaryRow[]> {
  const rows: SummaryRow[] = [];
  const jsonRuns: ParseRun[] = [];
  for (const claims of JSON_SIZES) {
    const path = join(dir, `generated-${claims}.json`);
    await writeGeneratedJsonArray(path, claims);
    const run = parseInChild(path, 'own');
    rmSync(path);
    if (run.claims !== claims) throw new Error(`the JSON array of ${claims} claims read as ${run.claims}`);
    jsonRuns.push(run);
    printRun(`JSON array, ${formatInt(claims)} claims`, run);
    rows.push({ section: 'formats', metric: `JSON array ${formatInt(claims)} claims: peak RSS (MB)`, value: run.peakRssMb.toFixed(0) });
  }
  const jsonRatio = ratio(jsonRuns[0], jsonRuns.at(-1));
  console.log(`claim JSON array peak RSS: ${pad(jsonRuns[0])} at 25,000 claims, ${pad(jsonRuns.at(-1))} at 100,000 (${formatRatio(jsonRatio)})`);
  rows.push({ section: 'formats', metric: 'JSON array peak RSS, 100k ÷ 25k claims', value: formatRatio(jsonRatio), target: `≤ ${formatRatio(FLAT_RATIO)} (flat)`, verdict: verdict(jsonRatio <= FLAT_RATIO) });
  rows.push({ section: 'formats', metric: 'JSON array 100,000 claims (claims/s)', value: formatInt((jsonRuns.at(-1)?.claims ?? 0) / ((jsonRuns.at(-1)?.ms ?? 1) / 1000)) });
  return rows;
}

function printRun(what: string, run: ParseRun): void {
  console.log(
    `${what} (${run.fileMb.toFixed(1)} MB) streamed: ${formatInt(run.claims / (run.ms / 1000))} claims/s, ${(run.fileMb / (run.ms / 1000)).toFixed(1)} MB/s, ` +
      `peak RSS ${run.peakRssMb.toFixed(0)} MB (${run.startRssMb.toFixed(0)} MB before reading), peak heap ${run.peakHeapMb.toFixed(0)} MB, ` +
      `heap retained after GC ≤ ${(run.retainedHeapMb ?? 0).toFixed(1)} MB`,
  );
}

/** Reads a file through openClaimsFile (or the old x12-parser path), sampling the heap as it goes. */
async function parseFile(path: string, reader: ReaderPath = 'own'): Promise<ParseRun> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const startRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  let retained = 0;
  const started = performance.now();
  const file = reader === 'own' ? await openClaimsFile(createReadStream(path)) : await openWithX12Parser(path);
  for await (const item of file.items) {
    if ((item.index & 1023) === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    if (gc && item.index % 5_000 === 0) {
      // What the reader holds, not garbage V8 has yet to collect: this is what must stay flat.
      gc();
      retained = Math.max(retained, process.memoryUsage().heapUsed);
    }
  }
  const ms = performance.now() - started;
  return {
    claims: file.counts.claimsRead,
    rejected: file.counts.rejected,
    ms,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    startRssMb: startRss / 2 ** 20,
    peakHeapMb: peakHeap / 2 ** 20,
    ...(gc ? { retainedHeapMb: retained / 2 ** 20 } : {}),
    fileMb: statSync(path).size / 2 ** 20,
  };
}

/** The X12 file through the reader's old path, peeked as openClaimsFile peeks it. */
async function openWithX12Parser(path: string): Promise<{ items: AsyncIterable<{ index: number }>; counts: { claimsRead: number; rejected: number } }> {
  const peeked = await peekSource(createReadStream(path), (head) => head.length - contentStart(head) > Math.max(ISA_LENGTH + 2, PEEK_CHARACTERS));
  const read = readX12WithX12Parser(peeked, contentStart(peeked.head));
  return {
    items: read.items,
    get counts() {
      return read.counts();
    },
  };
}

function ratio(small: ParseRun | undefined, large: ParseRun | undefined): number {
  return (large?.peakRssMb ?? 0) / (small?.peakRssMb ?? 1);
}

function pad(run: ParseRun | undefined): string {
  return `${(run?.peakRssMb ?? 0).toFixed(0)} MB`.padStart(18);
}

/** A claim event contract JSON array of generated claims, one a line, written 5,000 at a time. */
export async function writeGeneratedJsonArray(path: string, claims: number): Promise<void> {
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('[\n');
  for (let written = 0; written < claims; written += 5_000) {
    const batch = generateClaims(Math.min(5_000, claims - written), 20200302 + written);
    await write(batch.map((claim) => JSON.stringify(claim)).join(',\n') + (written + batch.length < claims ? ',\n' : '\n'));
  }
  await write(']\n');
  out.end();
  await once(out, 'finish');
}

function parseInChild(path: string, reader: ReaderPath): ParseRun {
  const child = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', '--expose-gc', fileURLToPath(import.meta.url), '--parse', path, reader], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`parsing ${path} failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as ParseRun;
}

/** A valid 5010 837P file of home-infusion claims: one interchange, 5,000 claims per transaction set. */
export async function writeGenerated837p(path: string, claims: number): Promise<void> {
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const transactions = Math.ceil(claims / CLAIMS_PER_TRANSACTION);
  await write('ISA*00*          *00*          *ZZ*BENCH          *ZZ*CLEARINGHOUSE  *200305*1400*^*00501*000000001*0*T*:~\n');
  await write('GS*HC*BENCH*CLEARINGHOUSE*20200305*1400*1*X*005010X222A1~\n');
  let written = 0;
  for (let t = 1; t <= transactions; t++) {
    const control = String(t).padStart(4, '0');
    const header = [
      `ST*837*${control}*005010X222A1~`,
      `BHT*0019*00*BENCH${control}*20200305*1400*CH~`,
      'NM1*41*2*RIVERBEND HOME INFUSION*****46*RB0001~',
      'PER*IC*BILLING OFFICE*TE*5555550100~',
      'NM1*40*2*EXAMPLE CLEARINGHOUSE*****46*CH0001~',
      'HL*1**20*1~',
      'NM1*85*2*RIVERBEND HOME INFUSION*****XX*1234567893~',
      'N3*100 RIVER ROAD~',
      'N4*SPRINGFIELD*IL*627010001~',
      'REF*EI*371234567~',
    ];
    let segments = header.length;
    await write(header.join('\n') + '\n');
    const inThis = Math.min(CLAIMS_PER_TRANSACTION, claims - written);
    for (let c = 0; c < inThis; c++) {
      const n = written + c + 1;
      const medicare = n % 4 === 0;
      const claim = [
        `HL*${c + 2}*1*22*0~`,
        `SBR*P*18*******${medicare ? 'MB' : 'CI'}~`,
        `NM1*IL*1*MEMBER*BENCH****MI*BM${String(n).padStart(8, '0')}~`,
        'DMG*D8*19610714*F~',
        medicare ? 'NM1*PR*2*MEDICARE PART B JM*****PI*MCR-JM~' : 'NM1*PR*2*BLUE VALLEY PPO*****PI*BVPPO~',
        `CLM*BENCH-${n}*600***49:B:1*Y*A*Y*Y~`,
        'HI*ABK:A419*ABF:T8144XA~',
        'NM1*82*1*NURSE*NORA****XX*1245319599~',
        'PRV*PE*PXC*163W00000X~',
        'LX*1~',
        'SV1*HC:S9500:SS*210*UN*1***1~',
        'DTP*472*D8*20200302~',
        'LX*2~',
        'SV1*HC:99601:SS:SD*180*MJ*215***1~',
        'DTP*472*D8*20200302~',
        'LX*3~',
        'SV1*HC:99602:SS:SD*150*UN*2***1~',
        'DTP*472*D8*20200302~',
      ];
      segments += claim.length;
      await write(claim.join('\n') + '\n');
    }
    written += inThis;
    await write(`SE*${segments + 1}*${control}~\n`);
  }
  await write(`GE*${transactions}*1~\nIEA*1*000000001~\n`);
  out.end();
  await once(out, 'finish');
}

if (process.argv[2] === '--parse' && process.argv[3]) {
  process.stdout.write(JSON.stringify(await parseFile(process.argv[3], process.argv[4] === 'x12-parser' ? 'x12-parser' : 'own')));
} else if (import.meta.filename === process.argv[1]) {
  printTable(await benchFormats());
}
