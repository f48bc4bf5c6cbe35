import { chunkByLimits } from './batch-limits.ts';

/**
 * Collects items that callers add in the same turn of the event loop and hands them to `flush` in
 * chunks, so records processed in parallel share one SendMessageBatch / PublishBatch / BatchWriteItem
 * while each caller still learns the fate of its own item.
 */
export class MicroBatcher<T> {
  private pending: PendingItem<T>[] = [];
  private scheduled = false;
  private readonly maxChunk: number;
  /** Returns, per item of the chunk, undefined on success or the error that item failed with. */
  private readonly flush: (items: T[]) => Promise<Array<Error | undefined>>;
  /** When set, chunks are also cut so that their items' sizes add up to at most `maxBytes`. */
  private readonly bytes: { maxBytes: number; sizeOf: (item: T) => number } | undefined;

  constructor(maxChunk: number, flush: (items: T[]) => Promise<Array<Error | undefined>>, bytes?: { maxBytes: number; sizeOf: (item: T) => number }) {
    this.maxChunk = maxChunk;
    this.flush = flush;
    this.bytes = bytes;
  }

  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // setImmediate runs after every pending microtask, so all records resumed together get in.
        setImmediate(() => this.drain());
      }
    });
  }

  private drain(): void {
    const entries = this.pending;
    this.pending = [];
    this.scheduled = false;
    const { bytes } = this;
    const limits = { entries: this.maxChunk, bytes: bytes?.maxBytes ?? Number.POSITIVE_INFINITY };
    for (const chunk of chunkByLimits(entries, (entry) => (bytes ? bytes.sizeOf(entry.item) : 0), limits)) flushChunk(chunk, this.flush);
  }
}

interface PendingItem<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Sends one chunk and settles each member with its own outcome (or all with the request's error). */
function flushChunk<T>(chunk: PendingItem<T>[], flush: (items: T[]) => Promise<Array<Error | undefined>>): void {
  flush(chunk.map((e) => e.item)).then(
    (outcomes) =>
      chunk.forEach((entry, j) => {
        const error = outcomes[j];
        if (error) entry.reject(error);
        else entry.resolve();
      }),
    (error: unknown) => chunk.forEach((entry) => entry.reject(error)),
  );
}
