import { Worker } from 'node:worker_threads';
import type { DynamoEmulator, SqsSnsEmulator } from './emulators.ts';

export interface EmulatorThreadOptions {
  host: string;
  dynamodbPort: number;
  sqsPort: number;
  region: string;
  dataDirs?: { dynamodb: string; sqs: string };
}

/** What the worker (local/emulator-worker.ts) posts: its endpoints once listening, then replies to commands. */
export type WorkerMessage =
  | { type: 'started'; dynamo: { url: string; port: number }; sqsSns: { url: string; port: number } }
  | { type: 'failed'; message: string; code?: string }
  | { type: 'reply'; id: number; error?: string };

export type WorkerCommand = { id: number; op: 'pause-dynamo' | 'resume-dynamo' | 'stop' };

/**
 * dynalite and fauxqs on a worker thread of this process: the handlers, the poller and the emulators
 * otherwise share one thread, and the machine's second core would sit idle. The endpoints are the
 * same HTTP ports either way.
 */
export async function startEmulatorThread(options: EmulatorThreadOptions): Promise<{ dynamo: DynamoEmulator; sqsSns: SqsSnsEmulator }> {
  const worker = new Worker(new URL('./emulator-worker.ts', import.meta.url), { workerData: options });
  const pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let exited = false;

  let onStarted: ((message: WorkerMessage) => void) | undefined;
  worker.on('message', (message: WorkerMessage) => {
    if (message.type !== 'reply') return onStarted?.(message);
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    if (message.error === undefined) waiting?.resolve();
    else waiting?.reject(new Error(message.error));
  });
  worker.on('exit', () => {
    exited = true;
    for (const waiting of pending.values()) waiting.reject(new Error('the emulator thread has exited'));
    pending.clear();
  });
  const started = await new Promise<Extract<WorkerMessage, { type: 'started' }>>((resolve, reject) => {
    onStarted = (message) => {
      if (message.type === 'started') resolve(message);
      else if (message.type === 'failed') reject(Object.assign(new Error(message.message), message.code ? { code: message.code } : {}));
    };
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the emulator thread exited (${code}) before its endpoints were up`)));
  }).catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });
  onStarted = undefined;
  worker.on('error', (error) => console.error(`local stack: the emulator thread failed: ${error.message}`));

  const command = (op: WorkerCommand['op']): Promise<void> => {
    if (exited) return Promise.reject(new Error('the emulator thread has exited'));
    const id = nextId++;
    return new Promise<void>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, op } satisfies WorkerCommand);
    });
  };
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (!exited) await command('stop');
      await worker.terminate();
    })();
    return stopping;
  };

  return {
    dynamo: { ...started.dynamo, pause: () => command('pause-dynamo'), resume: () => command('resume-dynamo'), stop },
    sqsSns: { ...started.sqsSns, stop },
  };
}
