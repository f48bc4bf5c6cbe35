import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openClaimsFile, UnreadableInputError } from '../../shared/formats/index.ts';
import { X12_FIXTURES } from './read-file.ts';

const CLAIMS = readFileSync(join(X12_FIXTURES, 'x12_home_infusion_claims.txt'), 'latin1');

describe("a file's items, as an iterator", () => {
  /** The bytes in chunks, noting whether the reader closed the source. */
  function watched(bytes: Uint8Array, size: number): { source: AsyncGenerator<Uint8Array>; closed: () => boolean } {
    let closed = false;
    async function* source(): AsyncGenerator<Uint8Array> {
      try {
        for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
      } finally {
        closed = true;
      }
    }
    return { source: source(), closed: () => closed };
  }

  it.each([
    ['X12', Buffer.from(CLAIMS + CLAIMS.replace('000000101*0*T', '000000102*0*T').replace('IEA*1*000000101', 'IEA*1*000000102'), 'latin1')],
    ['JSON lines', Buffer.from(Array.from({ length: 4000 }, (_, i) => JSON.stringify({ claimId: `C-${i}` })).join('\n'))],
  ])('%s: leaving after the first item closes the source, and the items are done from then on', async (_name, bytes) => {
    const { source, closed } = watched(bytes, 256);
    const items = (await openClaimsFile(source)).items[Symbol.asyncIterator]();
    expect((await items.next()).done).toBe(false);
    expect(closed()).toBe(false);
    await items.return?.();
    expect(closed()).toBe(true);
    expect(await items.next()).toEqual({ value: undefined, done: true });
  });

  it('after the error that ends the reading, every next() is done', async () => {
    const items = (await openClaimsFile(CLAIMS.replace('SE*99*0001', 'SE*99*0002'))).items[Symbol.asyncIterator]();
    const results: unknown[] = [];
    let error: unknown;
    for (let i = 0; i < 10 && error === undefined; i++) await items.next().then((result) => results.push(result), (e: unknown) => (error = e));
    expect(error).toBeInstanceOf(UnreadableInputError);
    expect((error as UnreadableInputError).claimsBefore).toBe(results.length);
    expect(await items.next()).toEqual({ value: undefined, done: true });
  });
});

describe('a refused file leaves no stream open', () => {
  it.each([
    ['binary', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4000, 0x20)])],
    ['UTF-16', Buffer.from(CLAIMS, 'utf16le')],
    ['text before the ISA', Buffer.from(`Claims for March\n${CLAIMS}`, 'latin1')],
    ['text that is neither JSON nor X12', Buffer.from('hello world\n'.repeat(500))],
    ['bytes that are not UTF-8 late in a JSON file', Buffer.concat([Buffer.from(`${JSON.stringify({ claimId: 'C-1' })}\n`.repeat(300)), Buffer.from([0xff]), Buffer.alloc(3000, 0x20)])],
  ])('%s: the source is closed when openClaimsFile refuses it', async (_name, bytes) => {
    let closed = false;
    async function* source(): AsyncGenerator<Uint8Array> {
      try {
        for (let i = 0; i < bytes.length; i += 256) yield bytes.subarray(i, i + 256);
      } finally {
        closed = true;
      }
    }
    const opened = openClaimsFile(source()).then((file) => (async () => { for await (const item of file.items) void item; })());
    await expect(opened).rejects.toThrow(UnreadableInputError);
    expect(closed).toBe(true);
  });
});
