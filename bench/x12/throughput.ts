/**
 * X12 837P streaming throughput, side by side on the same bytes (decision 017): the reader
 * (openClaimsFile: bytes → claims), the same reader with x12-parser as its tokenizer (as it was
 * before), the raw tokenizing of x12-parser and of node-x12 (their Transform streams, segments
 * counted), and the project's tokenizer alone (its segments cut no value until one is read) and
 * with every value read; for scale, V8's own native paths: String.split cutting every element, and
 * JSON.parse building the very claims the reader makes. The reader's own time is split in stages to show
 * where it goes: tokenizing, then the envelope, loops and mapping, then the asynchronous handing
 * out of each claim.
 *
 * Every contender reads the file from memory in 64 KiB chunks (what a file stream hands over), so
 * the figures are CPU time, not the disk's. Contenders take turns in every pass, so a machine that
 * gets busier during the run slows them alike; the median pass is reported. The passes run in fresh
 * Node processes holding only these modules, one for the project's contenders and V8's peers and one
 * for the x12-parser path, x12-parser and node-x12 (Group says why): in the bench runner's process,
 * which has loaded every section's modules, the same code measured half as fast (garbage
 * collection, most of the tokenizer's time, costs more in a larger heap).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { pipeline, Readable } from 'node:stream';
import { X12Parser as NodeX12Parser } from 'node-x12';
import { X12parser } from 'x12-parser';
import { contentStart, peekSource, type PeekedSource } from '../../shared/formats/byte-source.ts';
import { PEEK_CHARACTERS } from '../../shared/formats/detect-format.ts';
import { openClaimsFile } from '../../shared/formats/index.ts';
import { ISA_LENGTH, readIsaHeader } from '../../shared/formats/x12/isa-header.ts';
import { x12Segments } from '../../shared/formats/x12/segment-stream.ts';
import { X12ClaimReader } from '../../shared/formats/x12/x12-claim-reader.ts';
import type { IntakeItem } from '../../shared/formats/types.ts';
import { formatInt } from '../summary.ts';
import { readX12WithX12Parser } from './x12-parser-reader.ts';

const CHUNK_BYTES = 64 * 1024;

/** What one contender did with the file in one pass. */
interface Pass {
  /** Claims handed out, or segments for a tokenizer. */
  count: number;
  ms: number;
}

/** The file as every contender gets it: its bytes in chunks, and its claims as JSON for V8's own parser. */
interface Input {
  chunks: readonly Buffer[];
  /** Each claim the reader makes from the file, as one JSON text. */
  claimJson: readonly string[];
}

/**
 * Which process a contender is timed in. The x12-parser path runs the reader's assembly and mapping
 * on segments of another kind (values held in arrays) and fills the heap with x12-parser's objects:
 * timed in the same process, the project's reader measured about 8 % slower than in a process of
 * its own, which is how it runs in a scrubber. So the project's contenders and V8's peers take turns
 * in one process, and x12-parser, its reader path and node-x12 in another.
 */
type Group = 'project' | 'x12-parser';

export interface Contender {
  name: string;
  /** Claims (readers) or segments (tokenizers). */
  unit: 'claims' | 'segments';
  group: Group;
  run: (input: Input) => Promise<number>;
}

export interface Throughput {
  name: string;
  unit: Contender['unit'];
  count: number;
  mbPerSecond: number;
  /** Claims per second: of the claims in the file, for tokenizers too (the rate they would allow). */
  claimsPerSecond: number;
}

export const CONTENDERS: readonly Contender[] = [
  { name: 'reader (openClaimsFile), own tokenizer', unit: 'claims', group: 'project', run: ({ chunks }) => countItems(async () => (await openClaimsFile(fromChunks(chunks))).items) },
  { name: 'reader with x12-parser (as before)', unit: 'claims', group: 'x12-parser', run: ({ chunks }) => countItems(async () => readX12WithX12Parser(...(await peeked(chunks))).items) },
  { name: 'x12-parser raw tokenizing', unit: 'segments', group: 'x12-parser', run: ({ chunks }) => countStream(chunks, () => new X12parser('utf8')) },
  { name: 'node-x12 raw tokenizing', unit: 'segments', group: 'x12-parser', run: ({ chunks }) => countStream(chunks, () => new NodeX12Parser(false, 'utf8')) },
  { name: 'own tokenizer alone (bytes → segments)', unit: 'segments', group: 'project', run: ({ chunks }) => ownTokenizer(chunks) },
  { name: 'own tokenizer, every value read as a string', unit: 'segments', group: 'project', run: ({ chunks }) => ownTokenizerEveryValue(chunks) },
  { name: "V8's String.split into elements, no JS", unit: 'segments', group: 'project', run: ({ chunks }) => nativeSplit(chunks) },
  { name: 'own tokenizer + envelope, loops, mapping', unit: 'claims', group: 'project', run: ({ chunks }) => tokenizerAndReader(chunks) },
  { name: "V8's JSON.parse, the same claims as JSON", unit: 'claims', group: 'project', run: ({ claimJson }) => nativeJsonParse(claimJson) },
];

