import { mkdirSync } from 'node:fs';
import { Server } from 'node:http';
import { Server as NetServer, type AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { startFauxqs } from 'fauxqs';

export interface DynamoEmulator {
  readonly url: string;
  readonly port: number;
  /** Stops answering (connections refused) without losing data: a DynamoDB outage, for fault tests. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
}

export interface SqsSnsEmulator {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** dynalite in this process; `dataDir` keeps tables on disk (LevelDB) so they survive a restart. */
export async function startDynamo(options: { port: number; host: string; dataDir?: string }): Promise<DynamoEmulator> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(options.dataDir ? { path: options.dataDir } : {}) });
  await listen(server, options.port, options.host);
  const port = (server.address() as AddressInfo).port;
  let paused = false;
  const emulator: DynamoEmulator = {
    url: `http://${options.host}:${port}`,
    port,
    // dynalite's own close() also closes its database; the plain http.Server methods only stop the socket.
    async pause() {
      if (paused) return;
      paused = true;
      await new Promise<void>((resolve) => {
        Server.prototype.close.call(server, () => resolve());
        server.closeAllConnections();
      });
    },
    async resume() {
      if (!paused) return;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        const listening = () => {
          server.off('error', reject);
          resolve();
        };
        Server.prototype.listen.call(server, { port, host: options.host }, listening);
      });
      paused = false;
    },
    async stop() {
      await emulator.resume();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return emulator;
}

/** fauxqs (SQS and SNS on one port) in this process; `dataDir` keeps queues and messages in SQLite. */
export async function startSqsSns(options: { port: number; host: string; dataDir?: string; region: string }): Promise<SqsSnsEmulator> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const server = await listeningOn(options.host, () =>
    startFauxqs({
      port: options.port,
      host: options.host,
      logger: false,
      defaultRegion: options.region,
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    }),
  );
  return { url: `http://${options.host}:${server.port}`, port: server.port, stop: () => server.stop() };
}

/**
 * Runs `start` with every listen() it makes bound to `host`. fauxqs takes a host for the URLs it
 * writes but always listens on 0.0.0.0, which would open the queues and the inbox bucket (full
 * claims) to the network; so its one listen is pointed at `host` while it starts.
 */
async function listeningOn<T>(host: string, start: () => Promise<T>): Promise<T> {
  const original = NetServer.prototype.listen;
  const patched = function (this: NetServer, ...args: unknown[]): NetServer {
    const [first] = args;
    if (typeof first === 'object' && first !== null && 'port' in first) args[0] = { ...first, host };
    return (original as (...a: unknown[]) => NetServer).apply(this, args);
  };
  NetServer.prototype.listen = patched as typeof original;
  try {
    return await start();
  } finally {
    NetServer.prototype.listen = original;
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
