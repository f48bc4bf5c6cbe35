import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../local/stack.ts';

/**
 * The local endpoints hold full claims (queues, the inbox bucket, result rows), so they listen on the
 * loopback address only. The test reads the kernel's table of listening sockets rather than connecting
 * from another address, so it needs no second network interface.
 */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const LISTEN = '0A';
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((table) =>
    readFileSync(table, 'utf8')
      .split('\n')
      .slice(1)
      .map((row) => row.trim().split(/\s+/))
      .filter((cols) => cols[1]?.endsWith(`:${hexPort}`) && cols[3] === LISTEN)
      .map((cols) => (cols[1] ?? '').split(':')[0] ?? ''),
  );
}

const LOOPBACK_V4 = '0100007F';
const LOOPBACK_V6 = '00000000000000000000000001000000';

let stack: LocalStack;
beforeAll(async () => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  stack = await startLocalStack({ dynamodbPort: 0, sqsPort: 0, poll: false });
});
afterAll(() => stack?.stop());

describe.runIf(process.platform === 'linux')('the local endpoints listen on 127.0.0.1 only', () => {
  it.each(['DynamoDB', 'SQS/SNS/S3'])('%s', (name) => {
    const port = name === 'DynamoDB' ? stack.dynamo.port : stack.sqsSns.port;
    const addresses = listeningAddresses(port);
    expect(addresses.length).toBeGreaterThan(0);
    expect(addresses.filter((a) => a !== LOOPBACK_V4 && a !== LOOPBACK_V6)).toEqual([]);
  });
});
