import { connect, createServer, type Server, type Socket } from 'node:net';

export type CutMode =
  /** Every connection is destroyed and the port closed: requests under way see a reset, later ones a refusal. */
  | 'destroy'
  /** Connections stay open but nothing is forwarded either way any more: requests get no answer at all. */
  | 'silence';

/**
 * A TCP proxy in front of an HTTP endpoint that a test can cut partway. It counts the requests
 * whose bytes carry `marker` (an SQS action name, say) and, when the one numbered `cutAt` is
 * answered, drops that answer and cuts: so that request reached the endpoint, yet its sender never
 * learns it did.
 */
export class CuttableProxy {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private marked = 0;
  private cutting = false;
  cut = false;

  private readonly options: { targetPort: number; marker: string; cutAt: number; mode: CutMode };

  private constructor(server: Server, options: { targetPort: number; marker: string; cutAt: number; mode: CutMode }) {
    this.server = server;
    this.options = options;
    server.on('connection', (client) => this.pipe(client));
  }

  static async start(options: { targetPort: number; marker: string; cutAt: number; mode: CutMode }): Promise<CuttableProxy> {
    const server = createServer();
    const proxy = new CuttableProxy(server, options);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    return proxy;
  }

  /** Kept once listening: the address is gone once a cut closes the port. */
  url = '';

  /** Requests carrying the marker that went through. */
  get markedRequests(): number {
    return this.marked;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    if (this.server.listening) await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private pipe(client: Socket): void {
    const upstream = connect(this.options.targetPort, '127.0.0.1');
    this.sockets.add(client).add(upstream);
    // The request whose answer must be dropped, on this connection (requests on one connection go one at a time).
    let dropAnswer = false;
    client.on('data', (chunk: Buffer) => {
      if (this.cut) return;
      if (chunk.includes(this.options.marker) && ++this.marked === this.options.cutAt) dropAnswer = true;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (this.cut) return;
      if (dropAnswer) return void this.cutNow();
      client.write(chunk);
    });
    for (const socket of [client, upstream]) {
      socket.on('error', () => undefined);
      socket.on('close', () => {
        this.sockets.delete(socket);
        if (!this.cut) (socket === client ? upstream : client).destroy();
      });
    }
  }

  private cutNow(): void {
    if (this.cutting) return;
    this.cutting = true;
    this.cut = true;
    if (this.options.mode === 'destroy') {
      this.server.close();
      for (const socket of this.sockets) socket.destroy();
    }
    // 'silence': everything stays open and nothing more is forwarded; new connections are taken and ignored.
  }
}
