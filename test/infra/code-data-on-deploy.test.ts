import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LOAD_CODE_DATA_LAYOUT, PROJECT_ROOT } from '../../infra/bundling.ts';
import { bundledDataDigest, CODE_DATA_RESOURCE_TYPE } from '../../infra/code-data-on-deploy.ts';
import type { CustomResourceEvent, CustomResourceResponse } from '../../functions/load-code-data/deploy-event.ts';
import { startDynamo, type DynamoEmulator } from '../../local/emulators.ts';
import { createTableInput } from '../../local/resources.ts';
import { activateData, readActiveData } from '../../shared/aws/active-data.ts';
import { CODES_TABLE_SCHEMA } from '../../shared/aws/table-schemas.ts';
import { logicalIdOf, resourcesOfType, synthStack } from './support.ts';

describe('the code-data load in the deploy', () => {
  const { stack, template } = synthStack();
  const s = stack.scrubber;
  const resources = resourcesOfType(template, CODE_DATA_RESOURCE_TYPE);

  it('is a custom resource served by the load-code-data function itself: no provider function, no role of its own', () => {
    expect(resources).toHaveLength(1);
    const [, load] = resources[0] as (typeof resources)[number];
    expect(load.Properties?.ServiceToken).toEqual({ 'Fn::GetAtt': [logicalIdOf(stack, s.loadCodeDataFunction), 'Arn'] });
    template.resourceCountIs('AWS::Lambda::Function', 3);
    template.resourceCountIs('AWS::IAM::Role', 3);
  });

  it('names the code table, so it runs once the table exists and again if the table is replaced', () => {
    expect(resources[0]?.[1].Properties?.CodesTable).toEqual({ Ref: logicalIdOf(stack, s.codesTable) });
  });

  it('carries a digest of the bundled data files, so a deploy that ships other data loads again', () => {
    const digest = resources[0]?.[1].Properties?.BundledDataDigest;
    expect(digest).toBe(bundledDataDigest());
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives up waiting for an answer after three attempts of the load and a margin (20 minutes for the 5-minute load)', () => {
    expect(resources[0]?.[1].Properties?.ServiceTimeout).toBe('1200');
  });
});

describe('the bundled data digest', () => {
  let copy: string;
  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), 'code-data-digest-'));
    for (const file of LOAD_CODE_DATA_LAYOUT.dataFiles) {
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      copyFileSync(join(PROJECT_ROOT, file), join(copy, file));
    }
  });
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('is the same for the same files, and changes when one byte of one changes', () => {
    expect(bundledDataDigest(copy)).toBe(bundledDataDigest());
    const payerPolicy = LOAD_CODE_DATA_LAYOUT.dataFiles.find((f) => f.endsWith('.json')) as string;
    writeFileSync(join(copy, payerPolicy), `${JSON.stringify({ changed: true })}\n`);
    expect(bundledDataDigest(copy)).not.toBe(bundledDataDigest());
  });
});

