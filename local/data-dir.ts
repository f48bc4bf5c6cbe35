import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { KEY_FILE } from './claim-reference-key.ts';
import { USERS_FILE } from './worklist-users.ts';

/** Folders of the data folder: dynalite's, fauxqs's, and the inbox `npm start -- --serve` watches when --inbox names none. */
const DYNAMODB_DIR = 'dynamodb';
const SQS_DIR = 'sqs';
const INBOX_DIR = 'inbox';

/** Where dynalite and fauxqs keep their data inside the data folder. */
export function emulatorDataDirs(dataDir: string): { dynamodb: string; sqs: string } {
  return { dynamodb: join(dataDir, DYNAMODB_DIR), sqs: join(dataDir, SQS_DIR) };
}

/** The inbox folder `npm start -- --serve` watches when --inbox names none. */
export function defaultInboxDir(dataDir: string): string {
  return join(dataDir, INBOX_DIR);
}

/** What the local stack keeps in its data folder, by name. */
const KEPT = new Set([DYNAMODB_DIR, SQS_DIR, INBOX_DIR, KEY_FILE, USERS_FILE]);
/** A file being written atomically (write-file-atomically.ts): `.<name>.<12 hex digits>.tmp`. */
const BEING_WRITTEN = /^\..+\.[0-9a-f]{12}\.tmp$/;

/**
 * Deletes the data folder for `--reset`, but only when it holds nothing the local stack did not put
 * there: `--data-dir .` (or a mistyped folder) with `--reset` would otherwise delete a checkout, a
 * home folder, anything. A folder that does not exist is already reset.
 */
export function resetDataDir(dataDir: string): void {
  let names: string[];
  try {
    names = readdirSync(dataDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const foreign = names.filter((name) => !KEPT.has(name) && !BEING_WRITTEN.test(name)).sort();
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? ` and ${foreign.length - 5} more` : '');
    throw new Error(`--reset deletes the data folder ${dataDir}, but it holds ${shown}, which the local stack did not put there: name the stack's own data folder with --data-dir, or delete the folder yourself`);
  }
  rmSync(dataDir, { recursive: true, force: true });
}
