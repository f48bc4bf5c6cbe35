import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LogLevel, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';
import { BUNDLED_HCPCS_PATH, PROJECT_CODES_PATH } from '../shared/files/code-data-files.ts';
import { BUNDLED_PAYER_POLICY_PATH } from '../shared/files/payer-policy-files.ts';
import type { BundleLayout } from './stage-bundle.ts';

/** The repository root: handler entries and the lockfile are resolved from here, wherever the CLI runs. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export const SCRUB_CLAIMS_ENTRY = fileURLToPath(new URL('../functions/scrub-claims/handler.ts', import.meta.url));
export const INTAKE_FILES_ENTRY = fileURLToPath(new URL('../functions/intake-files/handler.ts', import.meta.url));
export const LOAD_CODE_DATA_ENTRY = fileURLToPath(new URL('../functions/load-code-data/handler.ts', import.meta.url));
export const WORKLIST_API_ENTRY = fileURLToPath(new URL('../functions/worklist-api/handler.ts', import.meta.url));
export const WORKLIST_FEED_ENTRY = fileURLToPath(new URL('../functions/worklist-feed/handler.ts', import.meta.url));
const STAGE_BUNDLE_SCRIPT = fileURLToPath(new URL('./stage-bundle.ts', import.meta.url));

/**
 * The load function reads the bundled release, payer policy and CPT records from files at run time.
 * The paths come from the modules that read them, so a new bundled release needs no change here.
 */
export const LOAD_CODE_DATA_LAYOUT: BundleLayout = {
  bundleDir: 'functions/load-code-data',
  dataFiles: [BUNDLED_HCPCS_PATH, BUNDLED_PAYER_POLICY_PATH, PROJECT_CODES_PATH].map((path) => relative(PROJECT_ROOT, path).split('\\').join('/')),
};

/** The Lambda handler string for a bundle staged with `layout` (NodejsFunction takes a dotted handler as is). */
export function stagedHandler(layout: BundleLayout, exportName = 'handler'): string {
  return `${layout.bundleDir}/index.${exportName}`;
}

/**
 * How every handler is bundled. The construct and bench/infra.ts both read this one object, so the
 * bench measures the bundle that is deployed.
 */
export const LAMBDA_BUNDLE = {
  target: 'node22',
  minify: true,
  sourcemap: true,
  // The map only has to turn bundle positions into file:line; without the sources it is a fifth of the size.
  sourcesContent: false,
  // Prefer the ESM builds of dependencies: the output is ESM, and dual packages then load once.
  mainFields: ['module', 'main'],
  // esbuild turns a CommonJS dependency's require('node:…') into a call that throws in an ES module
  // unless a `require` is in scope.
  banner: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  // The SDK is bundled rather than taken from the runtime: the handlers then run the exact client
  // versions the tests ran, and a tree-shaken bundle initialises faster than the runtime's full SDK.
  external: [] as string[],
} as const;

/**
 * The NodejsFunction form of LAMBDA_BUNDLE (local esbuild; Docker is never used). With a layout, the
 * bundle is moved and its data files copied after esbuild runs (see stage-bundle.ts).
 */
export function lambdaBundlingOptions(layout?: BundleLayout): BundlingOptions {
  const quote = (arg: string) => `"${arg}"`;
  return {
    format: OutputFormat.ESM,
    target: LAMBDA_BUNDLE.target,
    minify: LAMBDA_BUNDLE.minify,
    sourceMap: LAMBDA_BUNDLE.sourcemap,
    sourcesContent: LAMBDA_BUNDLE.sourcesContent,
    mainFields: [...LAMBDA_BUNDLE.mainFields],
    banner: LAMBDA_BUNDLE.banner,
    bundleAwsSDK: true,
    externalModules: [...LAMBDA_BUNDLE.external],
    forceDockerBundling: false,
    logLevel: LogLevel.WARNING,
    ...(layout
      ? {
          commandHooks: {
            beforeBundling: () => [],
            beforeInstall: () => [],
            // process.execPath: the Node 22 that runs the app, whatever `node` the hook's shell would find.
            afterBundling: (_inputDir: string, outputDir: string) => [
              [process.execPath, STAGE_BUNDLE_SCRIPT, outputDir, PROJECT_ROOT, layout.bundleDir, ...layout.dataFiles].map(quote).join(' '),
            ],
          },
        }
      : {}),
  };
}

/** The esbuild form of LAMBDA_BUNDLE, with the file name NodejsFunction gives an ESM bundle. */
export function esbuildOptions(entry: string, outdir: string): BuildOptions {
  return {
    entryPoints: { index: entry },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: LAMBDA_BUNDLE.target,
    minify: LAMBDA_BUNDLE.minify,
    sourcemap: LAMBDA_BUNDLE.sourcemap,
    sourcesContent: LAMBDA_BUNDLE.sourcesContent,
    mainFields: [...LAMBDA_BUNDLE.mainFields],
    banner: { js: LAMBDA_BUNDLE.banner },
    external: [...LAMBDA_BUNDLE.external],
    metafile: true,
    logLevel: 'warning',
  };
}
