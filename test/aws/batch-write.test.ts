import type { BatchWriteCommandInput, BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { putItems } from '../../shared/aws/batch-write.ts';
import { manualClock } from './clock.ts';
import { fakeClient, serviceError } from './fake-client.ts';

type Output = Omit<BatchWriteCommandOutput, '$metadata'>;

afterEach(() => vi.restoreAllMocks());

/** The ids of the items a request put in `table`. */
const idsOf = (input: BatchWriteCommandInput, table = 'results') => (input.RequestItems?.[table] ?? []).map((request) => request.PutRequest?.Item?.id);

/** DynamoDB's answer when it wrote all but the items `leave` picks (throttling). */
function leaving(input: BatchWriteCommandInput, leave: (id: unknown) => boolean): Output {
  const unprocessed = (input.RequestItems?.results ?? []).filter((request) => leave(request.PutRequest?.Item?.id));
  return unprocessed.length > 0 ? { UnprocessedItems: { results: unprocessed } } : { UnprocessedItems: {} };
}

const items = (...ids: string[]) => ids.map((id) => ({ id, status: 'CLEAN' }));

describe('putItems', () => {
  test('puts the items in one BatchWriteItem when DynamoDB takes them all', async () => {
    const clock = manualClock();
    const ddb = fakeClient<BatchWriteCommandInput, Output>(() => ({}));
    await putItems(ddb.client, 'results', items('a', 'b'), clock.now() + 1_000);
    expect(ddb.commands).toEqual(['BatchWriteCommand']);
    expect(ddb.inputs[0]?.RequestItems).toEqual({ results: [{ PutRequest: { Item: { id: 'a', status: 'CLEAN' } } }, { PutRequest: { Item: { id: 'b', status: 'CLEAN' } } }] });
  });

  test('resends the unprocessed items only, until all are written', async () => {
    const clock = manualClock();
    const ddb = fakeClient<BatchWriteCommandInput, Output>((input, call) => leaving(input, (id) => (call === 0 && id !== 'a') || (call === 1 && id === 'c')));
    await putItems(ddb.client, 'results', items('a', 'b', 'c'), clock.now() + 1_000);
    expect(ddb.inputs.map((input) => idsOf(input))).toEqual([['a', 'b', 'c'], ['b', 'c'], ['c']]);
  });

  test('resends the same items after a request that failed outright (the SDK gave up on a throttle or a 5xx)', async () => {
    const clock = manualClock();
    const ddb = fakeClient<BatchWriteCommandInput, Output>((input, call) => {
      if (call === 1) throw serviceError('ProvisionedThroughputExceededException');
      return leaving(input, (id) => call === 0 && id === 'b');
    });
    await putItems(ddb.client, 'results', items('a', 'b'), clock.now() + 1_000);
    expect(ddb.inputs.map((input) => idsOf(input))).toEqual([['a', 'b'], ['b'], ['b']]);
  });

  test('throws at the deadline, naming how many items are still unwritten, having kept trying until then', async () => {
    const clock = manualClock();
    const ddb = fakeClient<BatchWriteCommandInput, Output>((input) => {
      clock.advance(100);
      return leaving(input, (id) => id !== 'a');
    });
    // Requests end at 100, 200, 300 ms; the wait after the third (10 ms) would pass 305 ms.
    await expect(putItems(ddb.client, 'results', items('a', 'b', 'c'), clock.now() + 305)).rejects.toThrow('DynamoDB left 2 items unprocessed');
    expect(ddb.inputs.map((input) => idsOf(input))).toEqual([['a', 'b', 'c'], ['b', 'c'], ['b', 'c']]);
  });
});
