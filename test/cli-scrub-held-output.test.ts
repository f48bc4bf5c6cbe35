import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { scrubCommand } from '../cli/commands/scrub.ts';
import { HeldOutput } from '../cli/ui/held-output.ts';

const work = mkdtempSync(join(tmpdir(), 'claim-scrubber-held-'));
const claim = JSON.parse(readFileSync('examples/03-medicare-suite-visit.json', 'utf8')) as Record<string, unknown>;
const NDJSON = join(work, 'claims.ndjson');
writeFileSync(NDJSON, Array.from({ length: 30 }, (_, i) => JSON.stringify({ ...claim, claimId: `HI-HELD-${i + 1}` })).join('\n') + '\n{"claimId": oops}\n');

const spills = () => readdirSync(tmpdir()).filter((name) => name.startsWith('claim-scrubber-output-'));

async function collect(held: HeldOutput): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await held.writeTo(out);
  return Buffer.concat(chunks).toString('utf8');
}

/** scrub's stdout, with a fake stderr that is not a terminal. */
async function scrubOutput(argv: string[], heldInMemory?: number): Promise<{ code: number; stdout: string }> {
  // Bytes, decoded once at the end: a file's chunks may cut a character in two.
  const written: Buffer[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((text: string | Uint8Array) => {
    written.push(Buffer.from(text));
    return true;
  });
  try {
    const code = await scrubCommand(argv, { progress: { isTTY: false, write: () => true }, ...(heldInMemory === undefined ? {} : { heldInMemory }) });
    return { code, stdout: Buffer.concat(written).toString('utf8') };
  } finally {
    spy.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('output held until the file has been read', () => {
  it('past its memory limit it goes to a private temporary file, comes out whole and in order, and the file is removed', async () => {
    const before = spills();
    const held = new HeldOutput(10);
    const parts = Array.from({ length: 50 }, (_, i) => `part ${i}\n`);
    for (const part of parts) held.add(part);
    expect(spills().length).toBe(before.length + 1);
    expect(await collect(held)).toBe(parts.join(''));
    expect(spills()).toEqual(before);
  });

  it('discarding it (the file was unreadable) removes the temporary file too', () => {
    const before = spills();
    const held = new HeldOutput(10);
    held.add('x'.repeat(100));
    held.discard();
    expect(spills()).toEqual(before);
  });

  it.each([[['--json']], [[]]])('scrub %j prints the same whether its output was held in memory or in a file', async (flags) => {
    const inMemory = await scrubOutput([...flags, NDJSON]);
    const spilled = await scrubOutput([...flags, NDJSON], 1_000);
    expect(spilled).toEqual(inMemory);
    expect(inMemory.code).toBe(1);
    expect(inMemory.stdout).toContain('HI-HELD-30');
    expect(inMemory.stdout).toContain('line 31');
  });
});
