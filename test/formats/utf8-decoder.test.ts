import { describe, expect, it } from 'vitest';
import { Utf8Decoder } from '../../shared/formats/utf8-decoder.ts';

/** A small deterministic generator, so a failing case can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const PIECES = ['ISA*00*', '~\n', 'abc', ' ', '\r\n', 'é', '€', '😀', '\uFEFF', 'SV1*HC:99601', '0', 'Z'];

/** Text of ASCII runs and multi-byte characters (BOMs anywhere included), as UTF-8 bytes. */
function textOf(next: () => number, pieces: number): string {
  let text = '';
  for (let i = 0; i < pieces; i++) text += PIECES[Math.floor(next() * PIECES.length)];
  return text;
}

/** `bytes` cut at random places, some chunks a single byte, some empty. */
function chunksOf(bytes: Uint8Array, next: () => number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; ) {
    const size = Math.floor(next() * 40);
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

function decodeAll(chunks: readonly Uint8Array[]): string {
  const decoder = new Utf8Decoder();
  let text = '';
  for (const chunk of chunks) text += decoder.decode(chunk);
  return text + decoder.end();
}

function errorOf(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

describe('Utf8Decoder reads ASCII chunks without the TextDecoder, to the same text and errors', () => {
  it('decodes any chunking of mixed text as one TextDecoder does, dropping only a BOM at the start', () => {
    const next = random(17);
    for (let n = 0; n < 600; n++) {
      const text = textOf(next, 1 + Math.floor(next() * 60));
      const bytes = new TextEncoder().encode(text);
      const expected = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      expect(decodeAll(chunksOf(bytes, next))).toBe(expected);
      expect(decodeAll([bytes])).toBe(expected);
    }
  });

  it('keeps a BOM that is not at the start, after ASCII chunks of any size', () => {
    const bytes = new TextEncoder().encode('ISA*00*~\n\uFEFFGS*HC~');
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(decodeAll([bytes.subarray(0, cut), bytes.subarray(cut)])).toBe('ISA*00*~\n\uFEFFGS*HC~');
    }
    expect(decodeAll([new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0x42, 0x43]), new Uint8Array([0xef, 0xbb, 0xbf])])).toBe('ABC\uFEFF');
  });

  it('refuses a character cut by an ASCII chunk, and bad bytes anywhere, at the same byte and line as in one chunk', () => {
    const next = random(23);
    for (let n = 0; n < 400; n++) {
      const bytes = new TextEncoder().encode(textOf(next, 2 + Math.floor(next() * 40)));
      // Remove one byte of a multi-byte character, or put a byte that starts none.
      const broken = Array.from(bytes);
      const multi = broken.flatMap((byte, i) => (byte >= 0x80 ? [i] : []));
      if (multi.length > 0 && next() < 0.6) broken.splice(multi[Math.floor(next() * multi.length)] as number, 1);
      else broken.splice(Math.floor(next() * broken.length), 0, 0xff);
      const input = Uint8Array.from(broken);
      const whole = errorOf(() => decodeAll([input]));
      expect(whole).toMatch(/^the file is not valid UTF-8: at byte \d+ \(line \d+\)/);
      expect(errorOf(() => decodeAll(chunksOf(input, next)))).toBe(whole);
    }
  });

  it('counts offsets and lines across ASCII chunks read the fast way', () => {
    const decoder = new Utf8Decoder(10, 3);
    decoder.decode(new TextEncoder().encode('ab\ncd'));
    decoder.decode(new TextEncoder().encode('ef\n\ngh'));
    expect(decoder.offset).toBe(10 + 5 + 6);
    expect(() => decoder.decode(new Uint8Array([0x41, 0xc3]))).not.toThrow();
    expect(errorOf(() => decoder.decode(new Uint8Array([0x41])))).toMatch(/at byte 22 \(line 6\) byte 0xC3/);
  });
});
