import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readActiveData } from '../shared/aws/active-data.ts';
import { startDynamo, type DynamoEmulator } from '../local/emulators.ts';
import { createTableInput } from '../local/resources.ts';
import { CODES_TABLE_SCHEMA } from '../shared/aws/table-schemas.ts';
import { runLoadCodeData } from './support/run-node.ts';

const ROOT = join(import.meta.dirname, '..');
const TABLE = 'cli-codes';

const run = runLoadCodeData;

describe('claim-scrubber load-code-data', () => {
  let dynamo: DynamoEmulator;
  let ddb: DynamoDBClient;

  beforeAll(async () => {
    dynamo = await startDynamo({ port: 0, host: '127.0.0.1' });
    ddb = new DynamoDBClient({ region: 'us-east-1', endpoint: dynamo.url, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await ddb.send(
      // The code table as the construct and the local stack define it.
      new CreateTableCommand(createTableInput(TABLE, CODES_TABLE_SCHEMA)),
    );
  });

  afterAll(async () => {
    ddb?.destroy();
    await dynamo?.stop();
  });

  it('prints its own options for --help', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: claim-scrubber load-code-data \[options\]/);
    expect(stdout).toContain('--no-activate');
  });

  it('exits 2 with the usage for a bad option or a --release without --hcpcs', async () => {
    for (const args of [['--bogus'], ['--release', 'HCPCS-2019'], ['--covers-through', '2019-12-31'], ['extra-file.txt']]) {
      const { code, stderr } = await run(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr, args.join(' ')).toContain('Usage: claim-scrubber load-code-data');
    }
  });

  it('exits 2 naming an unusable data file, before touching the table', async () => {
    const { code, stderr } = await run(['--hcpcs', join(ROOT, 'no-such', 'HCPC2099_ANWEB.txt'), '--endpoint-url', 'http://127.0.0.1:9']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^claim-scrubber load-code-data: cannot read HCPCS release file .*HCPC2099_ANWEB\.txt/);
  });

  it('loads the bundled release into the table and activates it', async () => {
    const { code, stderr } = await run(['--table', TABLE, '--endpoint-url', dynamo.url, '--region', 'us-east-1']);
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('Loaded HCPCS-2020 (covers 2020-01-01 to 2020-12-31; no CPT file): 6712 procedures and 369 modifiers');
    expect(stderr).toContain('Active code data: HCPCS-2020');
    expect(await readActiveData(ddb, TABLE)).toMatchObject({ codeRelease: 'HCPCS-2020', coverage: { from: '2020-01-01', through: '2020-12-31' } });
  });

  it('loads a release from the zip CMS publishes, with a CPT file, and says what it loaded', async () => {
    const work = mkdtempSync(join(tmpdir(), 'load-code-data-'));
    const zip = join(work, 'january-2019-alpha-numeric-hcpcs-file.zip');
    writeFileSync(zip, zipSync({ 'HCPC2019_CONTR_ANWEB.txt': readFileSync(join(ROOT, 'data/hcpcs/HCPC2019_CONTR_ANWEB.txt')), 'HCPC2019_README.txt': readFileSync(join(ROOT, 'data/hcpcs/HCPC2019_README.txt')) }));
    // Made-up descriptions: the AMA's CPT descriptors are licensed.
    const cpt = join(work, 'cpt-2019.tsv');
    writeFileSync(cpt, '96365\tTest infusion first hour\t2019-01-01\n96366\tTest infusion added hour\n');

    const { code, stderr } = await run(['--hcpcs', zip, '--cpt', cpt, '--table', TABLE, '--endpoint-url', dynamo.url, '--region', 'us-east-1']);
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('Loaded HCPCS-2019 (covers 2019-01-01 to 2019-12-31; CPT file cpt-2019.tsv): 6444 procedures (2 from the CPT file) and 360 modifiers');
    expect(await readActiveData(ddb, TABLE)).toMatchObject({ codeRelease: 'HCPCS-2019', cptSource: 'cpt-2019.tsv', coverage: { from: '2019-01-01', through: '2019-12-31' } });
  });
});
