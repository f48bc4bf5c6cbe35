import { fileURLToPath } from 'node:url';
import type { CodeSet } from '../../shared/codes/code-set.ts';
import { loadCodeDataFile } from '../../shared/files/code-data-files.ts';

/** The HIT G-code test release (see test/fixtures/hcpcs/PROVENANCE.md): CMS's G0068-G0070, SD and SS, and G0090. */
export const HIT_FIXTURE_PATH = fileURLToPath(new URL('../fixtures/hcpcs/HIT_G_CODES_FIXTURE.txt', import.meta.url));

let cached: CodeSet | undefined;

/** The HIT G-code test release with the project's 99601/99602 records, loaded once per test file. */
export function hitFixtureCodes(): CodeSet {
  cached ??= loadCodeDataFile(HIT_FIXTURE_PATH, { release: 'HIT-FIXTURE' });
  return cached;
}