/** Runs the handler module against dynalite, answering CloudFormation on a local server. */
describe('load-code-data answering CloudFormation', { timeout: 180_000 }, () => {
  let dynamo: DynamoEmulator;
  let server: Server;
  let url: string;
  let status = 200;
  const answers: Array<{ body: CustomResourceResponse; contentType: string | undefined }> = [];
  const context = { functionName: 'load', awsRequestId: 'r1', logStreamName: '2026/12/01/[$LATEST]abc', getRemainingTimeInMillis: () => 300_000 } as unknown as Context;
  const event = (requestType: CustomResourceEvent['RequestType'], extra: Partial<CustomResourceEvent> = {}): CustomResourceEvent => ({
    RequestType: requestType,
    ResponseURL: `${url}/response?signature=abc`,
    StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/ClaimScrubber/1',
    RequestId: `req-${answers.length}`,
    LogicalResourceId: 'ClaimScrubberCodeDataLoad',
    ResourceProperties: { ServiceToken: 'arn', CodesTable: 'codes', BundledDataDigest: 'x' },
    ...extra,
  });
  type Handler = (e: unknown, c: Context) => Promise<unknown>;
  const handlerFor = async (table: string): Promise<Handler> => {
    vi.resetModules();
    process.env.CODES_TABLE_NAME = table;
    return (await import('../../functions/load-code-data/handler.ts')).handler as unknown as Handler;
  };

  beforeAll(async () => {
    dynamo = await startDynamo({ port: 0, host: '127.0.0.1' });
    const ddb = new DynamoDBClient({ region: 'us-east-1', endpoint: dynamo.url, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await ddb.send(new CreateTableCommand(createTableInput('codes', CODES_TABLE_SCHEMA)));
    ddb.destroy();
    Object.assign(process.env, { AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_DYNAMODB: dynamo.url, POWERTOOLS_LOG_LEVEL: 'SILENT' });
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        if (req.method === 'PUT') answers.push({ body: JSON.parse(body) as CustomResourceResponse, contentType: req.headers['content-type'] });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await dynamo?.stop();
  });

  it('loads on Create and answers SUCCESS with the release, under a physical id that names the table', async () => {
    const handler = await handlerFor('codes');
    await expect(handler(event('Create'), context)).resolves.toBeUndefined();
    expect(answers.at(-1)?.body).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'code-data:codes',
      RequestId: 'req-0',
      LogicalResourceId: 'ClaimScrubberCodeDataLoad',
      StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/ClaimScrubber/1',
      // The first deploy: nothing was active, so the bundled release is.
      Data: { Release: 'HCPCS-2020', AlreadyLoaded: false, ActiveCodeDataKey: 'HCPCS-2020' },
    });
    expect((answers.at(-1)?.body.Data?.CodesWritten as number) > 5_000).toBe(true);
    // Signed without a content type: none is sent.
    expect(answers.at(-1)?.contentType ?? '').toBe('');
  });

  it('on Update loads again (an already loaded release is only re-activated) and keeps the physical id', async () => {
    const handler = await handlerFor('codes');
    await handler(event('Update', { PhysicalResourceId: 'code-data:codes' }), context);
    expect(answers.at(-1)?.body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'code-data:codes', Data: { AlreadyLoaded: true, CodesWritten: 0 } });
  });

  it('never switches away from a release an operator activated since: the bundled one is loaded, not activated', async () => {
    const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', endpoint: dynamo.url, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
    const seen = await readActiveData(ddb, 'codes');
    await activateData(ddb, 'codes', { codeRelease: 'HCPCS-2026-JAN', codeDataKey: 'HCPCS-2026-JAN', payerPolicyVersion: 'own' }, seen);
    const handler = await handlerFor('codes');
    await handler(event('Update', { PhysicalResourceId: 'code-data:codes' }), context);
    expect(answers.at(-1)?.body).toMatchObject({ Status: 'SUCCESS', Data: { Release: 'HCPCS-2020', ActiveCodeDataKey: 'HCPCS-2026-JAN' } });
    expect((await readActiveData(ddb, 'codes'))?.codeDataKey).toBe('HCPCS-2026-JAN');
    ddb.destroy();
  });

  it('on Delete answers SUCCESS and leaves the code table as it is', async () => {
    const handler = await handlerFor('codes');
    await handler(event('Delete', { PhysicalResourceId: 'code-data:codes' }), context);
    expect(answers.at(-1)?.body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'code-data:codes', Data: {} });
    // Delete touched nothing: the operator's release is still the active one.
    const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', endpoint: dynamo.url, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
    expect((await readActiveData(ddb, 'codes'))?.codeDataKey).toBe('HCPCS-2026-JAN');
    ddb.destroy();
  });

  it('answers FAILED, naming the error and the log stream, when the load fails, and does not throw (the deploy hears at once)', async () => {
    const handler = await handlerFor('no-such-table');
    await expect(handler(event('Create'), context)).resolves.toBeUndefined();
    const answer = answers.at(-1)?.body;
    expect(answer?.Status).toBe('FAILED');
    expect(answer?.Reason).toMatch(/^Code data not loaded \(ResourceNotFoundException: .*\)\. Log stream: 2026\/12\/01\/\[\$LATEST\]abc$/);
  });

  it('throws when CloudFormation refuses the answer, so Lambda tries the invocation again', async () => {
    const handler = await handlerFor('codes');
    status = 403;
    try {
      await expect(handler(event('Delete', { PhysicalResourceId: 'code-data:codes' }), context)).rejects.toThrow(/HTTP 403/);
    } finally {
      status = 200;
    }
  });

  it('still returns the outcome to an operator who invokes it by hand, and switches to the bundled release as asked', async () => {
    const handler = await handlerFor('codes');
    await expect(handler({ force: false }, context)).resolves.toMatchObject({ release: 'HCPCS-2020', alreadyLoaded: true, active: { codeRelease: 'HCPCS-2020' } });
  });
});
