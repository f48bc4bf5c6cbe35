import { pipeline, Readable } from 'node:stream';
import { X12parser, type FormattedSegment } from 'x12-parser';
import type { PeekedSource } from '../byte-source.ts';
import { checkedUtf8 } from '../utf8-decoder.ts';

/**
 * Streams an X12 file as x12-parser segments, in file order. `start` is where the ISA begins in
 * the peeked head; the head must hold the whole ISA, because x12-parser takes the separators from
 * the first chunk it is given (positions 3, 104 and 105 of the ISA).
 */
export function x12Segments(peeked: PeekedSource, start: number): AsyncIterable<FormattedSegment> {
  // x12-parser decodes with a StringDecoder, which turns bytes that are not UTF-8 into U+FFFD: they
  // are refused first, as in every format.
  const chunks = Readable.from(checkedUtf8(chunksFrom(peeked, start), start, linesBefore(peeked.head, start) + 1), { objectMode: false });
  // pipeline() carries a read error of the source into the parser, so the reader's loop sees it.
  return pipeline(chunks, new X12parser('utf8'), () => {});
}

async function* chunksFrom(peeked: PeekedSource, start: number): AsyncGenerator<Buffer> {
  yield peeked.head.subarray(start);
  yield* peeked.rest;
}

/** Line breaks in the blank lines skipped before the ISA, so an error's line is the file's. */
function linesBefore(head: Buffer, start: number): number {
  return head.subarray(0, start).filter((byte) => byte === 0x0a).length;
}
