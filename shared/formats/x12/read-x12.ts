import type { PeekedSource } from '../byte-source.ts';
import type { FileCounts, IntakeItem } from '../types.ts';
import { readIsaHeader, type Separators } from './isa-header.ts';
import type { Segment } from './segment.ts';
import { x12Segments, type X12Ending } from './segment-stream.ts';
import { X12ClaimReader } from './x12-claim-reader.ts';

/**
 * Streams the claims of an X12 837P file. The ISA header is checked before anything is read (a bad
 * one throws UnreadableInputError at once); later envelope errors throw it from the iteration.
 * Only the claim being assembled is held in memory, so a file of any size reads in flat memory.
 */
export function readX12(peeked: PeekedSource, start: number): { items: AsyncIterable<IntakeItem>; counts: () => FileCounts } {
  const header = readIsaHeader(peeked.head.toString('latin1', start, start + 512));
  const reader = new X12ClaimReader(header.separators);
  return { items: new X12Items(peeked, start, header.separators, reader), counts: () => reader.counts };
}

/**
 * The claims of a file, read a chunk's segments at a time: the segments of a chunk are read in one
 * synchronous pass and the claims they complete handed out one by one from a list, each with an
 * already settled promise. An async generator took about a seventh of the reader's time handing
 * claims out: its queue, a promise and a suspension per claim.
 *
 * An error in the middle of a chunk is thrown once the claims completed before it are handed out,
 * as when each segment was read in turn. Iterate once; leaving early closes the file's stream.
 */
class X12Items implements AsyncIterableIterator<IntakeItem> {
  readonly #peeked: PeekedSource;
  readonly #start: number;
  readonly #separators: Separators;
  readonly #reader: X12ClaimReader;
  #batches: AsyncIterator<Segment[]> | undefined;
  #ending: X12Ending | undefined;
  /** Claims completed and not yet handed out, from #at on. */
  #ready: IntakeItem[] = [];
  #at = 0;
  /** What stopped the reading, thrown once #ready is handed out. */
  #error: { error: unknown } | undefined;
  #done = false;
  /** The pass over the next chunk, while one runs. */
  #reading: Promise<IteratorResult<IntakeItem>> | undefined;

  constructor(peeked: PeekedSource, start: number, separators: Separators, reader: X12ClaimReader) {
    this.#peeked = peeked;
    this.#start = start;
    this.#separators = separators;
    this.#reader = reader;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<IntakeItem>> {
    if (this.#at < this.#ready.length) return Promise.resolve(this.#handOut());
    if (this.#reading) return this.#reading.then(() => this.next());
    return (this.#reading = this.#read().finally(() => (this.#reading = undefined)));
  }

  async return(): Promise<IteratorResult<IntakeItem>> {
    this.#finish();
    await this.#batches?.return?.();
    return { value: undefined, done: true };
  }

  #handOut(): IteratorResult<IntakeItem> {
    return { value: this.#ready[this.#at++] as IntakeItem, done: false };
  }

  async #read(): Promise<IteratorResult<IntakeItem>> {
    for (;;) {
      if (this.#at < this.#ready.length) return this.#handOut();
      if (this.#error) {
        const { error } = this.#error;
        this.#finish();
        throw error;
      }
      if (this.#done) return { value: undefined, done: true };
      this.#ready.length = 0;
      this.#at = 0;
      try {
        await this.#pass();
      } catch (error) {
        this.#error = { error };
        // The file's stream is closed at once, as leaving a for await loop closes it.
        await this.#batches?.return?.(undefined).catch(() => undefined);
      }
    }
  }

  /** Reads the next chunk's segments into #ready; at the end, checks the file was whole. */
  async #pass(): Promise<void> {
    if (!this.#batches) {
      const { batches, ending } = x12Segments(this.#peeked, this.#start, this.#separators);
      this.#batches = batches[Symbol.asyncIterator]();
      this.#ending = ending;
    }
    const next = await this.#batches.next();
    if (next.done) {
      this.#done = true;
      this.#reader.finish(this.#ending);
      return;
    }
    this.#reader.pushAll(next.value, this.#ready);
  }

  #finish(): void {
    this.#done = true;
    this.#error = undefined;
    this.#ready = [];
    this.#at = 0;
  }
}
