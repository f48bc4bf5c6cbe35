/** Where a file's content comes from: its text, its bytes, or a stream of chunks (a Node Readable is one). */
export type ClaimsSource = string | Uint8Array | AsyncIterable<Uint8Array | string>;

/** The first bytes of a source, read to decide its format, and everything after them. */
export interface PeekedSource {
  head: Buffer;
  /** True when `head` is the whole input. */
  complete: boolean;
  rest: AsyncIterable<Buffer>;
  /** Closes the source (a file's stream, an S3 body) when the file is refused before `rest` is read. */
  close(): Promise<void>;
}

/** Reads chunks until `enough(head)` holds or the input ends, without losing the rest. */
export async function peekSource(source: ClaimsSource, enough: (head: Buffer) => boolean): Promise<PeekedSource> {
  if (typeof source === 'string' || source instanceof Uint8Array) {
    return { head: toBuffer(source), complete: true, rest: emptyChunks(), close: closed };
  }
  const iterator = source[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let head = Buffer.alloc(0);
  for (;;) {
    const next = await iterator.next();
    if (next.done) return { head, complete: true, rest: emptyChunks(), close: closed };
    chunks.push(toBuffer(next.value));
    head = Buffer.concat(chunks);
    if (enough(head)) return { head, complete: false, ...remaining(iterator) };
  }
}

/** The whole source again, from its first byte: the peeked head, then the rest as it arrives. */
export async function* restOf(peeked: PeekedSource): AsyncGenerator<Buffer> {
  if (peeked.head.length > 0) yield peeked.head;
  yield* peeked.rest;
}

/** Offset of the first byte after a UTF-8 BOM and any whitespace. */
export function contentStart(head: Buffer): number {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && isWhitespaceByte(head[i] ?? 0)) i++;
  return i;
}

/**
 * The file's bytes say it is UTF-16: a UTF-16 byte order mark, or ASCII text with a NUL byte beside
 * every character (UTF-16 without a BOM, as Windows tools save "Unicode" text). Read as UTF-8, such
 * a file is noise with NULs in it, so it is named for what it is instead.
 */
export function isUtf16(head: Buffer): boolean {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return true;
  const sample = head.subarray(0, 64);
  if (sample.length < 4) return false;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2 === 0) evenNuls++;
    else oddNuls++;
  }
  const pairs = Math.floor(sample.length / 2);
  // Nearly every other byte NUL, on one side only: ASCII in UTF-16 LE (odd) or BE (even).
  return (oddNuls >= pairs * 0.9 && evenNuls === 0) || (evenNuls >= pairs * 0.9 && oddNuls === 0);
}

function isWhitespaceByte(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === 0x0c || byte === 0x0b;
}

/** The chunk as a Buffer: the same bytes, not copied; text as UTF-8. */
export function toBuffer(chunk: Uint8Array | string): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/**
 * The source's chunks after the head, and how to close it: once, whether the reading left early,
 * failed, or the file was refused before its rest was read (a generator not yet started runs no
 * finally, so closing cannot be left to the generator alone).
 */
function remaining(iterator: AsyncIterator<Uint8Array | string>): Pick<PeekedSource, 'rest' | 'close'> {
  let open = true;
  const close = async (): Promise<void> => {
    if (!open) return;
    open = false;
    await iterator.return?.();
  };
  async function* rest(): AsyncGenerator<Buffer> {
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done) {
          open = false;
          return;
        }
        yield toBuffer(next.value);
      }
    } finally {
      // Left early, or the source failed: as a for await loop would, tell the source it is done.
      await close();
    }
  }
  return { rest: rest(), close };
}

async function closed(): Promise<void> {
  // A source that was text or bytes, or has ended, holds nothing open.
}

async function* emptyChunks(): AsyncGenerator<Buffer> {
  // Nothing follows a head that is the whole input.
}