/** measureThroughput in fresh Node processes, one per group of contenders, in CONTENDERS' order. */
export function measureThroughputInChild(path: string, claims: number, passes: number): Throughput[] {
  const results = (['project', 'x12-parser'] as const).flatMap((group) => {
    const child = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', fileURLToPath(import.meta.url), '--measure', path, String(claims), String(passes), group], {
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`measuring ${path} failed: ${child.stderr}`);
    return JSON.parse(child.stdout) as Throughput[];
  });
  return CONTENDERS.map((contender) => results.find((r) => r.name === contender.name) as Throughput);
}

/** Times the group's contenders on the file's bytes, `passes` times in turn after one warm-up pass. */
export async function measureThroughput(path: string, claims: number, passes: number, group: Group): Promise<Throughput[]> {
  const contenders = CONTENDERS.filter((contender) => contender.group === group);
  const bytes = readFileSync(path);
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) chunks.push(bytes.subarray(at, at + CHUNK_BYTES));
  const mb = bytes.length / 2 ** 20;
  const input: Input = { chunks, claimJson: group === 'project' ? await claimsAsJson(chunks) : [] };
  const times = contenders.map((): Pass[] => []);
  for (let pass = 0; pass <= passes; pass++) {
    for (const [i, contender] of contenders.entries()) {
      const started = performance.now();
      const count = await contender.run(input);
      const ms = performance.now() - started;
      if (contender.unit === 'claims' && count !== claims) throw new Error(`${contender.name} read ${count} claims of ${claims}`);
      if (pass > 0) times[i]?.push({ count, ms }); // the first pass warms the JIT
    }
  }
  return contenders.map((contender, i) => {
    const runs = [...(times[i] ?? [])].sort((a, b) => a.ms - b.ms);
    const median = runs[Math.floor(runs.length / 2)] ?? { count: 0, ms: 1 };
    const seconds = median.ms / 1000;
    return { name: contender.name, unit: contender.unit, count: median.count, mbPerSecond: mb / seconds, claimsPerSecond: claims / seconds };
  });
}

export function printThroughput(results: readonly Throughput[], fileMb: number, claims: number): void {
  const [one, five] = loadavg();
  console.log(`\nX12 837P streaming, ${formatInt(claims)} claims (${fileMb.toFixed(1)} MB) from memory in 64 KiB chunks; load average ${one?.toFixed(1)} / ${five?.toFixed(1)} (1 / 5 min)`);
  console.log(`${'contender'.padEnd(44)}${'MB/s'.padStart(8)}${'claims/s'.padStart(12)}   handed out`);
  for (const r of results) console.log(`${r.name.padEnd(44)}${r.mbPerSecond.toFixed(1).padStart(8)}${formatInt(r.claimsPerSecond).padStart(12)}   ${formatInt(r.count)} ${r.unit}`);
  console.log("(V8's JSON.parse reads the claims' JSON, about 1.8 times the X12 bytes; its MB/s is the X12 file's size over its time.)");
}

async function* fromChunks(chunks: readonly Buffer[]): AsyncGenerator<Buffer> {
  yield* chunks;
}

/** The source peeked as openClaimsFile peeks it, with where the ISA starts. */
async function peeked(chunks: readonly Buffer[]): Promise<[PeekedSource, number]> {
  const source = await peekSource(fromChunks(chunks), (head) => head.length - contentStart(head) > Math.max(ISA_LENGTH + 2, PEEK_CHARACTERS));
  return [source, contentStart(source.head)];
}

async function countItems(open: () => Promise<AsyncIterable<unknown>>): Promise<number> {
  let count = 0;
  for await (const item of await open()) if (item) count++;
  return count;
}

async function countStream(chunks: readonly Buffer[], transform: () => NodeJS.ReadWriteStream): Promise<number> {
  let count = 0;
  for await (const segment of pipeline(Readable.from(chunks, { objectMode: false }), transform(), () => {})) if (segment) count++;
  return count;
}

