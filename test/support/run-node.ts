import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

/**
 * Runs a Node script of the project as a child process from the repository root (or `cwd`), on the
 * Node the tests run on (the project's Node 22), with NO_COLOR so output is plain for matching. With
 * `killAfterMs`, a process still running then is killed and its code is null: a test of something
 * that must exit does not leave it hanging.
 */
export function runNode(
  args: string[],
  env: Readonly<Record<string, string>> = {},
  options: { cwd?: string; killAfterMs?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: options.cwd ?? ROOT, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = options.killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * `claim-scrubber load-code-data <args>` against a local DynamoDB emulator, with the dummy credentials
 * the SDK wants. Asynchronous, so an emulator running in the test's process keeps answering meanwhile.
 */
export function runLoadCodeData(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return runNode([join(ROOT, 'bin', 'claim-scrubber.js'), 'load-code-data', ...args], { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
}
