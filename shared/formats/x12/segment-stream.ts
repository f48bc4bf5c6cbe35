import { pipeline, Readable } from 'node:stream';
import { X12parser, type FormattedSegment } from 'x12-parser';
import type { PeekedSource } from '../byte-source.ts';
import { UnreadableInputError } from '../errors.ts';
import { escapeControls } from '../../claim/safe-text.ts';
import { checkedUtf8 } from '../utf8-decoder.ts';

/** Longer than any real segment (an 837P segment is at most a few hundred bytes): beyond it the terminator is wrong or the file is not X12. */
export const MAX_SEGMENT_BYTES = 2 ** 20;

/** How the input ended, known once the segments have all been read. */
export interface X12Ending {
  /** The last byte that is not white space is not the segment terminator: the file stops inside a segment. */
  cutInSegment: boolean;
}

/**
 * Streams an X12 file as x12-parser segments, in file order. `start` is where the ISA begins in
 * the peeked head; the head must hold the whole ISA, because x12-parser takes the separators from
 * the first chunk it is given (positions 3, 104 and 105 of the ISA). `terminator` is the segment
 * terminator the ISA declares.
 */
export function x12Segments(peeked: PeekedSource, start: number, terminator: string): { segments: AsyncIterable<FormattedSegment>; ending: X12Ending } {
  const ending: X12Ending = { cutInSegment: false };
  // x12-parser decodes with a StringDecoder, which turns bytes that are not UTF-8 into U+FFFD: they
  // are refused first, as in every format.
  const bytes = checkedUtf8(watched(chunksFrom(peeked, start), start, terminator, ending), start, linesBefore(peeked.head, start) + 1);
  const chunks = Readable.from(bytes, { objectMode: false });
  // pipeline() carries a read error of the source into the parser, so the reader's loop sees it.
  return { segments: pipeline(chunks, new X12parser('utf8'), () => {}), ending };
}

async function* chunksFrom(peeked: PeekedSource, start: number): AsyncGenerator<Buffer> {
  yield peeked.head.subarray(start);
  yield* peeked.rest;
}

/**
 * Passes the chunks on, noting whether the file ends inside a segment, and refusing a run of bytes
 * with no terminator longer than MAX_SEGMENT_BYTES: x12-parser would hold it all and split it again
 * at every chunk, which takes a file of that kind hours and then all memory.
 */
async function* watched(chunks: AsyncIterable<Buffer>, start: number, terminator: string, ending: X12Ending): AsyncGenerator<Buffer> {
  const code = terminator.charCodeAt(0);
  if (terminator.length !== 1 || code > 0x7f) {
    yield* chunks;
    return;
  }
  let offset = start;
  let sinceTerminator = 0;
  let lastByte = -1;
  for await (const chunk of chunks) {
    const last = chunk.lastIndexOf(code);
    sinceTerminator = last === -1 ? sinceTerminator + chunk.length : chunk.length - last - 1;
    if (sinceTerminator > MAX_SEGMENT_BYTES) {
      throw new UnreadableInputError(
        `the file holds more than 1 MiB without a segment terminator (${escapeControls(JSON.stringify(terminator))}, as its ISA declares) before byte ${offset + chunk.length}: it is not X12, or its ISA names the wrong terminator`,
      );
    }
    for (let i = chunk.length - 1; i >= 0; i--) {
      const byte = chunk[i] ?? 0;
      if (byte === code || !isWhitespace(byte)) {
        lastByte = byte;
        break;
      }
    }
    offset += chunk.length;
    yield chunk;
  }
  ending.cutInSegment = lastByte !== -1 && lastByte !== code;
}

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** Line breaks in the blank lines skipped before the ISA, so an error's line is the file's. */
function linesBefore(head: Buffer, start: number): number {
  return head.subarray(0, start).filter((byte) => byte === 0x0a).length;
}
