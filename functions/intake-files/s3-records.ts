import type { S3Event } from 'aws-lambda';
import type { ObjectRef } from '../../shared/application/ingest-object.ts';

/** The objects an S3 notification says were created. S3's test event on setup has no records. */
export function objectRefsOf(event: Partial<S3Event>): ObjectRef[] {
  return (event.Records ?? [])
    .filter((record) => record.eventName?.startsWith('ObjectCreated:'))
    .map((record) => {
      const object = record.s3.object;
      return {
        bucket: record.s3.bucket.name,
        key: decodeS3Key(object.key),
        ...(object.versionId ? { versionId: object.versionId } : {}),
        ...(object.eTag ? { eTag: object.eTag } : {}),
        size: object.size,
        ...(uploadedAt(record.eventTime) ?? {}),
      };
    });
}

function uploadedAt(eventTime: string | undefined): { uploadedAt: Date } | undefined {
  const at = eventTime ? new Date(eventTime) : undefined;
  return at && !Number.isNaN(at.getTime()) ? { uploadedAt: at } : undefined;
}

/** S3 event keys are URL-encoded with spaces as `+`: `incoming/june batch.837` arrives as `incoming/june+batch.837`. */
export function decodeS3Key(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

export function encodeS3Key(key: string): string {
  return key
    .split('/')
    .map((part) => encodeURIComponent(part).replace(/%20/g, '+'))
    .join('/');
}
