import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalStack } from '../../local/stack.ts';
import { freePort } from '../support/free-port.ts';

/** Whether a port can be listened on: not while an emulator still holds it. */
async function canListen(port: number): Promise<boolean> {
  const server = createServer();
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (listening) await new Promise((resolve) => server.close(resolve));
  return listening;
}

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('a local stack that fails to start', () => {
  it.each([true, false])('stops the emulators it started (on a worker thread: %s), so `npm start` exits instead of hanging', async (emulatorThread) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'stack-failure-'));
    dirs.push(dataDir);
    // The claim-reference key's place is a folder: reading the key fails after the emulators are up.
    await mkdir(join(dataDir, 'claim-reference.key'));
    const [dynamodbPort, sqsPort] = [await freePort(), await freePort()];
    await expect(startLocalStack({ dataDir, dynamodbPort, sqsPort, poll: false, emulatorThread })).rejects.toThrow(/EISDIR|directory/);
    expect(await canListen(dynamodbPort)).toBe(true);
    expect(await canListen(sqsPort)).toBe(true);
  });
});
