import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeGenerated837p } from '../../bench/formats.ts';
import { readX12WithX12Parser } from '../../bench/x12/x12-parser-reader.ts';
import { contentStart, peekSource, type PeekedSource } from '../../shared/formats/byte-source.ts';
import { PEEK_CHARACTERS } from '../../shared/formats/detect-format.ts';
import type { FileCounts, IntakeItem } from '../../shared/formats/types.ts';
import { ISA_LENGTH } from '../../shared/formats/x12/isa-header.ts';
import { readX12 } from '../../shared/formats/x12/read-x12.ts';
import { X12_FIXTURES } from './read-file.ts';

// The reader with the project's tokenizer reads every file exactly as it read with x12-parser
// (decision 017): the same claims and rejections, the same counts and notes, the same errors.

type Read = (peeked: PeekedSource, start: number) => { items: AsyncIterable<IntakeItem>; counts: () => FileCounts };

interface Outcome {
  items: IntakeItem[];
  counts?: FileCounts;
  error?: string;
}

async function* chunked(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function outcome(read: Read, bytes: Buffer, size: number): Promise<Outcome> {
  // As openClaimsFile peeks an X12 file.
  const peeked = await peekSource(chunked(bytes, size), (head) => head.length - contentStart(head) > Math.max(ISA_LENGTH + 2, PEEK_CHARACTERS));
  const items: IntakeItem[] = [];
  try {
    const reader = read(peeked, contentStart(peeked.head));
    for await (const item of reader.items) items.push(item);
    return { items, counts: reader.counts() };
  } catch (error) {
    return { items, error: String(error) };
  }
}

async function expectSame(bytes: Buffer): Promise<void> {
  for (const size of [bytes.length, 65_536, 7]) {
    const old = await outcome(readX12WithX12Parser, bytes, size);
    const ours = await outcome(readX12, bytes, size);
    expect(ours).toEqual(old);
  }
}

const SAMPLES = join(import.meta.dirname, '..', 'fixtures', 'x12-samples');
const FILES = [...readdirSync(X12_FIXTURES).map((name) => join(X12_FIXTURES, name)), ...readdirSync(SAMPLES).map((name) => join(SAMPLES, name))].filter((path) =>
  /\.(txt|edi)$/.test(path),
);

describe('the X12 reader with its own tokenizer reads as with x12-parser', () => {
  const dir = mkdtempSync(join(tmpdir(), 'x12-parity-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(FILES.map((path) => [path.slice(path.lastIndexOf('/') + 1), path]))('%s', async (_name, path) => {
    const bytes = readFileSync(path);
    await expectSame(bytes);
    // With CRLF line breaks, and cut short in the middle.
    await expectSame(Buffer.from(bytes.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1'));
    await expectSame(bytes.subarray(0, Math.floor(bytes.length / 2)));
  });

  it('a generated file of 12,000 claims in three transaction sets', async () => {
    const path = join(dir, 'generated.x12');
    await writeGenerated837p(path, 12_000);
    const bytes = readFileSync(path);
    const old = await outcome(readX12WithX12Parser, bytes, 65_536);
    expect(old.items).toHaveLength(12_000);
    expect(await outcome(readX12, bytes, 65_536)).toEqual(old);
  });
});
