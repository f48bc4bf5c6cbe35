import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentStart, type PeekedSource } from '../../shared/formats/byte-source.ts';
import { UnreadableInputError } from '../../shared/formats/errors.ts';
import { readIsaHeader, type Separators } from '../../shared/formats/x12/isa-header.ts';
import { elementsOf, type Segment } from '../../shared/formats/x12/segment.ts';
import { MAX_SEGMENT_BYTES, x12Segments, type X12Ending } from '../../shared/formats/x12/segment-stream.ts';
import { X12Tokenizer } from '../../shared/formats/x12/x12-tokenizer.ts';
import { X12_FIXTURE_TEXTS, X12_FIXTURES, type PlainSegment } from './read-file.ts';

const STAR: Separators = { element: '*', component: ':', segment: '~', repetition: '^' };

const FILES = X12_FIXTURE_TEXTS;

type Plain = PlainSegment;

function plain(segment: Segment): Plain {
  return { tag: segment.tag, elements: elementsOf(segment) };
}

function tokenize(text: string, size: number, separators: Separators = STAR): Plain[] {
  const tokenizer = new X12Tokenizer(separators, text.charAt(106));
  const segments: Segment[] = [];
  for (let i = 0; i < text.length; i += size) segments.push(...tokenizer.push(text.slice(i, i + size)));
  return [...segments, ...tokenizer.end()].map(plain);
}

