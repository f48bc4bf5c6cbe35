import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

/**
 * Runs a Node script of the project as a child process from the repository root, on the Node the
 * tests run on (the project's Node 22), with NO_COLOR so output is plain for matching.
 */
export function runNode(args: string[], env: Readonly<Record<string, string>> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * `claim-scrubber load-code-data <args>` against a local DynamoDB emulator, with the dummy credentials
 * the SDK wants. Asynchronous, so an emulator running in the test's process keeps answering meanwhile.
 */
export function runLoadCodeData(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return runNode([join(ROOT, 'bin', 'claim-scrubber.js'), 'load-code-data', ...args], { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
}
