import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runNode } from '../support/run-node.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** `npm start` with these arguments: its exit code and stderr, or a null code for a process still running after `ms`. */
function start(args: string[], ms: number, cwd = ROOT): Promise<{ code: number | null; stderr: string }> {
  return runNode(['--disable-warning=ExperimentalWarning', join(ROOT, 'local/start.ts'), ...args], {}, { cwd, killAfterMs: ms });
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'start-failure-'));
  dirs.push(dir);
  return dir;
}

describe('npm start that fails after the stack is up exits with the error instead of hanging', () => {
  it('an inbox that is a file, not a folder', async () => {
    const file = join(tempDir(), 'not-a-folder');
    writeFileSync(file, 'x');
    const { code, stderr } = await start(['--serve', '--no-worklist', '--in-memory', '--dynamodb-port', '0', '--sqs-port', '0', '--inbox', file], 90_000);
    expect(code, stderr).toBe(2);
    expect(stderr).toMatch(/ENOTDIR|not a directory/);
  }, 100_000);

  it("a data folder whose claim-reference key can't be read", async () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, 'claim-reference.key'));
    const { code, stderr } = await start(['--data-dir', dataDir, '--dynamodb-port', '0', '--sqs-port', '0'], 90_000);
    expect(code, stderr).toBe(2);
    expect(stderr).toMatch(/EISDIR|directory/);
  }, 100_000);
});

describe('npm start --reset never deletes a folder that is not its data folder', () => {
  // Run from a folder of its own holding a file of its own: were the guard missing, the test would delete that, not the checkout.
  it.each([
    [['--data-dir', '', '--reset', 'claims.json'], '--data-dir was given an empty value'],
    [['--data-dir', '.', '--reset', 'claims.json'], '--reset deletes the data folder'],
  ])('%j exits 2, and the folder keeps its files', async (args, message) => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'keep-me.txt'), 'mine');
    const { code, stderr } = await start(args, 60_000, cwd);
    expect(code, stderr).toBe(2);
    expect(stderr).toContain(message);
    expect(readdirSync(cwd)).toEqual(['keep-me.txt']);
  }, 70_000);
});
