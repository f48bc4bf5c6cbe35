import { PutObjectCommand } from '@aws-sdk/client-s3';
import { vi } from 'vitest';
import { scrubCommand } from '../../cli/commands/scrub.ts';
import { localIntakeFiles } from '../../local/intake-files.ts';
import type { LocalStackOptions } from '../../local/stack.ts';
import { ensureBucket, S3InboxPoller } from '../../local/s3-inbox.ts';
import { createS3Client } from '../../shared/aws/s3-client.ts';
import type { ScrubResult } from '../../shared/claim/result.ts';
import { startHarness, type Harness } from '../pipeline/support/harness.ts';

const BUCKET = 'claims-inbox';

/** Evidence through the two ways in beside the queue: the CLI, and the S3 inbox in front of the pipeline. */

/** The pipeline harness with its S3 inbox: a file put under incoming/ goes through intake-files to the scrub function. */
export interface InboxHarness {
  h: Harness;
  /** Puts the bytes under incoming/<key> and runs one poll of the inbox; returns whether every object was read without error. */
  handIn(key: string, body: Uint8Array | string): Promise<boolean>;
  stop(): Promise<void>;
}

export async function startInboxHarness(options: LocalStackOptions = {}): Promise<InboxHarness> {
  const h = await startHarness(options);
  const s3 = createS3Client({ region: 'us-east-1', endpoints: { s3: h.stack.sqsSns.url } }, {});
  await ensureBucket(s3, BUCKET);
  const intake = localIntakeFiles(h.stack, { logLevel: 'SILENT' });
  const poller = new S3InboxPoller({ s3, bucket: BUCKET, region: 'us-east-1', handler: intake.handler });
  return {
    h,
    handIn: async (key, body) => {
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `incoming/${key}`, Body: body }));
      return (await poller.poll()).every((outcome) => !('error' in outcome));
    },
    stop: async () => {
      intake.stop();
      s3.destroy();
      await h.stop();
    },
  };
}

/** What `claim-scrubber scrub --json [options] <path>` prints, one result a line, read back; its terminal output is held. */
export async function scrubWithCli(path: string, options: readonly string[] = []): Promise<ScrubResult[]> {
  const chunks: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => chunks.push(String(chunk)) > 0);
  const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    await scrubCommand(['--json', ...options, path]);
  } finally {
    write.mockRestore();
    errors.mockRestore();
  }
  return chunks.join('').trimEnd().split('\n').filter(Boolean).map((line) => JSON.parse(line) as ScrubResult);
}
