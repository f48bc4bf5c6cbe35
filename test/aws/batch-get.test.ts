import type { BatchGetCommandInput, BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { batchGet, type ItemKey } from '../../shared/aws/batch-get.ts';
import { manualClock } from './clock.ts';
import { fakeClient, serviceError } from './fake-client.ts';

type Output = Omit<BatchGetCommandOutput, '$metadata'>;

afterEach(() => vi.restoreAllMocks());

/** The keys a request asked for, per table. */
const keysOf = (input: BatchGetCommandInput) => Object.fromEntries(Object.entries(input.RequestItems ?? {}).map(([table, request]) => [table, request.Keys]));

/** An item per key asked for, except those `leave` names: as DynamoDB answers when it processed them all. */
function found(input: BatchGetCommandInput, leave: (table: string, key: ItemKey) => boolean = () => false): Output {
  const Responses: Record<string, Array<Record<string, unknown>>> = {};
  const UnprocessedKeys: NonNullable<Output['UnprocessedKeys']> = {};
  for (const [table, request] of Object.entries(input.RequestItems ?? {})) {
    for (const key of (request.Keys ?? []) as ItemKey[]) {
      if (leave(table, key)) (UnprocessedKeys[table] ??= { ...request, Keys: [] }).Keys?.push(key);
      else (Responses[table] ??= []).push({ ...key, found: true });
    }
  }
  return { Responses, UnprocessedKeys };
}

describe('batchGet', () => {
  test('reads the keys of several tables in one request, each key once, with its read settings and projection', async () => {
    const ddb = fakeClient<BatchGetCommandInput, Output>((input) => found(input));
    const result = await batchGet(ddb.client, {
      results: { keys: [{ claimId: 'a' }, { claimId: 'b' }, { claimId: 'a' }], consistentRead: true, projection: ['status', 'claimId'] },
      codes: { keys: [{ pk: 'HCPCS#99601' }], consistentRead: false },
    });
    expect(ddb.commands).toEqual(['BatchGetCommand']);
    expect(ddb.inputs[0]?.RequestItems).toEqual({
      results: {
        Keys: [{ claimId: 'a' }, { claimId: 'b' }],
        ConsistentRead: true,
        ProjectionExpression: '#p0, #p1',
        ExpressionAttributeNames: { '#p0': 'status', '#p1': 'claimId' },
      },
      codes: { Keys: [{ pk: 'HCPCS#99601' }], ConsistentRead: false },
    });
    expect(result.get('results')).toEqual([
      { claimId: 'a', found: true },
      { claimId: 'b', found: true },
    ]);
    expect(result.get('codes')).toEqual([{ pk: 'HCPCS#99601', found: true }]);
  });

  test('a key with no item is absent, and a table with none found maps to an empty list', async () => {
    const ddb = fakeClient<BatchGetCommandInput, Output>(() => ({ Responses: {} }));
    const result = await batchGet(ddb.client, { results: { keys: [{ claimId: 'gone' }], consistentRead: true } });
    expect(result.get('results')).toEqual([]);
  });

  test('splits more than 100 keys, counted over all tables, into requests of at most 100', async () => {
    const ddb = fakeClient<BatchGetCommandInput, Output>((input) => found(input));
    const keys = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}` }));
    const result = await batchGet(ddb.client, { a: { keys: keys(150, 'a'), consistentRead: false }, b: { keys: keys(60, 'b'), consistentRead: false } });
    const sizes = ddb.inputs.map((input) => Object.values(keysOf(input)).flat().length);
    expect(sizes).toEqual([100, 100, 10]);
    expect(result.get('a')).toHaveLength(150);
    expect(result.get('b')).toHaveLength(60);
  });

  test('asks again for the unprocessed keys only, of every table, until all are read', async () => {
    manualClock();
    // Throttled: the first request leaves b and y, the second leaves y again.
    const ddb = fakeClient<BatchGetCommandInput, Output>((input, call) =>
      found(input, (_, key) => (call === 0 && (key.id === 'b' || key.id === 'y')) || (call === 1 && key.id === 'y')),
    );
    const result = await batchGet(ddb.client, {
      t1: { keys: [{ id: 'a' }, { id: 'b' }], consistentRead: true, projection: ['id'] },
      t2: { keys: [{ id: 'x' }, { id: 'y' }], consistentRead: false },
    });
    expect(ddb.inputs.map(keysOf)).toEqual([
      { t1: [{ id: 'a' }, { id: 'b' }], t2: [{ id: 'x' }, { id: 'y' }] },
      { t1: [{ id: 'b' }], t2: [{ id: 'y' }] },
      { t2: [{ id: 'y' }] },
    ]);
    // A key asked for again keeps its table's read settings.
    expect(ddb.inputs[1]?.RequestItems?.t1).toMatchObject({ ConsistentRead: true, ProjectionExpression: '#p0' });
    expect(ddb.inputs[2]?.RequestItems?.t2).toMatchObject({ ConsistentRead: false });
    expect(result.get('t1')?.map((item) => item.id)).toEqual(['a', 'b']);
    expect(result.get('t2')?.map((item) => item.id)).toEqual(['x', 'y']);
  });

  test('gives up after 8 backed-off rounds of unprocessed keys, so the records fail and SQS retries them', async () => {
    manualClock();
    const ddb = fakeClient<BatchGetCommandInput, Output>((input) => found(input, (_, key) => key.id !== 'a'));
    await expect(batchGet(ddb.client, { t: { keys: [{ id: 'a' }, { id: 'b' }, { id: 'c' }], consistentRead: true } })).rejects.toThrow(
      'DynamoDB left 2 keys unprocessed',
    );
    expect(ddb.inputs).toHaveLength(9);
    expect(ddb.inputs.slice(1).every((input) => JSON.stringify(keysOf(input)) === JSON.stringify({ t: [{ id: 'b' }, { id: 'c' }] }))).toBe(true);
  });

  test('waits between rounds, longer as they go', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const sent: number[] = [];
    const ddb = fakeClient<BatchGetCommandInput, Output>((input, call) => {
      sent.push(performance.now());
      return found(input, () => call < 2);
    });
    await batchGet(ddb.client, { t: { keys: [{ id: 'a' }], consistentRead: true } });
    const [first = 0, second = 0, third = 0] = sent;
    // Round 1 waits up to 110 ms, round 2 up to 210 ms (jitter pinned to its top).
    expect(second - first).toBeGreaterThanOrEqual(100);
    expect(third - second).toBeGreaterThanOrEqual(200);
  });

  test('a failed request is not retried here: the SDK has already retried it', async () => {
    const ddb = fakeClient<BatchGetCommandInput, Output>(() => {
      throw serviceError('InternalServerError');
    });
    await expect(batchGet(ddb.client, { t: { keys: [{ id: 'a' }], consistentRead: true } })).rejects.toThrow('InternalServerError');
    expect(ddb.inputs).toHaveLength(1);
  });
});
