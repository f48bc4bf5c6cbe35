/** The emulator thread's body (started by local/emulator-thread.ts): dynalite and fauxqs, driven by messages. */
import { parentPort, workerData } from 'node:worker_threads';
import type { EmulatorThreadOptions, WorkerCommand, WorkerMessage } from './emulator-thread.ts';
import { startDynamo, startSqsSns, type DynamoEmulator } from './emulators.ts';

const port = parentPort;
if (!port) throw new Error('local/emulator-worker.ts runs only as a worker thread');
const options = workerData as EmulatorThreadOptions;
const post = (message: WorkerMessage) => port.postMessage(message);

let dynamo: DynamoEmulator;
try {
  dynamo = await startDynamo({ port: options.dynamodbPort, host: options.host, ...(options.dataDirs ? { dataDir: options.dataDirs.dynamodb } : {}) });
} catch (error) {
  post(failed(error));
  process.exit(1);
}
const sqsSns = await startSqsSns({ port: options.sqsPort, host: options.host, region: options.region, ...(options.dataDirs ? { dataDir: options.dataDirs.sqs } : {}) }).catch(
  async (error: unknown) => {
    await dynamo.stop();
    post(failed(error));
    process.exit(1);
  },
);

port.on('message', (command: WorkerCommand) => {
  const run = command.op === 'pause-dynamo' ? dynamo.pause() : command.op === 'resume-dynamo' ? dynamo.resume() : Promise.all([sqsSns.stop(), dynamo.stop()]);
  run.then(
    () => post({ type: 'reply', id: command.id }),
    (error: unknown) => post({ type: 'reply', id: command.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
post({ type: 'started', dynamo: { url: dynamo.url, port: dynamo.port }, sqsSns: { url: sqsSns.url, port: sqsSns.port } });

function failed(error: unknown): WorkerMessage {
  const code = (error as { code?: unknown }).code;
  return { type: 'failed', message: error instanceof Error ? error.message : String(error), ...(typeof code === 'string' ? { code } : {}) };
}
