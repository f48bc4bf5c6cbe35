import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { App } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { esbuildOptions, LAMBDA_BUNDLE, lambdaBundlingOptions, LOAD_CODE_DATA_LAYOUT } from '../../infra/bundling.ts';
import { ClaimScrubberStack } from '../../infra/claim-scrubber-stack.ts';
import { EXAMPLE_ORGANISATIONS } from '../../infra/worklist-context.ts';
import { startDynamo, type DynamoEmulator } from '../../local/emulators.ts';
import { CLAIM_CHECK_BUCKET_ENV, CLAIM_REFERENCE_ENV } from '../../shared/aws/config.ts';
import { logicalIdOf, TEST_ALARM_EMAIL } from './support.ts';

const run = promisify(execFile);

/** Imports a bundle in a fresh Node process (as Lambda would) and runs `body` with `handler` in scope; prints its JSON result. */
async function inFreshNode(bundle: string, env: Record<string, string>, body: string): Promise<unknown> {
  const script = `const { handler } = await import(${JSON.stringify(bundle)}); ${body}`;
  const { stdout } = await run(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH ?? '', AWS_REGION: 'us-east-1', ...env },
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? 'null');
}

// Bundling for real, with the local esbuild (no Docker): the assets CDK would upload.
describe('synth with bundling', { timeout: 180_000 }, () => {
  let outdir: string;
  let stack: ClaimScrubberStack;
  let assetOf: (fn: ClaimScrubberStack['scrubber']['scrubFunction']) => string;

  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), 'claim-scrubber-cdk-'));
    const app = new App({ outdir });
    // With the worklist: its two functions and the page are bundled too.
    stack = new ClaimScrubberStack(app, 'Bundled', { scrubber: { alarmEmail: TEST_ALARM_EMAIL, worklist: { organisations: EXAMPLE_ORGANISATIONS } } });
    const assembly = app.synth();
    const template = assembly.getStackByName('Bundled').template as { Resources: Record<string, { Properties: { Code: { S3Key: string } } }> };
    assetOf = (fn) => join(outdir, `asset.${template.Resources[logicalIdOf(stack, fn)]?.Properties.Code.S3Key.replace(/\.zip$/, '')}`);
  }, 180_000);

  afterAll(() => {
    rmSync(outdir, { recursive: true, force: true });
  });

  it('bundles the scrub function as minified ESM with the require banner and an external source map', () => {
    const bundle = join(assetOf(stack.scrubber.scrubFunction), 'index.mjs');
    const code = readFileSync(bundle, 'utf8');
    expect(code.startsWith(LAMBDA_BUNDLE.banner)).toBe(true);
    expect(code).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
    expect(existsSync(`${bundle}.map`)).toBe(true);
    // Minified: long lines, not one statement per line.
    expect(code.length / code.split('\n').length).toBeGreaterThan(2_000);
    expect(statSync(bundle).size).toBeGreaterThan(100_000);
  });

  it('produces a scrub bundle that initialises in a fresh Node process, with the SDK inside it', async () => {
    const bundle = join(assetOf(stack.scrubber.scrubFunction), 'index.mjs');
    const env = {
      REVIEW_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/1/review',
      CLEAN_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/1/clean',
      ALERT_TOPIC_ARN: 'arn:aws:sns:us-east-1:1:alerts',
      [CLAIM_CHECK_BUCKET_ENV]: 'claim-check',
      [CLAIM_REFERENCE_ENV.secretArn]: 'arn:aws:secretsmanager:us-east-1:1:secret:claim-reference',
    };
    // NODE_PATH empty and the bundle outside the repository: nothing can come from node_modules.
    expect(await inFreshNode(bundle, { ...env, NODE_PATH: '' }, 'console.log(JSON.stringify(typeof handler));')).toBe('function');
    // As in Lambda, with tracing on: the X-Ray SDK inside the ESM bundle loads and wraps the clients.
    const lambda = { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x', _X_AMZN_TRACE_ID: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1' };
    expect(await inFreshNode(bundle, { ...env, ...lambda, NODE_PATH: '' }, 'console.log(JSON.stringify(typeof handler));')).toBe('function');
  });

  it('produces worklist bundles that initialise in a fresh Node process', async () => {
    const worklist = stack.scrubber.worklist as NonNullable<typeof stack.scrubber.worklist>;
    const env = {
      WORKLIST_TABLE_NAME: 'worklist',
      WORKLIST_ORGANISATIONS: JSON.stringify(EXAMPLE_ORGANISATIONS),
      INTAKE_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/1/intake',
      CLEAN_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/1/clean',
      [CLAIM_CHECK_BUCKET_ENV]: 'claim-check',
      [CLAIM_REFERENCE_ENV.secretArn]: 'arn:aws:secretsmanager:us-east-1:1:secret:claim-reference',
      NODE_PATH: '',
    };
    for (const fn of [worklist.apiFunction, worklist.feedFunction]) {
      expect(await inFreshNode(join(assetOf(fn), 'index.mjs'), env, 'console.log(JSON.stringify(typeof handler));'), fn.node.id).toBe('function');
    }
  });

  it('builds the worklist page into the asset the deployment copies: index.html and the hashed script and style it loads', () => {
    const template = JSON.parse(readFileSync(join(outdir, 'Bundled.template.json'), 'utf8')) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    const deployment = Object.values(template.Resources).find((r) => r.Type === 'Custom::CDKBucketDeployment');
    const keys = JSON.stringify(deployment?.Properties.SourceObjectKeys);
    // The deployment's sources: the page, and config.json (made at deploy time).
    const sources = readdirSync(outdir).filter((name) => name.startsWith('asset.') && !name.endsWith('.zip') && keys.includes(name.slice('asset.'.length)));
    expect(sources).toHaveLength(2);
    const page = join(outdir, sources.find((name) => existsSync(join(outdir, name, 'index.html'))) as string);
    const files = readdirSync(page).sort();
    expect(files).toContain('index.html');
    const html = readFileSync(join(page, 'index.html'), 'utf8');
    for (const file of files.filter((name) => /^app\.[0-9a-f]+\.(js|css)$/.test(name))) expect(html).toContain(`/${file}`);
    expect(files.filter((name) => /^app\.[0-9a-f]+\.(js|css)$/.test(name))).toHaveLength(2);
  });

  describe('the load-code-data bundle', () => {
    let dynamo: DynamoEmulator;

    beforeAll(async () => {
      dynamo = await startDynamo({ port: 0, host: '127.0.0.1' });
      const ddb = new DynamoDBClient({ region: 'us-east-1', endpoint: dynamo.url, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
      await ddb.send(
        new CreateTableCommand({
          TableName: 'codes',
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
    });

    afterAll(async () => {
      await dynamo.stop();
    });

    it('carries its data files where the code looks for them, and loads the bundled release from them', async () => {
      const asset = assetOf(stack.scrubber.loadCodeDataFunction);
      for (const file of LOAD_CODE_DATA_LAYOUT.dataFiles) expect(existsSync(join(asset, file)), file).toBe(true);
      expect(existsSync(join(asset, 'index.mjs'))).toBe(false);

      const bundle = join(asset, LOAD_CODE_DATA_LAYOUT.bundleDir, 'index.mjs');
      const context = `{ functionName: 'load', awsRequestId: 'r1', getRemainingTimeInMillis: () => 60000 }`;
      const outcome = (await inFreshNode(
        bundle,
        { CODES_TABLE_NAME: 'codes', AWS_ENDPOINT_URL_DYNAMODB: dynamo.url, POWERTOOLS_LOG_LEVEL: 'ERROR' },
        `const out = await handler({}, ${context}); console.log(JSON.stringify(out));`,
      )) as { release: string; codesWritten: number; active?: { codeRelease: string } };
      expect(outcome.release).toBe('HCPCS-2020');
      expect(outcome.codesWritten).toBeGreaterThan(5_000);
      expect(outcome.active?.codeRelease).toBe('HCPCS-2020');
    });
  });
});

describe('one bundling definition', () => {
  it('gives NodejsFunction and the bench the same esbuild settings', () => {
    const cdk = lambdaBundlingOptions();
    const esbuild = esbuildOptions('entry.ts', 'out');
    expect({ target: cdk.target, minify: cdk.minify, sourcemap: cdk.sourceMap, sourcesContent: cdk.sourcesContent, mainFields: cdk.mainFields, banner: cdk.banner, external: cdk.externalModules }).toEqual({
      target: esbuild.target,
      minify: esbuild.minify,
      sourcemap: esbuild.sourcemap,
      sourcesContent: esbuild.sourcesContent,
      mainFields: esbuild.mainFields,
      banner: esbuild.banner?.js,
      external: esbuild.external,
    });
    expect(esbuild.format).toBe('esm');
    expect(cdk.format).toBe('esm');
    expect(cdk.bundleAwsSDK).toBe(true);
  });
});
