import { pipeline, Readable } from 'node:stream';
import { X12parser, type FormattedSegment } from 'x12-parser';
import type { PeekedSource } from '../byte-source.ts';
import { fromFormatted, type Segment } from './segment.ts';

/**
 * Streams an X12 file as segments, in file order. `start` is where the ISA begins in the peeked
 * head; the head must hold the whole ISA, because x12-parser takes the separators from the first
 * chunk it is given (positions 3, 104 and 105 of the ISA).
 */
export async function* x12Segments(peeked: PeekedSource, start: number): AsyncGenerator<Segment> {
  const parser = new X12parser('utf8');
  const chunks = Readable.from(chunksFrom(peeked, start), { objectMode: false });
  // pipeline() carries a read error of the source into the parser, so the loop below sees it.
  const segments = pipeline(chunks, parser, () => {});
  for await (const formatted of segments as AsyncIterable<FormattedSegment>) {
    // Whitespace after the last terminator comes out as a segment without a name.
    if (formatted.name === '') continue;
    yield fromFormatted(formatted);
  }
}

async function* chunksFrom(peeked: PeekedSource, start: number): AsyncGenerator<Buffer> {
  yield peeked.head.subarray(start);
  yield* peeked.rest;
}
