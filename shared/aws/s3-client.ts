import { S3Client } from '@aws-sdk/client-s3';
import { CONNECTION_TIMEOUT_MS, EMULATOR_CREDENTIALS } from './clients.ts';
import type { AwsConnection, Env } from './config.ts';

// Between two chunks of a GetObject body; the whole download may take longer.
const SOCKET_TIMEOUT_MS = 30_000;

/**
 * Kept apart from createAwsClients so the scrub function's bundle and cold start do not carry the
 * S3 client. Against an emulator, path-style addressing: `<bucket>.127.0.0.1` resolves nowhere.
 */
export function createS3Client(connection: AwsConnection, env: Env = process.env): S3Client {
  const endpoint = connection.endpoints.s3;
  return new S3Client({
    region: connection.region,
    requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS, requestTimeout: SOCKET_TIMEOUT_MS, throwOnRequestTimeout: true },
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    ...(endpoint && !env.AWS_ACCESS_KEY_ID ? { credentials: EMULATOR_CREDENTIALS } : {}),
  });
}
