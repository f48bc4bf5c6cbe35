import { copyFileSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BundleLayout {
  /** Where the bundle goes inside the asset: its source directory, e.g. functions/load-code-data. */
  bundleDir: string;
  /** Repository-relative data files copied into the asset at the same relative paths. */
  dataFiles: readonly string[];
}

/**
 * Moves index.mjs (and its map) from the asset root to `bundleDir` and copies the data files beside it,
 * keeping the repository's layout. Modules that find their data with `new URL('../../data/…',
 * import.meta.url)` sit two directories below the root, like the bundle then does, so the same
 * relative paths resolve inside the Lambda package as in the repository.
 */
export function stageBundle(outputDir: string, projectRoot: string, layout: BundleLayout): void {
  const target = join(outputDir, layout.bundleDir);
  mkdirSync(target, { recursive: true });
  for (const file of ['index.mjs', 'index.mjs.map']) renameSync(join(outputDir, file), join(target, file));
  for (const file of layout.dataFiles) {
    mkdirSync(dirname(join(outputDir, file)), { recursive: true });
    copyFileSync(join(projectRoot, file), join(outputDir, file));
  }
}

// NodejsFunction's afterBundling hook runs shell commands; it calls this file as a script.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [outputDir, projectRoot, bundleDir, ...dataFiles] = process.argv.slice(2);
  if (!outputDir || !projectRoot || !bundleDir) {
    console.error('usage: node infra/stage-bundle.ts <outputDir> <projectRoot> <bundleDir> [dataFile…]');
    process.exit(2);
  }
  stageBundle(outputDir, projectRoot, { bundleDir, dataFiles });
}