/** The bytes as x12Segments reads them: the head holds the whole ISA, the rest comes in `size`-byte chunks. */
async function streamed(bytes: Buffer, size: number): Promise<{ segments: Plain[]; ending: X12Ending }> {
  const start = contentStart(bytes);
  const head = bytes.subarray(0, start + 120);
  async function* rest(): AsyncGenerator<Buffer> {
    for (let i = head.length; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  }
  const peeked: PeekedSource = { head, complete: bytes.length <= head.length, rest: rest(), close: async () => undefined };
  const { batches, ending } = x12Segments(peeked, start, readIsaHeader(head.toString('latin1', start)).separators);
  const segments: Segment[] = [];
  for await (const batch of batches) segments.push(...batch);
  return { segments: segments.map(plain), ending };
}

const ISA = 'ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *200305*1400*^*00501*000000001*0*T*:~';

describe('X12Tokenizer', () => {
  it('reads a file of every kind of fixture', () => {
    // Both separator sets, CRLF and LF files, files with no line breaks, 999 and 277 files.
    expect(FILES.length).toBeGreaterThan(40);
    expect(new Set(FILES.map((f) => f.separators.element + f.separators.component + f.separators.segment)).size).toBeGreaterThan(3);
  });

  it.each(FILES.map((f) => [f.name, f] as const))('%s: the same segments whatever the chunk size (1, 2, 3, 7, 64 characters)', (_name, file) => {
    const whole = tokenize(file.text, file.text.length, file.separators);
    expect(whole.length).toBeGreaterThan(3);
    expect(whole[0]?.tag).toBe('ISA');
    for (const size of [1, 2, 3, 7, 64]) expect(tokenize(file.text, size, file.separators)).toEqual(whole);
  });

  it('splits elements and components, and neither the ISA nor a repeated element', () => {
    const segments = tokenize(`${ISA}\nSV1*HC:99601:SS*180*MJ*215***1~\nPWK*OZ^AB*BM~\n`, 1000);
    expect(segments.map((s) => s.tag)).toEqual(['ISA', 'SV1', 'PWK']);
    expect(segments[0]?.elements).toHaveLength(16);
    expect(segments[0]?.elements[15]).toEqual([':']);
    expect(segments[1]?.elements).toEqual([['HC', '99601', 'SS'], ['180'], ['MJ'], ['215'], [''], [''], ['1']]);
    expect(segments[2]?.elements).toEqual([['OZ^AB'], ['BM']]);
  });

  it('reads the other separator set (~ elements, ^ components, _ terminator) to the same values', () => {
    const star = FILES.find((f) => f.name === 'x12_valid.txt');
    const other = FILES.find((f) => f.name === 'x12_valid_different_separators.txt');
    expect(other?.separators).toMatchObject({ element: '~', component: '^', segment: '_' });
    const a = tokenize(star?.text ?? '', 7, star?.separators);
    const b = tokenize(other?.text ?? '', 7, other?.separators);
    expect(b.map((s) => s.tag)).toEqual(a.map((s) => s.tag));
    // ISA16 names the separator itself; everything else is the same data.
    expect(b.slice(1)).toEqual(a.slice(1));
  });

  it('drops line breaks (LF or CRLF) after terminators and inside values, and trims white space', () => {
    const lf = tokenize(`${ISA}\nNM1*IL*1*DOE*JANE~\nN3*1 MAIN ST~\n`, 5);
    const crlf = tokenize(`${ISA}\r\nNM1*IL*1*DOE*JANE~\r\nN3*1 MAIN ST~\r\n`, 5);
    expect(crlf).toEqual(lf);
    expect(tokenize(`${ISA}\r\n  NM1*IL *1*DO\r\nE* JANE\n~N3*1 MAIN ST \u00a0~`, 3).slice(1)).toEqual(lf.slice(1));
  });

  it('reads a file whose segments end in CRLF alone: the ISA ends in "\\r" and "\\n" follows each segment', () => {
    const text = `${ISA.slice(0, -1)}\r\nGS*HC*A*B~X\r\nSE*2*0001\r\n`;
    const segments = tokenize(text, 4, readIsaHeader(text).separators);
    expect(segments.map((s) => s.tag)).toEqual(['ISA', 'GS', 'SE']);
    expect(segments[1]?.elements).toEqual([['HC'], ['A'], ['B~X']]);
  });

  it('leaves out segments without a tag ("~~", white space at the end) and keeps a last segment with no terminator', () => {
    const segments = tokenize(`${ISA}~~\n*X~\nSE*1*2~\n  \nIEA*1*000000001`, 2);
    expect(segments.map((s) => s.tag)).toEqual(['ISA', 'SE', 'IEA']);
    expect(segments[2]?.elements).toEqual([['1'], ['000000001']]);
  });
});

describe('x12Segments (bytes to segment batches)', () => {
  const valid = readFileSync(join(X12_FIXTURES, 'x12_home_infusion_claims.txt'));
  // Two-, three- and four-byte characters, which a chunk boundary can cut anywhere.
  const unicode = Buffer.from(valid.toString('utf8').replace(/NM1\*IL\*1\*(\w+)\*(\w+)/g, 'NM1*IL*1*$1É*JOSÉ 山田 𝒜'));

  it.each([1, 2, 3, 7, 64])('gives the same segments for %i-byte chunks, multi-byte characters included', async (size) => {
    for (const bytes of [valid, unicode]) {
      const whole = await streamed(bytes, bytes.length);
      const chunked = await streamed(bytes, size);
      expect(chunked.segments).toEqual(whole.segments);
      expect(chunked.ending).toEqual({ cutInSegment: false });
    }
    expect((await streamed(unicode, 1)).segments.flatMap((s) => s.elements.flat()).some((value) => /[^ -~]/.test(value))).toBe(true);
  });

  it('notes a file that stops inside a segment, and still hands out the piece it holds', async () => {
    const cut = valid.subarray(0, valid.indexOf('CLM*') + 12);
    const { segments, ending } = await streamed(cut, 7);
    expect(ending).toEqual({ cutInSegment: true });
    expect(segments.at(-1)).toEqual({ tag: 'CLM', elements: [['HI-X12-0']] });
    // Only white space after the last terminator: not cut.
    expect((await streamed(Buffer.concat([valid, Buffer.from('\r\n\n  ')]), 7)).ending).toEqual({ cutInSegment: false });
  });

  it(`refuses a run of more than ${MAX_SEGMENT_BYTES} bytes without a terminator, at the chunk that passes the limit`, async () => {
    const bytes = Buffer.concat([Buffer.from(`${ISA}\nGS*HC*A*B~\n`), Buffer.alloc(MAX_SEGMENT_BYTES + 10, 'A')]);
    await expect(streamed(bytes, 65536)).rejects.toThrow(
      new UnreadableInputError(
        `the file holds more than 1 MiB without a segment terminator ("~", as its ISA declares) before byte ${120 + 16 * 65536}: it is not X12, or its ISA names the wrong terminator`,
      ),
    );
  });

  it('refuses bytes that are not UTF-8 with their offset and line, whatever the chunk size', async () => {
    const bytes = Buffer.concat([Buffer.from(`${ISA}\nGS*HC*A*B~\nNM1*IL*1*MAR`), Buffer.from([0xcd]), Buffer.from('A~\n')]);
    const message = `the file is not valid UTF-8: at byte ${ISA.length + 24} (line 3) byte 0xCD is not part of a UTF-8 character; save the file as UTF-8 (a Latin-1 or Windows-1252 file has such bytes) and send it again`;
    for (const size of [1, 3, 64]) await expect(streamed(bytes, size)).rejects.toThrow(new UnreadableInputError(message));
  });
});
