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
const EMULATOR_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

// Fail fast on a dead endpoint so the SDK's own retries, then SQS redelivery, take over.
const REQUEST_HANDLER = { connectionTimeout: 2_000, requestTimeout: 10_000 };

export function createAwsClients(connection: AwsConnection, env: Env = process.env): AwsClients {
  const base = (endpoint: string | undefined) => ({
    region: connection.region,
    requestHandler: REQUEST_HANDLER,
    ...(endpoint ? { endpoint } : {}),
    ...(endpoint && !env.AWS_ACCESS_KEY_ID ? { credentials: EMULATOR_CREDENTIALS } : {}),
  });
  return {
    dynamodb: DynamoDBDocumentClient.from(new DynamoDBClient(base(connection.endpoints.dynamodb)), {
      marshallOptions: { removeUndefinedValues: true },
    }),
    sqs: new SQSClient(base(connection.endpoints.sqs)),
    sns: new SNSClient(base(connection.endpoints.sns)),
  };
}

/** Counts the commands a client sends (retries excluded), by command name: what the bench reports. */
export class RequestCounter {
  readonly counts = new Map<string, number>();

  attach(client: { middlewareStack: Pick<MiddlewareStack<object, object>, 'add'> }): void {
    const count: InitializeMiddleware<object, object> = (next, context) => (args) => {
      const name = context.commandName ?? 'unknown';
      this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
      return next(args);
    };
    client.middlewareStack.add(count, { step: 'initialize', name: 'requestCounter', override: true });
  }

  count(...names: string[]): number {
    return names.reduce((sum, name) => sum + (this.counts.get(name) ?? 0), 0);
  }

  reset(): void {
    this.counts.clear();
  }
}
