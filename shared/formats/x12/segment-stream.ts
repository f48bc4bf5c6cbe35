import type { PeekedSource } from '../byte-source.ts';
import { UnreadableInputError } from '../errors.ts';
import { escapeControls } from '../../claim/safe-text.ts';
import { Utf8Decoder } from '../utf8-decoder.ts';
import { ISA_LENGTH, type Separators } from './isa-header.ts';
import type { Segment } from './segment.ts';
import { X12Tokenizer } from './x12-tokenizer.ts';

/** Longer than any real segment (an 837P segment is at most a few hundred bytes): beyond it the terminator is wrong or the file is not X12. */
export const MAX_SEGMENT_BYTES = 2 ** 20;

/** How the input ended, known once the segments have all been read. */
export interface X12Ending {
  /** The last byte that is not white space is not the segment terminator: the file stops inside a segment. */
  cutInSegment: boolean;
}

/**
 * Streams an X12 file as segments, in file order, a batch per chunk read: one asynchronous step
 * per chunk rather than per segment. `start` is where the ISA begins in the peeked head; the
 * separators are those of that ISA, already checked.
 */
export function x12Segments(peeked: PeekedSource, start: number, separators: Separators): { batches: AsyncIterable<Segment[]>; ending: X12Ending } {
  const ending: X12Ending = { cutInSegment: false };
  return { batches: segmentBatches(peeked, start, separators, ending), ending };
}

async function* segmentBatches(peeked: PeekedSource, start: number, separators: Separators, ending: X12Ending): AsyncGenerator<Segment[]> {
  const tokenizer = new X12Tokenizer(separators, String.fromCharCode(peeked.head[start + ISA_LENGTH] ?? 0));
  // Bytes that are not UTF-8 are refused, as in every format, with their offset and line.
  const decoder = new Utf8Decoder(start, linesBefore(peeked.head, start) + 1);
  const watch = new TerminatorWatch(start, separators.segment);
  for await (const chunk of chunksFrom(peeked, start)) {
    watch.take(chunk);
    const segments = tokenizer.push(decoder.decode(chunk));
    if (segments.length > 0) yield segments;
  }
  const last = decoder.end();
  const segments = [...tokenizer.push(last), ...tokenizer.end()];
  ending.cutInSegment = watch.cutInSegment;
  if (segments.length > 0) yield segments;
}

async function* chunksFrom(peeked: PeekedSource, start: number): AsyncGenerator<Buffer> {
  yield peeked.head.subarray(start);
  yield* peeked.rest;
}

/**
 * Watches the raw bytes for the terminator: notes whether the file ends inside a segment, and
 * refuses a run of bytes with no terminator longer than MAX_SEGMENT_BYTES, so that a file that is
 * not X12 (or whose ISA names the wrong terminator) is not held whole in memory.
 */
class TerminatorWatch {
  readonly #terminator: string;
  /** The terminator's byte; -1 when it is not ASCII, and nothing is watched. */
  readonly #code: number;
  #offset: number;
  #sinceTerminator = 0;
  #lastByte = -1;

  constructor(start: number, terminator: string) {
    this.#terminator = terminator;
    const code = terminator.charCodeAt(0);
    this.#code = terminator.length === 1 && code <= 0x7f ? code : -1;
    this.#offset = start;
  }

  get cutInSegment(): boolean {
    return this.#lastByte !== -1 && this.#lastByte !== this.#code;
  }

  take(chunk: Buffer): void {
    const code = this.#code;
    if (code === -1) return;
    const last = chunk.lastIndexOf(code);
    this.#sinceTerminator = last === -1 ? this.#sinceTerminator + chunk.length : chunk.length - last - 1;
    if (this.#sinceTerminator > MAX_SEGMENT_BYTES) {
      throw new UnreadableInputError(
        `the file holds more than 1 MiB without a segment terminator (${escapeControls(JSON.stringify(this.#terminator))}, as its ISA declares) before byte ${this.#offset + chunk.length}: it is not X12, or its ISA names the wrong terminator`,
      );
    }
    for (let i = chunk.length - 1; i >= 0; i--) {
      const byte = chunk[i] ?? 0;
      if (byte === code || !isWhitespace(byte)) {
        this.#lastByte = byte;
        break;
      }
    }
    this.#offset += chunk.length;
  }
}

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** Line breaks in the blank lines skipped before the ISA, so an error's line is the file's. */
function linesBefore(head: Buffer, start: number): number {
  return head.subarray(0, start).filter((byte) => byte === 0x0a).length;
}
