import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { fileVersionHash, type FileMarkerStore, type MarkerClaim, type MarkerOutcome, type ObjectRef } from '../application/ingest-object.ts';
import { RESULT_KEY_PREFIXES, RESULTS_PARTITION_KEY } from './table-schemas.ts';

const SECONDS_PER_DAY = 86_400;

/**
 * One item per file version in the results table, so an S3 event delivered twice does not send the
 * file's claims twice. A conditional write takes a lease for the length of the invocation; it is marked
 * done once the claims are sent and the report is written. An invocation that stops short (its time
 * running out, claims not sent) gives the lease back with `resumeFrom`, how many of the file's claims
 * went out, and the next attempt's lease keeps it, so that attempt resumes there. An invocation that
 * dies holding the lease lets the next delivery take over when the lease ends, from the last position
 * kept: claims after it are sent again, and the scrubber's own idempotency routes each claim once.
 */
export class FileMarkers implements FileMarkerStore {
  private readonly ddb: DynamoDBDocumentClient;
  private readonly table: string;
  private readonly retentionDays: number;

  constructor(ddb: DynamoDBDocumentClient, table: string, retentionDays: number) {
    this.ddb = ddb;
    this.table = table;
    this.retentionDays = retentionDays;
  }

  async acquire(ref: ObjectRef, leaseMs: number, now = Date.now()): Promise<MarkerClaim> {
    const token = randomUUID();
    // An update, not a put: it keeps the `resumeFrom` an earlier attempt left, and returns it.
    const fields: Record<string, string | number> = {
      fileState: 'in-progress',
      token,
      leaseUntil: now + leaseMs,
      bucket: ref.bucket,
      key: ref.key,
      ...(ref.versionId === undefined ? {} : { versionId: ref.versionId }),
      ...(ref.eTag === undefined ? {} : { eTag: ref.eTag }),
      startedAt: new Date(now).toISOString(),
      // The table's TTL attribute: a marker only has to outlive the redeliveries of its event.
      expiresAt: Math.floor(now / 1000) + this.retentionDays * SECONDS_PER_DAY,
    };
    const names = Object.keys(fields);
    try {
      const { Attributes } = await this.ddb.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { [RESULTS_PARTITION_KEY]: markerId(ref) },
          UpdateExpression: `SET ${names.map((_, i) => `#f${i} = :f${i}`).join(', ')}`,
          ConditionExpression: 'attribute_not_exists(#k) OR (#state = :inProgress AND #lease < :now)',
          ExpressionAttributeNames: { '#k': RESULTS_PARTITION_KEY, '#state': 'fileState', '#lease': 'leaseUntil', ...Object.fromEntries(names.map((name, i) => [`#f${i}`, name])) },
          ExpressionAttributeValues: { ':inProgress': 'in-progress', ':now': now, ...Object.fromEntries(names.map((name, i) => [`:f${i}`, fields[name]])) },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { state: 'acquired', token, resumeFrom: Number(Attributes?.resumeFrom ?? 0) };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const { Item } = await this.ddb.send(new GetCommand({ TableName: this.table, Key: { [RESULTS_PARTITION_KEY]: markerId(ref) }, ConsistentRead: true }));
    if (Item?.fileState === 'done') return { state: 'done', finishedAt: String(Item.finishedAt) };
    // Released between the put and the read: the next delivery will take it.
    return { state: 'busy', leaseUntil: Number(Item?.leaseUntil ?? now) };
  }

  /** Marks the file version done, unless another invocation has taken the lease over meanwhile. */
  async complete(ref: ObjectRef, token: string, outcome: MarkerOutcome): Promise<boolean> {
    return this.ifHeld(
      new UpdateCommand({
        TableName: this.table,
        Key: { [RESULTS_PARTITION_KEY]: markerId(ref) },
        UpdateExpression: 'SET fileState = :done, finishedAt = :at, reportStatus = :status, claimsRead = :read, sent = :sent, reportKey = :report REMOVE leaseUntil, resumeFrom',
        ConditionExpression: '#t = :token',
        ExpressionAttributeNames: { '#t': 'token' },
        ExpressionAttributeValues: {
          ':done': 'done',
          ':at': new Date().toISOString(),
          ':status': outcome.status,
          ':read': outcome.claimsRead,
          ':sent': outcome.sent,
          ':report': outcome.reportKey,
          ':token': token,
        },
      }),
    );
  }

  /**
   * Gives the lease back so the next delivery of the event can process the file at once; with
   * `resumeFrom` > 0 the marker stays, its lease ended, holding how many claims went out.
   */
  async release(ref: ObjectRef, token: string, resumeFrom = 0): Promise<boolean> {
    const Key = { [RESULTS_PARTITION_KEY]: markerId(ref) };
    if (resumeFrom <= 0) {
      return this.ifHeld(
        new DeleteCommand({ TableName: this.table, Key, ConditionExpression: '#t = :token', ExpressionAttributeNames: { '#t': 'token' }, ExpressionAttributeValues: { ':token': token } }),
      );
    }
    return this.ifHeld(
      new UpdateCommand({
        TableName: this.table,
        Key,
        UpdateExpression: 'SET leaseUntil = :ended, resumeFrom = :resume REMOVE #t',
        ConditionExpression: '#t = :token',
        ExpressionAttributeNames: { '#t': 'token' },
        ExpressionAttributeValues: { ':token': token, ':ended': 0, ':resume': resumeFrom },
      }),
    );
  }

  private async ifHeld(command: UpdateCommand | DeleteCommand): Promise<boolean> {
    try {
      await this.ddb.send(command as UpdateCommand);
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

/** A file version's marker id: hashed, since an S3 key may be 1,024 bytes and hold any character. */
/** A marker's key in the results table: it contains `#`, which no claim id may, so it never meets a claim's row. */
export function markerId(ref: ObjectRef): string {
  return `${RESULT_KEY_PREFIXES.fileMarker}${fileVersionHash(ref)}`;
}
