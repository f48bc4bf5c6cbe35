import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomically } from './write-file-atomically.ts';

/** The key's file in the data folder. */
export const KEY_FILE = 'claim-reference.key';

/**
 * The local stack's claim-reference key. Kept in the data folder when there is one, so a claim keeps
 * its reference across restarts (as it does in AWS, where the key lives in Secrets Manager); otherwise
 * a new random key per run, since nothing of the run outlives it.
 */
export async function localClaimReferenceKey(dataDir: string | undefined): Promise<string> {
  if (!dataDir) return randomKey();
  const path = join(dataDir, KEY_FILE);
  try {
    const kept = (await readFile(path, 'utf8')).trim();
    if (kept.length >= 32) return kept;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomKey();
  await mkdir(dataDir, { recursive: true });
  await writeFileAtomically(path, `${key}\n`);
  return key;
}

function randomKey(): string {
  return randomBytes(32).toString('hex');
}
