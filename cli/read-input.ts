import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';

/** Reads a file, or standard input for "-"; throws UnreadableInputError-style messages via the caller. */
export async function readInput(path: string): Promise<string> {
  if (path === '-') return text(process.stdin);
  return readFile(path, 'utf8');
}
