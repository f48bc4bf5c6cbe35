import { CreateTableCommand, DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient, PutItemCommand, QueryCommand, type TableDescription } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_NAMES } from '../../shared/aws/config.ts';
import { RESULTS_PARTITION_KEY, RESULTS_STATUS_INDEX, RESULTS_STATUS_INDEX_ATTRIBUTES, RESULTS_TTL_ATTRIBUTE, TABLE_SCHEMAS } from '../../shared/aws/table-schemas.ts';
import { startDynamo, type DynamoEmulator } from '../../local/emulators.ts';
import { localTableInputs } from '../../local/resources.ts';
import { EXAMPLE_ORGANISATIONS } from '../../infra/worklist-context.ts';
import { logicalIdOf, synthStack } from './support.ts';

/** What a query against a table can rely on: its keys, attribute types, and each index's keys and projection. */
interface TableShape {
  keySchema: Array<{ AttributeName?: string; KeyType?: string }>;
  attributes: Array<{ AttributeName?: string; AttributeType?: string }>;
  indexes: Array<{ IndexName?: string; KeySchema?: unknown; ProjectionType?: string; NonKeyAttributes: string[] }>;
}

interface CfnTable {
  KeySchema: TableShape['keySchema'];
  AttributeDefinitions: TableShape['attributes'];
  GlobalSecondaryIndexes?: Array<{ IndexName: string; KeySchema: unknown; Projection: { ProjectionType: string; NonKeyAttributes?: string[] } }>;
  TimeToLiveSpecification?: { AttributeName: string; Enabled: boolean };
}

const byName = <T extends { AttributeName?: string }>(list: T[]) => [...list].sort((a, b) => String(a.AttributeName).localeCompare(String(b.AttributeName)));
const byIndex = <T extends { IndexName?: string }>(list: T[]) => [...list].sort((a, b) => String(a.IndexName).localeCompare(String(b.IndexName)));

function shapeOfCfn(table: CfnTable): TableShape {
  return {
    keySchema: table.KeySchema,
    attributes: byName(table.AttributeDefinitions),
    indexes: byIndex(
      (table.GlobalSecondaryIndexes ?? []).map((i) => ({
        IndexName: i.IndexName,
        KeySchema: i.KeySchema,
        ProjectionType: i.Projection.ProjectionType,
        NonKeyAttributes: [...(i.Projection.NonKeyAttributes ?? [])].sort(),
      })),
    ),
  };
}

function shapeOfDescription(table: TableDescription): TableShape {
  return {
    keySchema: (table.KeySchema ?? []).map(({ AttributeName, KeyType }) => ({ AttributeName, KeyType })),
    attributes: byName((table.AttributeDefinitions ?? []).map(({ AttributeName, AttributeType }) => ({ AttributeName, AttributeType }))),
    indexes: byIndex(
      (table.GlobalSecondaryIndexes ?? []).map((i) => ({
        IndexName: i.IndexName,
        KeySchema: (i.KeySchema ?? []).map(({ AttributeName, KeyType }) => ({ AttributeName, KeyType })),
        ProjectionType: i.Projection?.ProjectionType,
        NonKeyAttributes: [...(i.Projection?.NonKeyAttributes ?? [])].sort(),
      })),
    ),
  };
}

// With the worklist, so its table is in the template too.
const { stack, template } = synthStack({ worklist: { organisations: EXAMPLE_ORGANISATIONS } });
const resources = template.toJSON().Resources as Record<string, { Properties: CfnTable }>;
const cfnTable = (table: Parameters<typeof logicalIdOf>[1]) => resources[logicalIdOf(stack, table)]?.Properties as CfnTable;
const cfnTables: Record<keyof typeof TABLE_SCHEMAS, CfnTable> = {
  codesTable: cfnTable(stack.scrubber.codesTable),
  resultsTable: cfnTable(stack.scrubber.resultsTable),
  worklistTable: cfnTable((stack.scrubber.worklist as NonNullable<typeof stack.scrubber.worklist>).table),
};
const tables = Object.keys(TABLE_SCHEMAS) as Array<keyof typeof TABLE_SCHEMAS>;

