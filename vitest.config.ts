import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Two tiers. `npm test` runs both projects (what CI runs); `npm run test:unit` runs the unit project
 * alone, in seconds, while working on domain code.
 *
 * A test is integration when it spawns a process (the CLI, `npm start`: each loads the code data anew,
 * seconds apiece on a busy machine) or when what it runs reaches the local emulators (dynalite,
 * fauxqs), the CDK app (aws-cdk-lib) or bundling (esbuild), found by following its relative imports
 * (type-only ones aside) until a module imports one of those packages. So a new test is classified by
 * what it does, wherever it lives and whatever it is called: the pipeline harness, `startDynamo`, the
 * infra test support or a spawn make it integration; a fake `send` or the in-memory scrub keep it
 * unit. A name ending in `.int.test.ts` makes a test integration regardless (one slow for another reason).
 */
const ROOT = fileURLToPath(new URL('.', import.meta.url));
const INTEGRATION_PACKAGES = /^(?:dynalite|fauxqs|aws-cdk-lib|esbuild)(?:\/|$)/;
/** Only in the test file itself: a module that can spawn (bench/formats.ts) is not a test that does. */
const SPAWNS = /^\s*import\s[^;]*?['"](?:node:)?child_process['"]/m;
const IMPORTS = /^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

const dependencies = new Map<string, string[] | 'integration'>();

/** A module's relative imports, or 'integration' if it imports one of the packages. */
function dependenciesOf(file: string): string[] | 'integration' {
  const known = dependencies.get(file);
  if (known) return known;
  const source = existsSync(file) ? readFileSync(file, 'utf8') : '';
  let found: string[] | 'integration' = [];
  for (const [, from, dynamic] of source.matchAll(IMPORTS)) {
    const specifier = from ?? dynamic ?? '';
    if (INTEGRATION_PACKAGES.test(specifier)) found = 'integration';
    else if (found !== 'integration' && specifier.startsWith('.')) found.push(resolve(dirname(file), specifier));
  }
  dependencies.set(file, found);
  return found;
}

function isIntegrationTest(file: string): boolean {
  if (file.endsWith('.int.test.ts') || SPAWNS.test(readFileSync(file, 'utf8'))) return true;
  const seen = new Set([file]);
  const queue = [file];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    const found = dependenciesOf(next);
    if (found === 'integration') return true;
    for (const dependency of found.filter((d) => !seen.has(d))) {
      seen.add(dependency);
      queue.push(dependency);
    }
  }
  return false;
}

const testFiles = readdirSync(join(ROOT, 'test'), { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('.test.ts'))
  .map((path) => join(ROOT, 'test', path))
  .sort();
// Paths relative to the root, as include patterns are; no test file name holds a glob character.
const tier = (integration: boolean) => testFiles.filter((file) => isIntegrationTest(file) === integration).map((file) => relative(ROOT, file).replaceAll('\\', '/'));

export default defineConfig({
  test: {
    testTimeout: 20_000,
    // Starting the local stack (emulators, tables, code data) takes seconds, more on a shared CPU.
    hookTimeout: 60_000,
    projects: [
      // Unit files share their worker's modules instead of importing everything afresh per file
      // (the rule modules, the CMS data): about 20 s instead of 60 s on a busy 2-core machine. So a
      // unit test must restore what it stubs (vi.restoreAllMocks) and must not use vi.mock.
      { extends: true, test: { name: 'unit', include: tier(false), isolate: false } },
      { extends: true, test: { name: 'integration', include: tier(true) } },
    ],
  },
});
