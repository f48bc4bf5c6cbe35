import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/**
 * Builds the review worklist page: `web/src/main.tsx` (Preact, TSX) bundled and minified into one
 * script, `web/styles.css` into one style sheet, both named by a hash of their content, and
 * `web/index.html` pointing at them. Everything the page loads is in the result: no CDN, no inline
 * script or style (the page runs under web/security-headers.ts's policy). Node-only: the local
 * server and the CDK construct import it; the browser code lives in web/src and is only read by esbuild.
 */

const WEB = fileURLToPath(new URL('.', import.meta.url));

export interface PageFile {
  body: Uint8Array;
  contentType: string;
}

/**
 * The page in memory, keyed by URL path: `/index.html` and the hashed `/app.<hash>.js` and
 * `/app.<hash>.css`. A server answers `/` with `/index.html` (and any unknown path with a 404: the page
 * routes by the hash, so it never needs a fallback), and adds `/config.json` (PAGE_CONFIG_PATH) itself.
 */
export async function buildPageInMemory(): Promise<Map<string, PageFile>> {
  const [script, style] = await Promise.all([bundle(join(WEB, 'src', 'main.tsx')), bundle(join(WEB, 'styles.css'))]);
  const scriptName = `app.${hashOf(script)}.js`;
  const styleName = `app.${hashOf(style)}.css`;
  const template = await readFile(join(WEB, 'index.html'), 'utf8');
  const html = template.replace('"/app.js"', `"/${scriptName}"`).replace('"/app.css"', `"/${styleName}"`);
  if (!html.includes(scriptName) || !html.includes(styleName)) throw new Error('web/index.html must load "/app.js" and "/app.css"');
  return new Map<string, PageFile>([
    ['/index.html', { body: new TextEncoder().encode(html), contentType: 'text/html; charset=utf-8' }],
    [`/${scriptName}`, { body: script, contentType: 'text/javascript; charset=utf-8' }],
    [`/${styleName}`, { body: style, contentType: 'text/css; charset=utf-8' }],
  ]);
}

/** Builds the page into `outDir` (created if missing): the file names written and their gzipped size in total. */
export async function buildPage(outDir: string): Promise<{ files: string[]; gzipBytes: number }> {
  const page = await buildPageInMemory();
  await mkdir(outDir, { recursive: true });
  const files: string[] = [];
  for (const [path, file] of page) {
    const name = path.slice(1);
    await writeFile(join(outDir, name), file.body);
    files.push(name);
  }
  return { files, gzipBytes: gzipSize(page) };
}

/** What a browser downloads for the page, gzipped (level 9, as a CDN compresses): every file, summed. */
export function gzipSize(page: ReadonlyMap<string, PageFile>): number {
  let total = 0;
  for (const file of page.values()) total += gzipSync(file.body, { level: 9 }).byteLength;
  return total;
}

async function bundle(entry: string): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
    outdir: 'out',
  });
  const [output] = result.outputFiles;
  if (result.outputFiles.length !== 1 || !output) throw new Error(`bundling ${entry} gave ${result.outputFiles.length} files, not 1`);
  return output.contents;
}

function hashOf(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('hex').slice(0, 12);
}

// `node web/build.ts <outDir>`: writes the page and prints its size.
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const outDir = process.argv[2] ?? 'dist/web';
  const { files, gzipBytes } = await buildPage(outDir);
  console.log(`${files.join(', ')} → ${outDir} (${(gzipBytes / 1024).toFixed(1)} KB gzipped)`);
}
