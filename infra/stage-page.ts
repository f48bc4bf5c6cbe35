import { fileURLToPath } from 'node:url';
import { buildPage } from '../web/build.ts';

/**
 * Writes the worklist page (web/build.ts) into `outputDir`: the asset the construct deploys to the page
 * bucket. Synthesis runs it as a script (the asset's local bundling): the build is asynchronous, and a
 * construct is built synchronously.
 */
export async function stagePage(outputDir: string): Promise<void> {
  await buildPage(outputDir);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [outputDir] = process.argv.slice(2);
  if (!outputDir) {
    console.error('usage: node infra/stage-page.ts <outputDir>');
    process.exit(2);
  }
  await stagePage(outputDir);
}
