import type { ObjectRef } from '../application/ingest-object.ts';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/**
 * The body of exactly the version an event is about: by version id when the bucket is versioned, else
 * conditional on the ETag. Undefined when that version is gone (deleted or overwritten since): a later
 * event covers the new content.
 */
export async function openObject(s3: S3Client, ref: ObjectRef): Promise<AsyncIterable<Uint8Array> | undefined> {
  try {
    const response = await s3.send(
      new GetObjectCommand({
        Bucket: ref.bucket,
        Key: ref.key,
        ...(ref.versionId ? { VersionId: ref.versionId } : ref.eTag ? { IfMatch: `"${ref.eTag}"` } : {}),
      }),
    );
    return response.Body as AsyncIterable<Uint8Array> | undefined;
  } catch (error) {
    if (isGone(error)) return undefined;
    throw error;
  }
}

export async function putJson(s3: S3Client, bucket: string, key: string, value: unknown, metadata: Record<string, string> = {}): Promise<void> {
  await s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: key, Body: `${JSON.stringify(value, null, 2)}\n`, ContentType: 'application/json', Metadata: metadata }),
  );
}

/** An object's user metadata, or undefined when it does not exist. */
export async function objectMetadata(s3: S3Client, bucket: string, key: string): Promise<Record<string, string> | undefined> {
  try {
    return (await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).Metadata ?? {};
  } catch (error) {
    if (isGone(error)) return undefined;
    throw error;
  }
}

export interface ListedObject {
  key: string;
  eTag: string;
  size: number;
  lastModified: Date | undefined;
}

export async function* listObjects(s3: S3Client, bucket: string, prefix: string): AsyncGenerator<ListedObject> {
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }));
    for (const object of page.Contents ?? []) {
      if (object.Key === undefined) continue;
      yield { key: object.Key, eTag: unquote(object.ETag ?? ''), size: object.Size ?? 0, lastModified: object.LastModified };
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
}

export function unquote(eTag: string): string {
  return eTag.replace(/^"|"$/g, '');
}

function isGone(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return status === 404 || status === 412;
}
