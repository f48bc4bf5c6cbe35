import { isAscii } from 'node:buffer';
import { utf8SequenceLength } from './binary-content.ts';
import { toBuffer } from './byte-source.ts';
import { UnreadableInputError } from './errors.ts';

/**
 * Decodes a file's bytes as UTF-8, chunk by chunk, and refuses bytes that are not UTF-8 instead of
 * turning them into U+FFFD: a Latin-1 "é" silently replaced would change a name or an id. The
 * error names the byte offset and the line, so the sender can find and fix the byte.
 */
export class Utf8Decoder {
  // A BOM at the start is dropped (ignoreBOM is false): a claims file may have one.
  readonly #decoder = new TextDecoder('utf-8', { fatal: true });
  /** Offset in the file of the next byte to decode. */
  #offset: number;
  /** Line of the next byte (1-based). */
  #line: number;
  /** The bytes of a character the last chunk left unfinished, for locating an error that spans chunks. */
  #carry: Uint8Array = new Uint8Array(0);
  /** Bytes the TextDecoder has been given: past the first three, a BOM can no longer be dropped. */
  #decoded = 0;

  constructor(startOffset = 0, startLine = 1) {
    this.#offset = startOffset;
    this.#line = startLine;
  }

  /** Bytes decoded so far, counting from the file's start. */
  get offset(): number {
    return this.#offset;
  }

  decode(chunk: Uint8Array): string {
    let text: string;
    if (this.#decoded >= 3 && this.#carry.length === 0 && isAscii(chunk)) {
      // ASCII text is its own UTF-8 and its own Latin-1: read as Latin-1 it is the same string, made
      // about ten times faster. Only between characters (nothing carried) and once the TextDecoder has
      // passed the file's start, so its state, and where it drops a BOM, are as if it had read the chunk.
      text = toBuffer(chunk).toString('latin1');
    } else {
      try {
        text = this.#decoder.decode(chunk, { stream: true });
      } catch {
        throw this.#invalidIn(chunk);
      }
      this.#decoded += chunk.length;
    }
    this.#line += countNewlines(chunk);
    this.#offset += chunk.length;
    this.#carry = unfinishedTail(this.#carry, chunk);
    return text;
  }

  /** The input ended: a character it cut in two is an error too. */
  end(): string {
    try {
      return this.#decoder.decode();
    } catch {
      throw notUtf8(this.#offset - this.#carry.length, this.#line, 'the file ends in the middle of a UTF-8 character');
    }
  }

  #invalidIn(chunk: Uint8Array): UnreadableInputError {
    const bytes = concat(this.#carry, chunk);
    const at = firstInvalidByte(bytes);
    const inChunk = Math.max(0, at - this.#carry.length);
    const line = this.#line + countNewlines(chunk.subarray(0, inChunk));
    const byte = bytes[at] ?? 0;
    return notUtf8(this.#offset - this.#carry.length + at, line, `byte 0x${byte.toString(16).padStart(2, '0').toUpperCase()} is not part of a UTF-8 character`);
  }
}

/** Checks that byte chunks are UTF-8 and passes them on unchanged, for readers that decode on their own. */
export async function* checkedUtf8(chunks: AsyncIterable<Uint8Array>, startOffset = 0, startLine = 1): AsyncGenerator<Uint8Array> {
  const decoder = new Utf8Decoder(startOffset, startLine);
  for await (const chunk of chunks) {
    decoder.decode(chunk);
    yield chunk;
  }
  decoder.end();
}

/** Decodes byte chunks to text chunks (see Utf8Decoder). */
export async function* decodedUtf8(chunks: AsyncIterable<Uint8Array>, startOffset = 0): AsyncGenerator<string> {
  const decoder = new Utf8Decoder(startOffset);
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk);
    if (text !== '') yield text;
  }
  const last = decoder.end();
  if (last !== '') yield last;
}

function notUtf8(offset: number, line: number, what: string): UnreadableInputError {
  return new UnreadableInputError(
    `the file is not valid UTF-8: at byte ${offset} (line ${line}) ${what}; save the file as UTF-8 (a Latin-1 or Windows-1252 file has such bytes) and send it again`,
  );
}

/** Index of the first byte in `bytes` that does not start a well-formed character; bytes.length when all do. */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    if ((bytes[i] ?? 0) < 0x80) {
      i++;
      continue;
    }
    const length = utf8SequenceLength(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return bytes.length;
}

/** The bytes of a multi-byte character the chunk starts but does not finish (at most 3). */
function unfinishedTail(carry: Uint8Array, chunk: Uint8Array): Uint8Array {
  const bytes = chunk.length >= 3 ? chunk : concat(carry, chunk);
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back] ?? 0;
    if (byte < 0x80) return new Uint8Array(0);
    if (byte >= 0xc0) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return needed > back ? bytes.slice(bytes.length - back) : new Uint8Array(0);
    }
  }
  return new Uint8Array(0);
}

function countNewlines(bytes: Uint8Array): number {
  let count = 0;
  let at = bytes.indexOf(0x0a);
  while (at !== -1) {
    count++;
    at = bytes.indexOf(0x0a, at + 1);
  }
  return count;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
