import { createHash, randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FileMarkerStore, MarkerClaim, MarkerOutcome, ObjectRef } from '../application/ingest-object.ts';
import { RESULT_KEY_PREFIXES, RESULTS_PARTITION_KEY } from './table-schemas.ts';

const SECONDS_PER_DAY = 86_400;

/**
 * One item per file version in the results table, so an S3 event delivered twice does not send the
 * file's claims twice. A conditional put takes a lease for the length of the invocation; it is marked
 * done once the claims are sent and the report is written. An invocation that dies holding the lease
 * lets the next delivery take over when the lease ends, and that delivery sends the claims again: the
 * scrubber's own idempotency (claim id and body hash) then routes each claim once.
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
    try {
      await this.ddb.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            [RESULTS_PARTITION_KEY]: markerId(ref),
            fileState: 'in-progress',
            token,
            leaseUntil: now + leaseMs,
            bucket: ref.bucket,
            key: ref.key,
            versionId: ref.versionId,
            eTag: ref.eTag,
            startedAt: new Date(now).toISOString(),
            // The table's TTL attribute: a marker only has to outlive the redeliveries of its event.
            expiresAt: Math.floor(now / 1000) + this.retentionDays * SECONDS_PER_DAY,
          },
          ConditionExpression: 'attribute_not_exists(#k) OR (fileState = :inProgress AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#k': RESULTS_PARTITION_KEY },
          ExpressionAttributeValues: { ':inProgress': 'in-progress', ':now': now },
        }),
      );
      return { state: 'acquired', token };
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
        UpdateExpression: 'SET fileState = :done, finishedAt = :at, reportStatus = :status, claimsRead = :read, sent = :sent, reportKey = :report REMOVE leaseUntil',
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

  /** Gives the lease back so the next delivery of the event can process the file at once. */
  async release(ref: ObjectRef, token: string): Promise<boolean> {
    return this.ifHeld(
      new DeleteCommand({
        TableName: this.table,
        Key: { [RESULTS_PARTITION_KEY]: markerId(ref) },
        ConditionExpression: '#t = :token',
        ExpressionAttributeNames: { '#t': 'token' },
        ExpressionAttributeValues: { ':token': token },
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
  const version = ref.versionId ? `v:${ref.versionId}` : `e:${ref.eTag ?? ''}`;
  return `${RESULT_KEY_PREFIXES.fileMarker}${createHash('sha256').update(`${ref.bucket}\n${ref.key}\n${version}`).digest('hex')}`;
}
