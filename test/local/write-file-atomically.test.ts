import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileAtomically } from '../../local/write-file-atomically.ts';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomically (the inbox folder writes its reports with it)', () => {
  it('a reader polling the file while it is written sees nothing or all of it, never a part', async () => {
    dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    const path = join(dir, 'big.report.json');
    const text = `${JSON.stringify({ rejected: Array.from({ length: 200_000 }, (_, i) => ({ index: i, errors: ['a field error'] })) })}\n`;
    const lengths: number[] = [];
    let writing = true;
    const reader = (async () => {
      while (writing) {
        const read = await readFile(path, 'utf8').catch(() => undefined);
        if (read !== undefined) lengths.push(read.length);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await writeFileAtomically(path, text);
    writing = false;
    await reader;
    expect(lengths.filter((n) => n !== text.length)).toEqual([]);
    expect(await readFile(path, 'utf8')).toBe(text);
    expect(readdirSync(dir)).toEqual(['big.report.json']);
  });

  it('a write that fails leaves no temporary file behind', async () => {
    dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    const folder = join(dir, 'r.json');
    // The target is a folder: the rename fails after the temporary file was written.
    mkdirSync(folder);
    await expect(writeFileAtomically(folder, '{}')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['r.json']);
    expect(existsSync(join(folder, '.r.json.tmp'))).toBe(false);
  });
});
