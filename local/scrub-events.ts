import type { IntakeRecord } from '../shared/application/intake-record.ts';
import type { ScrubObserver } from '../shared/application/scrub-batch.ts';

export interface ScrubEventListener {
  /** A delivery skipped: this claim content was already scrubbed and routed. */
  duplicate?(record: IntakeRecord): void;
  /** A copy older than the claim's recorded version: not routed (`stale`), or routed but not recorded (`superseded`). */
  outdated?(record: IntakeRecord, outcome: 'stale' | 'superseded'): void;
}

/** Errors kept per message id, at most: a message fails at most maxReceiveCount times before the DLQ. */
const MAX_ERRORS_KEPT = 10_000;

/**
 * The scrub function's events on the local stack, for the `--serve` view: a delivery skipped as a
 * duplicate or an outdated copy is told to the listeners, and the last error reported for each intake message is kept,
 * so a message that ends in the DLQ can be shown with why. On the user's own machine only: nothing
 * of it reaches a log.
 */
export class ScrubEvents {
  private readonly errors = new Map<string, string>();
  private readonly listeners = new Set<ScrubEventListener>();

  /** The function's own observer, telling these events here too; every other event passes through as it was. */
  observe(observer: ScrubObserver): ScrubObserver {
    return {
      ...observer,
      duplicate: (record) => {
        observer.duplicate(record);
        for (const listener of this.listeners) listener.duplicate?.(record);
      },
      outdated: (record, outcome) => {
        observer.outdated(record, outcome);
        for (const listener of this.listeners) listener.outdated?.(record, outcome);
      },
      failed: (record, error) => {
        observer.failed(record, error);
        this.keepError(record.messageId, error);
      },
    };
  }

  /** The last error the scrub function reported for this intake message, if any since the stack started. */
  lastError(messageId: string): string | undefined {
    return this.errors.get(messageId);
  }

  /** Returns the function that stops the listening. */
  listen(listener: ScrubEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private keepError(messageId: string, error: unknown): void {
    this.errors.delete(messageId);
    this.errors.set(messageId, error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    if (this.errors.size > MAX_ERRORS_KEPT) this.errors.delete(this.errors.keys().next().value as string);
  }
}
