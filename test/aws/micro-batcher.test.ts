import { describe, expect, test } from 'vitest';
import { GroupBatcher, MicroBatcher } from '../../shared/aws/micro-batcher.ts';

/** A flush that records each chunk and fails the items `fails` names (or the whole request). */
function recordingFlush(fails: (item: string) => Error | undefined = () => undefined, requestError?: Error) {
  const chunks: string[][] = [];
  const flush = async (items: string[]) => {
    chunks.push(items);
    if (requestError) throw requestError;
    return items.map(fails);
  };
  return { flush, chunks };
}

const settle = (promises: Array<Promise<void>>) => Promise.allSettled(promises).then((results) => results.map((r) => (r.status === 'fulfilled' ? 'ok' : (r.reason as Error).message)));
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('MicroBatcher', () => {
  test('items added in one turn of the event loop share requests of at most maxChunk, in order', async () => {
    const { flush, chunks } = recordingFlush();
    const batcher = new MicroBatcher(2, flush);
    const added = ['a', 'b', 'c', 'd', 'e'].map((item) => batcher.add(item));
    expect(await settle(added)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(chunks).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  test('waits for the callers resumed by the same microtasks, not for later turns', async () => {
    const { flush, chunks } = recordingFlush();
    const batcher = new MicroBatcher(10, flush);
    const first = Promise.resolve().then(() => batcher.add('a'));
    const second = Promise.resolve()
      .then(() => undefined)
      .then(() => batcher.add('b'));
    await Promise.all([first, second]);
    await batcher.add('c');
    expect(chunks).toEqual([['a', 'b'], ['c']]);
  });

  test('each caller learns its own item’s fate; a failed request fails every item of its chunk only', async () => {
    const { flush, chunks } = recordingFlush((item) => (item === 'b' ? new Error('refused b') : undefined));
    const batcher = new MicroBatcher(10, flush);
    expect(await settle([batcher.add('a'), batcher.add('b'), batcher.add('c')])).toEqual(['ok', 'refused b', 'ok']);
    expect(chunks).toHaveLength(1);

    const down = new MicroBatcher(2, async (items: string[]) => {
      if (items.includes('x')) throw new Error('request failed');
      return items.map(() => undefined);
    });
    expect(await settle([down.add('w'), down.add('x'), down.add('y')])).toEqual(['request failed', 'request failed', 'ok']);
  });
});

describe('GroupBatcher', () => {
  test('flushes once every member has added or left, however many turns that takes', async () => {
    const { flush, chunks } = recordingFlush();
    const batcher = new GroupBatcher(3, 25, flush);
    const a = batcher.add('a');
    await nextTurn();
    batcher.leave();
    await nextTurn();
    expect(chunks).toEqual([]);
    const c = batcher.add('c');
    expect(await settle([a, c])).toEqual(['ok', 'ok']);
    expect(chunks).toEqual([['a', 'c']]);
  });

  test('a full chunk goes at once, without waiting for the other members', async () => {
    const { flush, chunks } = recordingFlush();
    const batcher = new GroupBatcher(5, 2, flush);
    const first = [batcher.add('a'), batcher.add('b')];
    expect(await settle(first)).toEqual(['ok', 'ok']);
    expect(chunks).toEqual([['a', 'b']]);
    const rest = [batcher.add('c')];
    batcher.leave();
    await nextTurn();
    expect(chunks).toHaveLength(1);
    batcher.leave();
    expect(await settle(rest)).toEqual(['ok']);
    expect(chunks).toEqual([['a', 'b'], ['c']]);
  });

  test('members that all leave send nothing', async () => {
    const { flush, chunks } = recordingFlush();
    const batcher = new GroupBatcher(2, 25, flush);
    batcher.leave();
    batcher.leave();
    await nextTurn();
    expect(chunks).toEqual([]);
  });

  test('per-item failures and a failed request reach the members they concern', async () => {
    const { flush } = recordingFlush((item) => (item === 'a' ? new Error('refused a') : undefined));
    const batcher = new GroupBatcher(2, 25, flush);
    expect(await settle([batcher.add('a'), batcher.add('b')])).toEqual(['refused a', 'ok']);

    const down = new GroupBatcher(2, 25, recordingFlush(undefined, new Error('request failed')).flush);
    expect(await settle([down.add('a'), down.add('b')])).toEqual(['request failed', 'request failed']);
  });
});
