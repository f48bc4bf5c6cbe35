/**
 * The X12 reader as it was before decision 017, with x12-parser as its tokenizer: kept for the
 * formats bench (the old reader timed beside the new one, on the same bytes) and for the test that
 * proves both read every file alike. The envelope, loops and mapping are the project's own, shared
 * with the current reader; only the way from bytes to segments is the old one.
 */
import { pipeline, Readable } from 'node:stream';
import { X12parser, type FormattedSegment } from 'x12-parser';
import type { PeekedSource } from '../../shared/formats/byte-source.ts';
import type { FileCounts, IntakeItem } from '../../shared/formats/types.ts';
import { checkedUtf8 } from '../../shared/formats/utf8-decoder.ts';
import { readIsaHeader } from '../../shared/formats/x12/isa-header.ts';
import { ArraySegment, type Segment } from '../../shared/formats/x12/segment.ts';
import { MAX_SEGMENT_BYTES, type X12Ending } from '../../shared/formats/x12/segment-stream.ts';
import { X12ClaimReader } from '../../shared/formats/x12/x12-claim-reader.ts';
import { UnreadableInputError } from '../../shared/formats/errors.ts';
import { escapeControls } from '../../shared/claim/safe-text.ts';

/** readX12 (shared/formats/x12/read-x12.ts) as it read with x12-parser. */
export function readX12WithX12Parser(peeked: PeekedSource, start: number): { items: AsyncIterable<IntakeItem>; counts: () => FileCounts } {
  const header = readIsaHeader(peeked.head.toString('latin1', start, start + 512));
  const reader = new X12ClaimReader(header.separators);
  async function* items(): AsyncGenerator<IntakeItem> {
    const { segments, ending } = x12ParserSegments(peeked, start, header.separators.segment);
    for await (const formatted of segments) {
      if (formatted.name === '') continue;
      const done: IntakeItem[] = [];
      reader.pushAll([fromFormatted(formatted)], done);
      yield* done;
    }
    reader.finish(ending);
  }
  return { items: items(), counts: () => reader.counts };
}

/** The bytes through x12-parser's Transform stream, as one async step per segment. */
export function x12ParserSegments(peeked: PeekedSource, start: number, terminator: string): { segments: AsyncIterable<FormattedSegment>; ending: X12Ending } {
  const ending: X12Ending = { cutInSegment: false };
  const bytes = checkedUtf8(watched(chunksFrom(peeked, start), start, terminator, ending), start, linesBefore(peeked.head, start) + 1);
  const chunks = Readable.from(bytes, { objectMode: false });
  return { segments: pipeline(chunks, new X12parser('utf8'), () => {}), ending };
}

/** A segment as x12-parser hands it over: `{ name, '1': first component, '1-1': second component, … }`. */
export function fromFormatted(formatted: FormattedSegment): Segment {
  const elements: string[][] = [];
  // Integer-like keys come first, in ascending order, then the others as inserted.
  for (const key in formatted) {
    if (key === 'name') continue;
    const value = formatted[key] as string;
    const dash = key.indexOf('-');
    if (dash === -1) elements[Number(key) - 1] = [value];
    else elements[Number(key.slice(0, dash)) - 1]?.push(value);
  }
  return new ArraySegment(formatted.name, elements);
}

async function* chunksFrom(peeked: PeekedSource, start: number): AsyncGenerator<Buffer> {
  yield peeked.head.subarray(start);
  yield* peeked.rest;
}

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
      if (byte === code || !(byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09)) {
        lastByte = byte;
        break;
      }
    }
    offset += chunk.length;
    yield chunk;
  }
  ending.cutInSegment = lastByte !== -1 && lastByte !== code;
}

function linesBefore(head: Buffer, start: number): number {
  return head.subarray(0, start).filter((byte) => byte === 0x0a).length;
}