async function ownTokenizer(chunks: readonly Buffer[]): Promise<number> {
  const [source, start] = await peeked(chunks);
  const { batches } = x12Segments(source, start, readIsaHeader(source.head.toString('latin1', start, start + 512)).separators);
  let count = 0;
  for await (const batch of batches) count += batch.length;
  return count;
}

/**
 * The tokenizer with every element and component of every segment read (sliced and trimmed), as a
 * tokenizer that hands out every value as a string would: its segments cut a value only when one is
 * read, so the tokenizer alone leaves that work to whoever reads them. The like-for-like peer of
 * V8's String.split below.
 */
async function ownTokenizerEveryValue(chunks: readonly Buffer[]): Promise<number> {
  const [source, start] = await peeked(chunks);
  const { batches } = x12Segments(source, start, readIsaHeader(source.head.toString('latin1', start, start + 512)).separators);
  let count = 0;
  let characters = 0;
  for await (const batch of batches) {
    for (const segment of batch) {
      for (let n = 1; n <= segment.elementCount; n++) {
        for (let c = 1, components = segment.componentCount(n); c <= components; c++) characters += segment.el(n, c).length;
      }
    }
    count += batch.length;
  }
  // The values' characters are summed so that reading them is observably used.
  if (characters === 0) throw new Error(`read ${count} segments without a character`);
  return count;
}

/**
 * The platform's floor for a tokenizer that hands out every element as a string: each chunk decoded,
 * then cut into segments and elements by V8's own String.prototype.split, with no JavaScript loop
 * over the characters. Not a reader (no envelope, no release characters, whitespace after the
 * terminator kept): a bound on what any tokenizer of this design can reach on this machine.
 */
async function nativeSplit(chunks: readonly Buffer[]): Promise<number> {
  const [source, start] = await peeked(chunks);
  const { element, segment } = readIsaHeader(source.head.toString('latin1', start, start + 512)).separators;
  let carry = '';
  let count = 0;
  let elements = 0;
  for (const chunk of chunks) {
    const segments = (carry + chunk.toString('latin1')).split(segment);
    carry = segments.pop() ?? '';
    for (const text of segments) elements += text.split(element).length;
    count += segments.length;
  }
  // Every segment has a tag element at least; the check also keeps the element splitting observably used.
  if (elements < count) throw new Error(`split ${count} segments into only ${elements} elements`);
  return count + (carry.trim() === '' ? 0 : 1);
}

/** The claims the reader makes of the file, each as its JSON text (made once, before any timing). */
async function claimsAsJson(chunks: readonly Buffer[]): Promise<string[]> {
  const texts: string[] = [];
  for await (const item of (await openClaimsFile(fromChunks(chunks))).items) {
    if (item.kind !== 'claim') throw new Error(`the throughput file should hold only claims that map; one was ${item.kind}`);
    texts.push(JSON.stringify(item.claim));
  }
  return texts;
}

/**
 * The platform's own way from text to these objects, for scale: V8's JSON parser (native code, no
 * JavaScript loop) building each claim the reader made, from its JSON text (about 1.8 times the X12
 * bytes of a claim). Not a reader of X12; its MB/s is the X12 file's size over its time, so that its
 * claims/s and MB/s sit on the same scale as the readers'.
 */
async function nativeJsonParse(claimJson: readonly string[]): Promise<number> {
  let count = 0;
  for (const text of claimJson) if ((JSON.parse(text) as { lines?: unknown[] }).lines) count++;
  return count;
}

/** The reader's work without handing each claim out through an async generator. */
async function tokenizerAndReader(chunks: readonly Buffer[]): Promise<number> {
  const [source, start] = await peeked(chunks);
  const separators = readIsaHeader(source.head.toString('latin1', start, start + 512)).separators;
  const reader = new X12ClaimReader(separators);
  const { batches, ending } = x12Segments(source, start, separators);
  let count = 0;
  const done: IntakeItem[] = [];
  for await (const batch of batches) {
    reader.pushAll(batch, done);
    count += done.length;
    done.length = 0;
  }
  reader.finish(ending);
  return count;
}

if (process.argv[2] === '--measure' && process.argv[3] && import.meta.filename === process.argv[1]) {
  process.stdout.write(JSON.stringify(await measureThroughput(process.argv[3], Number(process.argv[4]), Number(process.argv[5]), process.argv[6] === 'x12-parser' ? 'x12-parser' : 'project')));
}
