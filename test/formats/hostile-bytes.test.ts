import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { openClaimsFile, UnreadableInputError, type ClaimItem } from '../../shared/formats/index.ts';
import { readClaims, X12_FIXTURES } from './read-file.ts';

const CLAIM_JSON = readFileSync('examples/01-clean-suite-visit.json');
const X12 = readFileSync(join(X12_FIXTURES, 'x12_home_infusion_claims.txt'));

/** mulberry32: seeded, so every run tries the same "random" files. */
function randomBytes(seed: number, length: number): Buffer {
  let state = seed >>> 0;
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (t ^ (t >>> 14)) & 0xff;
  }
  return out;
}

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** The UnreadableInputError reading `source` to the end throws, with how many items came before it. */
async function unreadable(source: Parameters<typeof openClaimsFile>[0], options: Parameters<typeof openClaimsFile>[1] = {}): Promise<{ message: string; claimsBefore: number; handedOut: number }> {
  let handedOut = 0;
  try {
    const file = await openClaimsFile(source, options);
    for await (const _item of file.items) handedOut++;
  } catch (error) {
    if (error instanceof UnreadableInputError) return { message: error.message, claimsBefore: error.claimsBefore, handedOut };
    throw error;
  }
  throw new Error(`read ${handedOut} items without an UnreadableInputError`);
}

describe('binary input is unreadable, named for what it looks like', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16])('random bytes (seed %i) are "binary data", not hundreds of rejected claims', async (seed) => {
    for (const length of [300, 1024, 70_000]) {
      const { message } = await unreadable(chunked(randomBytes(seed, length), 4096));
      expect(message).toMatch(/^the file looks like binary data \(.+\), not claims: send a claim JSON, X12 837P or FHIR R4 text file$/);
    }
  });

  it('random bytes behind a JSON or X12 start are binary too, whatever --format says', async () => {
    for (const [start, format] of [['{"claimId":', 'json'], ['[', 'json'], [X12.subarray(0, 110).toString('latin1'), 'x12'], ['{"resourceType":"Claim",', 'fhir']] as const) {
      const bytes = Buffer.concat([Buffer.from(start, 'latin1'), randomBytes(7, 4000)]);
      expect((await unreadable(bytes)).message).toMatch(/looks like binary data/);
      expect((await unreadable(bytes, { format })).message).toMatch(/looks like binary data/);
    }
  });

  it.each([
    ['a real ZIP archive (claims zipped)', Buffer.from(zipSync({ 'claims.json': new Uint8Array(CLAIM_JSON) })), 'a ZIP archive (an Excel .xlsx or Word .docx file is one)'],
    ['a gzipped claim file', gzipSync(CLAIM_JSON), 'a gzip-compressed file (unpack it first)'],
    ['a gzipped 837P', gzipSync(X12), 'a gzip-compressed file (unpack it first)'],
    ['a PDF', Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1'), 'a PDF document'],
    ['a PNG', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(3, 200)]), 'a PNG image'],
    ['an old Excel file', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(500)]), 'an old-style Office document (.xls or .doc)'],
  ])('%s is named', async (_name, bytes, what) => {
    expect((await unreadable(bytes)).message).toBe(`the file looks like ${what}, not claims: send a claim JSON, X12 837P or FHIR R4 text file`);
  });

  it('an 837P whose ISA declares control characters as its separators is X12, not binary', async () => {
    const separated = X12.toString('latin1').replaceAll('*', '\u001d').replaceAll(':', '\u001f').replaceAll('~', '\u001c');
    const { items } = await readClaims(Buffer.from(separated, 'latin1'));
    expect(items.map((i) => i.claimId)).toEqual(['HI-X12-0001', 'HI-X12-0002', 'HI-X12-0003', 'HI-X12-0004', 'HI-X12-0005']);
  });

  it('a text file with a stray escape sequence or two is still read as text', async () => {
    const x12 = Buffer.from(X12.toString('latin1').replace('BLUE VALLEY PPO', 'BLUE \u001b[31mVALLEY\u001b[0m PPO'), 'latin1');
    expect((await readClaims(x12)).items).toHaveLength(5);
  });
});

describe('bytes that are not UTF-8 are refused with where they are, not replaced', () => {
  it('in NDJSON: the byte offset and line', async () => {
    const good = `${CLAIM_JSON.toString('utf8').replace(/\s*\n\s*/g, ' ')}\n`;
    const latin1 = Buffer.from(good.replace('Blue Valley PPO', 'Blue Vall\xe9e PPO'), 'latin1');
    const bytes = Buffer.concat([Buffer.from(good), Buffer.from(good), latin1]);
    const offset = 2 * Buffer.byteLength(good) + latin1.indexOf(0xe9);
    for (const size of [1, 5, 4096, bytes.length]) {
      const result = await unreadable(chunked(bytes, size));
      expect(result.message).toBe(
        `the file is not valid UTF-8: at byte ${offset} (line 3) byte 0xE9 is not part of a UTF-8 character; save the file as UTF-8 (a Latin-1 or Windows-1252 file has such bytes) and send it again`,
      );
      // The claims before the bad byte were handed out before it was found: the caller must know.
      expect(result.claimsBefore).toBe(result.handedOut);
    }
  });

  it('in a JSON array, early enough to reject the file before any claim is handed out', async () => {
    const bytes = Buffer.from(`[{"claimId":"A\xff"}]`, 'latin1');
    expect(await unreadable(bytes)).toEqual({
      message: 'the file is not valid UTF-8: at byte 14 (line 1) byte 0xFF is not part of a UTF-8 character; save the file as UTF-8 (a Latin-1 or Windows-1252 file has such bytes) and send it again',
      claimsBefore: 0,
      handedOut: 0,
    });
  });

  it('a file that ends in the middle of a UTF-8 character', async () => {
    const euro = Buffer.from('€', 'utf8');
    const bytes = Buffer.concat([Buffer.from('{"claimId":"A"}\n{"claimId":"'), euro.subarray(0, 2)]);
    expect((await unreadable(bytes)).message).toBe(
      `the file is not valid UTF-8: at byte ${bytes.length - 2} (line 2) the file ends in the middle of a UTF-8 character; save the file as UTF-8 (a Latin-1 or Windows-1252 file has such bytes) and send it again`,
    );
  });

  it('in X12 too: a Latin-1 name rejects the file with its offset, instead of reading U+FFFD into the claim', async () => {
    const latin1 = Buffer.from(X12.toString('latin1').replace('BLUE VALLEY PPO', 'BLUE VALL\xc9E PPO'), 'latin1');
    const offset = latin1.indexOf(0xc9);
    const line = latin1.subarray(0, offset).toString('latin1').split('\n').length;
    for (const size of [1, 512, latin1.length]) {
      const result = await unreadable(chunked(latin1, size));
      expect(result.message).toBe(
        `the file is not valid UTF-8: at byte ${offset} (line ${line}) byte 0xC9 is not part of a UTF-8 character; save the file as UTF-8 (a Latin-1 or Windows-1252 file has such bytes) and send it again`,
      );
    }
    const utf8 = Buffer.from(X12.toString('latin1').replace('BLUE VALLEY PPO', 'BLUE VALLÉE PPO'), 'utf8');
    expect(((await readClaims(chunked(utf8, 3))).items[0] as ClaimItem).claim).toMatchObject({ payer: { name: 'BLUE VALLÉE PPO' } });
  });
});
