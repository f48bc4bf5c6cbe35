import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { InitializeMiddleware, MiddlewareStack } from '@smithy/types';
import type { AwsConnection, Env } from './config.ts';

export interface AwsClients {
  dynamodb: DynamoDBDocumentClient;
  sqs: SQSClient;
  sns: SNSClient;
}

/** Emulators accept any signature; real AWS credentials are never needed, nor looked for, locally. */
export const EMULATOR_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

// Fail fast on a dead endpoint so the SDK's own retries, then SQS redelivery, take over; SQS needs
// room for a 20 s long poll.
export const CONNECTION_TIMEOUT_MS = 2_000;
const REQUEST_TIMEOUT_MS = { dynamodb: 10_000, sqs: 30_000, sns: 10_000 };

export function createAwsClients(connection: AwsConnection, env: Env = process.env): AwsClients {
  const base = (endpoint: string | undefined, requestTimeout: number) => ({
    region: connection.region,
    requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS, requestTimeout },
    ...(endpoint ? { endpoint } : {}),
    ...(endpoint && !env.AWS_ACCESS_KEY_ID ? { credentials: EMULATOR_CREDENTIALS } : {}),
  });
  const clients = {
    dynamodb: DynamoDBDocumentClient.from(new DynamoDBClient(base(connection.endpoints.dynamodb, REQUEST_TIMEOUT_MS.dynamodb)), {
      marshallOptions: { removeUndefinedValues: true },
    }),
    sqs: new SQSClient(base(connection.endpoints.sqs, REQUEST_TIMEOUT_MS.sqs)),
    sns: new SNSClient(base(connection.endpoints.sns, REQUEST_TIMEOUT_MS.sns)),
  };
  // The SDK's logger middleware copies every request and response through its sensitive-data filter
  // even when no logger is set, and these clients never get one: about 3% of the local bench's CPU.
  for (const client of Object.values(clients)) client.middlewareStack.remove(SDK_LOGGER_MIDDLEWARE);
  return clients;
}

const SDK_LOGGER_MIDDLEWARE = 'loggerMiddleware';

/**
 * Counts the commands clients send (retries excluded) by command and table: what the bench reports.
 * A request that names several tables (BatchGetItem) counts once per table in `count` and `snapshot`,
 * and once in `requests`.
 */
export class RequestCounter {
  private readonly counts = new Map<string, number>();
  private readonly perCommand = new Map<string, number>();

  attach(client: { middlewareStack: Pick<MiddlewareStack<object, object>, 'add'> }): void {
    const count: InitializeMiddleware<object, object> = (next, context) => (args) => {
      const command = context.commandName ?? 'unknown';
      this.perCommand.set(command, (this.perCommand.get(command) ?? 0) + 1);
      for (const table of tablesOf(args.input)) {
        const key = `${command} ${table}`;
        this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      }
      return next(args);
    };
    client.middlewareStack.add(count, { step: 'initialize', name: 'requestCounter', override: true });
  }

  /** Requests whose command name contains `command` (e.g. 'BatchGetItem'), optionally on one table; a request naming two tables counts on each. */
  count(filter: { command?: string; table?: string } = {}): number {
    let total = 0;
    for (const [key, n] of this.counts) {
      const [command = '', table = ''] = key.split(' ');
      if ((filter.command === undefined || command.includes(filter.command)) && (filter.table === undefined || table === filter.table)) total += n;
    }
    return total;
  }

  /** Requests whose command name contains `command`, each counted once whatever tables it names. */
  requests(command = ''): number {
    let total = 0;
    for (const [name, n] of this.perCommand) if (name.includes(command)) total += n;
    return total;
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  reset(): void {
    this.counts.clear();
    this.perCommand.clear();
  }
}

/** The DynamoDB tables a command touches; '-' for SQS/SNS commands and single-table-less ones. */
function tablesOf(input: object): string[] {
  if ('TableName' in input && typeof input.TableName === 'string') return [input.TableName];
  if ('RequestItems' in input && typeof input.RequestItems === 'object' && input.RequestItems !== null) return Object.keys(input.RequestItems);
  return ['-'];
}
