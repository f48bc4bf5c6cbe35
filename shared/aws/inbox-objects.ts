import type { S3Client } from '@aws-sdk/client-s3';
import type { InboxObjects } from '../application/ingest-object.ts';
import { openObject, putJson } from './s3-objects.ts';

/** Metadata on a report naming the object version it reports on. */
export const REPORT_METADATA = { eTag: 'source-etag', versionId: 'source-version-id' } as const;

/** The inbox bucket over S3: exactly the event's object version in, the JSON report out. */
export function s3InboxObjects(s3: S3Client): InboxObjects {
  return {
    open: (ref) => openObject(s3, ref),
    putReport: (ref, reportKey, report) =>
      putJson(s3, ref.bucket, reportKey, report, {
        [REPORT_METADATA.eTag]: ref.eTag ?? '',
        ...(ref.versionId ? { [REPORT_METADATA.versionId]: ref.versionId } : {}),
      }),
  };
}
