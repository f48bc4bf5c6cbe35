import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readActiveData } from '../shared/aws/active-data.ts';
import { startDynamo, type DynamoEmulator } from '../local/emulators.ts';
import { createTableInput } from '../local/resources.ts';
import { CODES_TABLE_SCHEMA } from '../shared/aws/table-schemas.ts';
import { runLoadCodeData } from './support/run-node.ts';

const ROOT = join(import.meta.dirname, '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'ncci');
const TABLE = 'cli-ncci-codes';
const MCR_MUE = join(FIXTURES, 'MCR_MUE_PractitionerServices_Eff_07-01-2026.csv');
const MCD_MUE = join(FIXTURES, 'MCD_MUE_PractitionerServices_Eff_07-01-2026.csv');
const MCR_PTP = join(FIXTURES, 'ccipra-v322r0-f1.txt');
const MCR_PTP_ZIP = join(FIXTURES, 'medicare-ncci-2026q3-practitioner-ptp-edits-ccipra-v322r0-f1.zip');

const run = runLoadCodeData;

describe('claim-scrubber load-code-data --ncci-mue / --ncci-ptp / --no-ncci', () => {
  let dynamo: DynamoEmulator;
  let ddb: DynamoDBClient;
  let target: string[];

  beforeAll(async () => {
    dynamo = await startDynamo({ port: 0, host: '127.0.0.1' });
    ddb = new DynamoDBClient({ region: 'us-east-1', endpoint: dynamo.url, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await ddb.send(new CreateTableCommand(createTableInput(TABLE, CODES_TABLE_SCHEMA)));
    target = ['--table', TABLE, '--endpoint-url', dynamo.url, '--region', 'us-east-1'];
  });

  afterAll(async () => {
    ddb?.destroy();
    await dynamo?.stop();
  });

  it('lists the NCCI options in its usage', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    for (const option of ['--ncci-mue <file>', '--ncci-ptp <file>', '--no-ncci']) expect(stdout).toContain(option);
  });

  it('exits 2 with the usage for --no-ncci with NCCI files, or an NCCI option without its file', async () => {
    for (const args of [['--no-ncci', '--ncci-mue', MCR_MUE], ['--ncci-ptp'], ['--no-ncci', '--no-activate']]) {
      const { code, stderr } = await run([...args, ...target]);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr, args.join(' ')).toContain('Usage: claim-scrubber load-code-data');
    }
  });

  it('exits 2 naming an unusable NCCI file, before touching the table', async () => {
    const missing = await run(['--ncci-mue', join(FIXTURES, 'no-such-mue.csv'), '--endpoint-url', 'http://127.0.0.1:9']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^claim-scrubber load-code-data: cannot read MUE file .*no-such-mue\.csv/);

    const bad = join(mkdtempSync(join(tmpdir(), 'ncci-cli-')), 'MCR_MUE_PractitionerServices_Eff_07-01-2026.csv');
    writeFileSync(bad, 'this is not an MUE table\n');
    const garbled = await run(['--ncci-mue', bad, ...target]);
    expect(garbled.code).toBe(2);
    expect(garbled.stderr).toContain(`claim-scrubber load-code-data: `);
    expect(garbled.stderr).toContain(bad);
    expect(garbled.stderr).not.toContain('Loaded');
    expect(await readActiveData(ddb, TABLE)).toBeUndefined();
  });

  it('loads NCCI tables with a release, keeps them through a reload of codes, replaces them alone, and drops them with --no-ncci', async () => {
    // No release active yet: the bundled one is loaded with the tables.
    const first = await run(['--ncci-mue', MCR_MUE, '--ncci-mue', MCD_MUE, '--ncci-ptp', MCR_PTP, ...target]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/Loaded NCCI edits MUE medicare practitioner 2026-07-01; MUE medicaid practitioner 2026-07-01; PTP medicare practitioner v322r0: \d+ MUE edits and \d+ PTP edits \(MUE medicare, MUE medicaid, PTP medicare\)\./);
    expect(first.stderr).toContain('Active code data: HCPCS-2020 / ');
    const loaded = await readActiveData(ddb, TABLE);
    expect(loaded).toMatchObject({ codeRelease: 'HCPCS-2020', ncciTables: { mue: ['medicare', 'medicaid'], ptp: ['medicare'] } });

    // A release loaded without NCCI options keeps the tables the pointer names.
    const reload = await run(['--hcpcs', join(ROOT, 'data/hcpcs/HCPC2019_CONTR_ANWEB.txt'), ...target]);
    expect(reload.code, reload.stderr).toBe(0);
    expect(reload.stderr).toContain(`NCCI ${loaded?.ncciRelease} (kept)`);
    expect(await readActiveData(ddb, TABLE)).toMatchObject({ codeRelease: 'HCPCS-2019', ncciKey: loaded?.ncciKey });

    // NCCI options alone replace the tables and keep the release: HCPCS-2019 stays, not the bundled 2020.
    const replace = await run(['--ncci-ptp', MCR_PTP_ZIP, ...target]);
    expect(replace.code, replace.stderr).toBe(0);
    expect(replace.stderr).toMatch(/Loaded NCCI edits PTP medicare practitioner v322r0: 0 MUE edits and \d+ PTP edits \(PTP medicare\)\./);
    expect(replace.stderr).toContain('Active code data: HCPCS-2019');
    const replaced = await readActiveData(ddb, TABLE);
    expect(replaced).toMatchObject({ codeRelease: 'HCPCS-2019', ncciRelease: 'PTP medicare practitioner v322r0', ncciTables: { mue: [], ptp: ['medicare'] } });

    // The same tables again are recognised, not rewritten.
    const again = await run(['--ncci-ptp', MCR_PTP_ZIP, ...target]);
    expect(again.stderr).toContain('NCCI edits PTP medicare practitioner v322r0 were already loaded');

    const removed = await run(['--no-ncci', ...target]);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stderr).toContain('no NCCI edits (was PTP medicare practitioner v322r0)');
    const active = await readActiveData(ddb, TABLE);
    expect(active).toMatchObject({ codeRelease: 'HCPCS-2019' });
    expect(active?.ncciKey).toBeUndefined();
  }, 60_000);
});
