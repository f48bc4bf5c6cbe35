import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
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

/**
 * The scrub function's (and the local stack's) clients. A request that gets no answer gives up after
 * its timeout (`throwOnRequestTimeout`: the SDK otherwise only warns and waits out its 15-minute socket
 * default), so the retry budget and the function's deadline hold against a silent endpoint too.
 */
export function createAwsClients(connection: AwsConnection, env: Env = process.env, requestTimeoutMs: Partial<typeof REQUEST_TIMEOUT_MS> = {}): AwsClients {
  const timeouts = { ...REQUEST_TIMEOUT_MS, ...requestTimeoutMs };
  const base = (endpoint: string | undefined, requestTimeout: number) => clientConfig(connection, endpoint, env, { requestTimeout, throwOnRequestTimeout: true });
  const clients = {
    dynamodb: DynamoDBDocumentClient.from(new DynamoDBClient(base(connection.endpoints.dynamodb, timeouts.dynamodb)), {
      marshallOptions: { removeUndefinedValues: true },
    }),
    sqs: new SQSClient(base(connection.endpoints.sqs, timeouts.sqs)),
    sns: new SNSClient(base(connection.endpoints.sns, timeouts.sns)),
  };
  // The SDK's logger middleware copies every request and response through its sensitive-data filter
  // even when no logger is set, and these clients never get one: about 3% of the local bench's CPU.
  for (const client of Object.values(clients)) client.middlewareStack.remove(SDK_LOGGER_MIDDLEWARE);
  return clients;
}

/**
 * An SQS client that gives up on a request after `requestTimeoutMs` (the SDK otherwise only warns, and
 * waits out its 15-minute socket default) and makes `maxAttempts` attempts of its own: for a sender
 * that retries itself and must know what became of each attempt (`claim-scrubber submit`, the file intake).
 */
export function createSqsClient(connection: AwsConnection, env: Env, options: { requestTimeoutMs: number; maxAttempts: number }): SQSClient {
  const client = new SQSClient({
    ...clientConfig(connection, connection.endpoints.sqs, env, { requestTimeout: options.requestTimeoutMs, throwOnRequestTimeout: true }),
    maxAttempts: options.maxAttempts,
  });
  client.middlewareStack.remove(SDK_LOGGER_MIDDLEWARE);
  return client;
}

function clientConfig(connection: AwsConnection, endpoint: string | undefined, env: Env, handler: { requestTimeout: number; throwOnRequestTimeout?: boolean }) {
  return {
    region: connection.region,
    requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS, ...handler },
    ...(endpoint ? { endpoint } : {}),
    ...(endpoint && !env.AWS_ACCESS_KEY_ID ? { credentials: EMULATOR_CREDENTIALS } : {}),
  };
}

const SDK_LOGGER_MIDDLEWARE = 'loggerMiddleware';
