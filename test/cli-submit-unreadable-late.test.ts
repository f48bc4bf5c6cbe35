import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { submitCommand } from '../cli/commands/submit.ts';
import { startSqsSns, type SqsSnsEmulator } from '../local/emulators.ts';
import { createSqsClient } from '../shared/aws/clients.ts';
import { DEFAULT_NAMES } from '../shared/aws/config.ts';
import { cleanClaim } from './pipeline/support/claims.ts';

let emulator: SqsSnsEmulator;
let dir: string;
beforeAll(async () => {
  emulator = await startSqsSns({ port: 0, host: '127.0.0.1', region: 'us-east-1' });
  dir = mkdtempSync(join(tmpdir(), 'submit-late-'));
});
afterAll(async () => {
  await emulator?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('claim-scrubber submit on a file found unreadable after claims went out', () => {
  it('says how many were sent, and which, besides why the file cannot be read', async () => {
    const sqs = createSqsClient({ region: 'us-east-1', endpoints: { sqs: emulator.url } }, {}, { requestTimeoutMs: 5_000, maxAttempts: 3 });
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: DEFAULT_NAMES.intakeQueue }));
    // A JSON array of 5,200 claims without its closing bracket: past the 5,000 held back, claims stream out before the end shows the fault.
    const path = join(dir, 'cut.json');
    writeFileSync(path, `[${Array.from({ length: 5_200 }, (_, i) => JSON.stringify(cleanClaim(`LATE-${i + 1}`))).join(',\n')}\n`);
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const code = await submitCommand([path, '--endpoint-url', emulator.url]);
    vi.restoreAllMocks();
    const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
    sqs.destroy();
    const onQueue = Number(Attributes.ApproximateNumberOfMessages);
    expect(code).toBe(2);
    expect(errors[0]).toMatch(/^claim-scrubber submit: cannot read .*cut\.json: /);
    expect(onQueue).toBeGreaterThan(0);
    expect(errors[1]).toBe(`  sent before the fault was found: ${onQueue} (#1–${onQueue}); they will be scrubbed. Send the file again once it is fixed: claims already scrubbed are not routed twice.`);
  }, 60_000);
});
