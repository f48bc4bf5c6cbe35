import { describe, expect, test } from 'vitest';
import { MicroBatcher } from '../../shared/aws/micro-batcher.ts';

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
