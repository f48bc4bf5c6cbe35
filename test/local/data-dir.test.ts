import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resetDataDir } from '../../local/data-dir.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function folder(entries: Record<string, 'file' | 'dir'>): string {
  const dir = mkdtempSync(join(tmpdir(), 'data-dir-'));
  dirs.push(dir);
  for (const [name, kind] of Object.entries(entries)) {
    if (kind === 'dir') mkdirSync(join(dir, name), { recursive: true });
    else writeFileSync(join(dir, name), 'x');
  }
  return dir;
}

describe('--reset deletes the data folder only when it is the local stack’s', () => {
  it('a folder of what the stack keeps (the emulators’ data, the key, the users, the inbox, a file being written) is deleted', () => {
    const dir = folder({ dynamodb: 'dir', sqs: 'dir', 'inbox/processed': 'dir', 'claim-reference.key': 'file', 'worklist-users.json': 'file', '.claim-reference.key.0123456789ab.tmp': 'file' });
    resetDataDir(dir);
    expect(existsSync(dir)).toBe(false);
  });

  it.each([
    [{ 'package.json': 'file', src: 'dir', dynamodb: 'dir' }, 'package.json, src'],
    [{ '.git': 'dir' }, '.git'],
    [{ a: 'file', b: 'file', c: 'file', d: 'file', e: 'file', f: 'file', g: 'file' }, 'a, b, c, d, e and 2 more'],
  ] as const)('a folder holding anything else is refused, and nothing in it is deleted: %o', (entries, named) => {
    const dir = folder(entries);
    const before = readdirSync(dir).sort();
    expect(() => resetDataDir(dir)).toThrow(`--reset deletes the data folder ${dir}, but it holds ${named}, which the local stack did not put there`);
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('a folder that does not exist is already reset', () => {
    expect(() => resetDataDir(join(tmpdir(), 'no-such-data-dir-7f3a'))).not.toThrow();
  });
});
