import { CreateTableCommand, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startDynamo, type DynamoEmulator } from '../../local/emulators.ts';
import { createTableInput } from '../../local/resources.ts';
import { createAwsClients, type AwsClients } from '../../shared/aws/clients.ts';
import { CODES_TABLE_SCHEMA } from '../../shared/aws/table-schemas.ts';

/** The emulator and clients a suite of code-table tests shares; read them inside the tests. */
export interface CodeTableEmulator {
  readonly clients: AwsClients;
  /** The emulator's endpoint, for a test that builds clients of its own (a request counter, say). */
  readonly url: string;
}

/**
 * Starts dynalite for the calling suite and gives each test an empty code table, built as the construct
 * and the local stack define it (CODES_TABLE_SCHEMA); stops it after the suite.
 */
export function freshCodeTableEachTest(table: string): CodeTableEmulator {
  let dynamo: DynamoEmulator | undefined;
  let clients: AwsClients | undefined;
  beforeAll(async () => {
    dynamo = await startDynamo({ port: 0, host: '127.0.0.1' });
    clients = createAwsClients({ region: 'us-east-1', endpoints: { dynamodb: dynamo.url } }, {});
  });
  beforeEach(async () => {
    const ddb = (clients as AwsClients).dynamodb;
    await ddb.send(new DeleteTableCommand({ TableName: table })).catch(() => undefined);
    await ddb.send(new CreateTableCommand(createTableInput(table, CODES_TABLE_SCHEMA)));
  });
  afterAll(async () => {
    for (const client of Object.values(clients ?? {})) client.destroy();
    await dynamo?.stop();
  });
  return {
    get clients() {
      if (!clients) throw new Error('the code-table emulator is read before its suite started it');
      return clients;
    },
    get url() {
      if (!dynamo) throw new Error('the code-table emulator is read before its suite started it');
      return dynamo.url;
    },
  };
}
