#!/usr/bin/env node
// Launcher: the CLI is TypeScript run by Node 22's type stripping. A user whose `node` is older
// gets the project's own Node 22 (the `node` devDependency) instead of a cryptic syntax error.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
const stripsTypes = major > 22 || (major === 22 && minor >= 18);

if (stripsTypes) {
  const { main } = await import('../cli/main.ts');
  process.exitCode = await main(process.argv.slice(2));
} else {
  const bundledNode = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
  if (!existsSync(bundledNode)) {
    console.error(`claim-scrubber needs Node.js 22.18 or newer (this is ${process.version}). Run it with npx, or install dependencies with npm ci.`);
    process.exit(2);
  }
  const child = spawnSync(bundledNode, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(child.status ?? 2);
}
