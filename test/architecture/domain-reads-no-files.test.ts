import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

/** The domain is handed bytes and parsed data; reading files is for shared/files, the CLI and handlers. */
const DOMAIN_FOLDERS = ['shared/claim', 'shared/codes', 'shared/payers', 'shared/rules', 'shared/scrub', 'shared/formats', 'shared/intake'];

// Static imports and re-exports (`from 'fs'`), dynamic `import('node:fs/promises')` and require('fs').
const FILE_SYSTEM_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"](?:node:)?fs(?:\/promises)?['"]/m;

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(ROOT, folder, name));
}

describe('domain modules read no files', () => {
  it('the pattern catches every form of fs import', () => {
    for (const line of ["import { readFileSync } from 'node:fs';", 'import * as fs from "fs";', "export { readFile } from 'node:fs/promises';", "await import('fs/promises')", "import 'node:fs';", "const fs = require('fs');"]) {
      expect(FILE_SYSTEM_IMPORT.test(line), line).toBe(true);
    }
    for (const line of ["import { pipeline } from 'node:stream';", "import { z } from 'zod'; // not fs", "import { fsPath } from './fs-path.ts';"]) {
      expect(FILE_SYSTEM_IMPORT.test(line), line).toBe(false);
    }
  });

  it.each(DOMAIN_FOLDERS)('%s imports neither fs nor node:fs', (folder) => {
    const files = sourceFiles(folder);
    expect(files.length).toBeGreaterThan(0);
    const offenders = files.filter((file) => FILE_SYSTEM_IMPORT.test(readFileSync(file, 'utf8'))).map((file) => relative(ROOT, file));
    expect(offenders).toEqual([]);
  });
});