let dynamo: DynamoEmulator;
let ddb: DynamoDBClient;
beforeAll(async () => {
  dynamo = await startDynamo({ port: 0, host: '127.0.0.1' });
  ddb = new DynamoDBClient({ region: 'us-east-1', endpoint: dynamo.url, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  // The requests local/resources.ts sends when the local stack starts.
  for (const input of localTableInputs()) await ddb.send(new CreateTableCommand(input));
});
afterAll(async () => {
  ddb?.destroy();
  await dynamo?.stop();
});

describe('table schemas: the local stack and the CDK stack build the same tables', () => {
  it.each(tables)('%s: same keys, attribute types, indexes and projections in dynalite as in the synthesized template', async (table) => {
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: DEFAULT_NAMES[table] }));
    expect(Table).toBeDefined();
    expect(shapeOfDescription(Table as TableDescription)).toEqual(shapeOfCfn(cfnTables[table]));
  });

  it('projects the reviewer index beyond its keys on both sides (the local index once held keys only)', async () => {
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: DEFAULT_NAMES.resultsTable }));
    const local = Table?.GlobalSecondaryIndexes?.find((i) => i.IndexName === RESULTS_STATUS_INDEX);
    expect(local?.Projection).toEqual({ ProjectionType: 'INCLUDE', NonKeyAttributes: [...RESULTS_STATUS_INDEX_ATTRIBUTES] });
    expect(cfnTables.resultsTable.GlobalSecondaryIndexes?.find((i) => i.IndexName === RESULTS_STATUS_INDEX)?.Projection.NonKeyAttributes).toEqual([...RESULTS_STATUS_INDEX_ATTRIBUTES]);
  });

  it('answers a reviewer query locally with what AWS would return: keys and the projected attributes, not the findings', async () => {
    const row = {
      [RESULTS_PARTITION_KEY]: { S: 'claim#1234567893#IDX-1' },
      claimId: { S: 'IDX-1' },
      billingNpi: { S: '1234567893' },
      status: { S: 'flagged' },
      scrubbedAt: { S: '2025-01-02T03:04:05.000Z' },
      medicareDenialRisk: { BOOL: true },
      ruleIds: { L: [{ S: 'SS-MEDICARE' }] },
      destination: { S: 'review' },
      codeRelease: { S: '2025-Q1' },
      findings: { L: [{ M: { ruleId: { S: 'SS-MEDICARE' } } }] },
      contentHash: { S: 'abc' },
      [RESULTS_TTL_ATTRIBUTE]: { N: '1893456000' },
    };
    await ddb.send(new PutItemCommand({ TableName: DEFAULT_NAMES.resultsTable, Item: row }));
    const { Items } = await ddb.send(
      new QueryCommand({
        TableName: DEFAULT_NAMES.resultsTable,
        IndexName: RESULTS_STATUS_INDEX,
        KeyConditionExpression: '#s = :s',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': { S: 'flagged' } },
        ScanIndexForward: false,
      }),
    );
    expect(Object.keys(Items?.[0] ?? {}).sort()).toEqual([RESULTS_PARTITION_KEY, 'scrubbedAt', 'status', ...RESULTS_STATUS_INDEX_ATTRIBUTES].sort());
  });

  it('expires result rows by the schema\'s TTL attribute in AWS; dynalite cannot set TTL, so local rows are kept', async () => {
    expect(cfnTables.resultsTable.TimeToLiveSpecification).toEqual({ AttributeName: TABLE_SCHEMAS.resultsTable.timeToLiveAttribute, Enabled: true });
    expect(cfnTables.codesTable.TimeToLiveSpecification).toBeUndefined();
    expect(TABLE_SCHEMAS.codesTable.timeToLiveAttribute).toBeUndefined();
    const { TimeToLiveDescription } = await ddb.send(new DescribeTimeToLiveCommand({ TableName: DEFAULT_NAMES.resultsTable }));
    expect(TimeToLiveDescription?.TimeToLiveStatus).toBe('DISABLED');
  });
});
