/**
 * Claim-format bench: X12 837P parse throughput on the real x12_many_claims.txt (820 claims), and
 * peak memory while streaming generated 837P files of 25,000, 50,000 and 100,000 claims and claim
 * JSON arrays of 25,000 and 100,000 claims. Each big file is parsed in a fresh Node process, so its
 * peak RSS is its own and not a high-water mark left by an earlier run: flat figures across sizes
 * show that memory does not grow with the file.
 *
 * `node bench/formats.ts` runs it alone; `npm run bench` calls benchFormats() when it plugs it in.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { openClaimsFile } from '../shared/formats/index.ts';
import { generateClaims } from './generate-claims.ts';
import { formatInt, formatRatio, header, printTable, verdict, type SummaryRow } from './summary.ts';

const MANY_CLAIMS = fileURLToPath(new URL('../test/fixtures/x12/x12_many_claims.txt', import.meta.url));
const SIZES = [25_000, 50_000, 100_000] as const;
const JSON_SIZES = [25_000, 100_000] as const;
/** "Flat": four times the claims may cost at most half as much memory again (Node and the modules are most of it). */
const FLAT_RATIO = 1.5;
const PASSES = 7;
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
    const runs: ParseRun[] = [];
    for (const claims of SIZES) {
      const path = join(dir, `generated-${claims}.x12`);
      await writeGenerated837p(path, claims);
      const run = parseInChild(path);
      runs.push(run);
      console.log(
        `${formatInt(claims)} claims (${run.fileMb.toFixed(1)} MB) streamed: ${formatInt(run.claims / (run.ms / 1000))} claims/s, ` +
          `peak RSS ${run.peakRssMb.toFixed(0)} MB (${run.startRssMb.toFixed(0)} MB before reading), peak heap ${run.peakHeapMb.toFixed(0)} MB, ` +
          `heap retained after GC ≤ ${(run.retainedHeapMb ?? 0).toFixed(1)} MB`,
      );
      rows.push({ section: 'formats', metric: `X12 stream ${formatInt(claims)} claims: peak RSS (MB)`, value: run.peakRssMb.toFixed(0) });
      rows.push({ section: 'formats', metric: `X12 stream ${formatInt(claims)} claims: retained heap (MB)`, value: (run.retainedHeapMb ?? 0).toFixed(1) });
    }
    const growth = (runs.at(-1)?.peakRssMb ?? 0) - (runs[0]?.peakRssMb ?? 0);
    console.log(`peak RSS from ${formatInt(SIZES[0])} to ${formatInt(SIZES[2])} claims: ${growth >= 0 ? '+' : ''}${growth.toFixed(0)} MB for a file 4x as large`);
    rows.push({ section: 'formats', metric: 'X12 stream 100,000 claims (claims/s)', value: formatInt((runs.at(-1)?.claims ?? 0) / ((runs.at(-1)?.ms ?? 1) / 1000)) });

    const jsonRuns: ParseRun[] = [];
    for (const claims of JSON_SIZES) {
      const path = join(dir, `generated-${claims}.json`);
      await writeGeneratedJsonArray(path, claims);
      const run = parseInChild(path);
      if (run.claims !== claims) throw new Error(`the JSON array of ${claims} claims read as ${run.claims}`);
      jsonRuns.push(run);
      console.log(
        `JSON array, ${formatInt(claims)} claims (${run.fileMb.toFixed(1)} MB) streamed: ${formatInt(run.claims / (run.ms / 1000))} claims/s, ` +
          `peak RSS ${run.peakRssMb.toFixed(0)} MB, heap retained after GC ≤ ${(run.retainedHeapMb ?? 0).toFixed(1)} MB`,
      );
      rows.push({ section: 'formats', metric: `JSON array ${formatInt(claims)} claims: peak RSS (MB)`, value: run.peakRssMb.toFixed(0) });
    }
    const x12Ratio = ratio(runs[0], runs.at(-1));
    const jsonRatio = ratio(jsonRuns[0], jsonRuns.at(-1));
    console.log('\npeak RSS, streamed       25,000 claims   100,000 claims   100k / 25k');
    console.log(`X12 837P                ${pad(runs[0])}   ${pad(runs.at(-1))}   ${formatRatio(x12Ratio)}`);
    console.log(`claim JSON array        ${pad(jsonRuns[0])}   ${pad(jsonRuns.at(-1))}   ${formatRatio(jsonRatio)}`);
    const target = `≤ ${formatRatio(FLAT_RATIO)} (flat)`;
    rows.push({ section: 'formats', metric: 'X12 stream peak RSS, 100k ÷ 25k claims', value: formatRatio(x12Ratio), target, verdict: verdict(x12Ratio <= FLAT_RATIO) });
    rows.push({ section: 'formats', metric: 'JSON array peak RSS, 100k ÷ 25k claims', value: formatRatio(jsonRatio), target, verdict: verdict(jsonRatio <= FLAT_RATIO) });
    rows.push({ section: 'formats', metric: 'JSON array 100,000 claims (claims/s)', value: formatInt((jsonRuns.at(-1)?.claims ?? 0) / ((jsonRuns.at(-1)?.ms ?? 1) / 1000)) });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

/** Reads a file through openClaimsFile, sampling the heap as it goes. */
async function parseFile(path: string): Promise<ParseRun> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const startRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  let retained = 0;
  const started = performance.now();
  const file = await openClaimsFile(createReadStream(path));
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

function ratio(small: ParseRun | undefined, large: ParseRun | undefined): number {
  return (large?.peakRssMb ?? 0) / (small?.peakRssMb ?? 1);
}

function pad(run: ParseRun | undefined): string {
  return `${(run?.peakRssMb ?? 0).toFixed(0)} MB`.padStart(13);
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

function parseInChild(path: string): ParseRun {
  const child = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', '--expose-gc', fileURLToPath(import.meta.url), '--parse', path], { encoding: 'utf8' });
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
  process.stdout.write(JSON.stringify(await parseFile(process.argv[3])));
} else if (import.meta.filename === process.argv[1]) {
  printTable(await benchFormats());
}
