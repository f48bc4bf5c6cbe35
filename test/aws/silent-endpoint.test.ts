import { createServer, type Server, type Socket } from 'node:net';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createAwsClients } from '../../shared/aws/clients.ts';

// An endpoint that accepts connections and never answers: a stalled emulator, a black-holed route.
let server: Server;
const sockets: Socket[] = [];
let url: string;
beforeAll(async () => {
  server = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((closed) => server.close(closed));
});

test('a request to an endpoint that never answers gives up after its timeout (and the SDK\'s attempts), not after the 15-minute socket default', async () => {
  const { dynamodb } = createAwsClients({ region: 'us-east-1', endpoints: { dynamodb: url } }, {}, { dynamodb: 300 });
  const started = Date.now();
  await expect(dynamodb.send(new GetCommand({ TableName: 'results', Key: { resultKey: 'k' } }))).rejects.toThrow(/timeout|timed out/i);
  expect(Date.now() - started).toBeLessThan(8_000);
}, 20_000);
