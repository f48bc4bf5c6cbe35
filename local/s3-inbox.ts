import { CreateBucketCommand, GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { listObjects, objectMetadata, type ListedObject } from '../shared/aws/s3-objects.ts';
import type { FileReport } from '../shared/intake/file-report.ts';
import { INBOX_PREFIX, isReportKey, reportKeyFor } from '../shared/intake/inbox-layout.ts';
import type { IntakeFilesHandler } from '../functions/intake-files/create-handler.ts';
import { REPORT_METADATA } from '../shared/aws/inbox-objects.ts';
import { encodeS3Key } from '../functions/intake-files/s3-records.ts';
import { lambdaContext } from './lambda-context.ts';
import { PollingLoop } from './polling-loop.ts';
import { INTAKE_FILES_SERVICE_NAME } from '../functions/intake-files/metric-names.ts';

export const DEFAULT_INBOX_BUCKET = 'claims-inbox';

/** What became of one object: its report, or why the function failed on it. */
export type S3FileOutcome = { key: string; report: FileReport } | { key: string; error: string; willRetry: boolean };

export interface S3InboxOptions {
  s3: S3Client;
  bucket: string;
  region: string;
  handler: IntakeFilesHandler;
  /** The function timeout each invocation's context counts down from. */
  functionTimeoutMs?: number;
  pollMs?: number;
  /** Invocations of one object before giving up on it, as Lambda's two retries of an asynchronous event. */
  attempts?: number;
  onFile?: (outcome: S3FileOutcome) => void;
}

/** CreateBucket answers "already yours" for a bucket kept from an earlier run; that is success. */
export async function ensureBucket(s3: S3Client, bucket: string): Promise<void> {
  try {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (error) {
    if ((error as Error).name !== 'BucketAlreadyOwnedByYou') throw error;
  }
}

/**
 * fauxqs has no bucket notifications, so the local stack stands in for them: it lists incoming/ and
 * invokes the intake-files handler with the S3 event AWS would send for each new object version
 * (one without a report for its ETag). The handler is the one the CDK stack deploys.
 */
export class S3InboxPoller {
  private readonly options: Required<Omit<S3InboxOptions, 'onFile'>> & Pick<S3InboxOptions, 'onFile'>;
  private readonly done = new Set<string>();
  private readonly tries = new Map<string, number>();
  private readonly polling = new PollingLoop();

  constructor(options: S3InboxOptions) {
    this.options = { functionTimeoutMs: 60_000, pollMs: 1_000, attempts: 3, ...options };
  }

  start(): void {
    this.polling.start(() => this.poll(), this.options.pollMs);
  }

  async stop(): Promise<void> {
    await this.polling.stop();
  }

  /** One look at the bucket: every new object version is handed to the function, one at a time. */
  async poll(): Promise<S3FileOutcome[]> {
    const outcomes: S3FileOutcome[] = [];
    const { s3, bucket } = this.options;
    for await (const object of listObjects(s3, bucket, INBOX_PREFIX)) {
      if (object.key.endsWith('/') || isReportKey(object.key) || this.polling.stopping) continue;
      const id = `${object.key}\n${object.eTag}`;
      if (this.done.has(id)) continue;
      // Reported in an earlier run. Not a file this run tried and will try again: a failed invocation
      // writes its report (incomplete) before it fails, and the retry resumes where it stopped.
      const report = this.tries.has(id) ? undefined : await objectMetadata(s3, bucket, reportKeyFor(object.key));
      if (report?.[REPORT_METADATA.eTag] === object.eTag) {
        this.done.add(id);
        continue;
      }
      const outcome = await this.invoke(object);
      outcomes.push(outcome);
      this.options.onFile?.(outcome);
    }
    return outcomes;
  }

  private async invoke(object: ListedObject): Promise<S3FileOutcome> {
    const { handler, bucket, region, functionTimeoutMs } = this.options;
    const id = `${object.key}\n${object.eTag}`;
    try {
      await handler(objectCreatedEvent(bucket, region, object), lambdaContext(INTAKE_FILES_SERVICE_NAME, region, Date.now() + functionTimeoutMs));
      this.done.add(id);
      return { key: object.key, report: await this.readReport(object.key) };
    } catch (error) {
      const tries = (this.tries.get(id) ?? 0) + 1;
      this.tries.set(id, tries);
      const willRetry = tries < this.options.attempts;
      if (!willRetry) this.done.add(id);
      return { key: object.key, error: error instanceof Error ? error.message : String(error), willRetry };
    }
  }

  private async readReport(key: string): Promise<FileReport> {
    const response = await this.options.s3.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: reportKeyFor(key) }));
    return JSON.parse((await response.Body?.transformToString()) ?? '{}') as FileReport;
  }
}

/** The event S3 sends for a PutObject, as the intake-files function receives it in AWS. */
export function objectCreatedEvent(bucket: string, region: string, object: Pick<ListedObject, 'key' | 'eTag' | 'size'>): S3Event {
  const now = new Date();
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: region,
        eventTime: now.toISOString(),
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'local' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': 'local', 'x-amz-id-2': 'local' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'local-inbox-poller',
          bucket: { name: bucket, ownerIdentity: { principalId: 'local' }, arn: `arn:aws:s3:::${bucket}` },
          object: { key: encodeS3Key(object.key), size: object.size, eTag: object.eTag, sequencer: now.getTime().toString(16).toUpperCase() },
        },
      },
    ],
  };
}
