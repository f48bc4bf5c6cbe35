import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Calls `poll` every `pollMs` until stopped. A failing poll is tried again next time: the local
 * endpoints stop, restart or pause (outage tests), and a watcher must outlive that.
 */
export class PollingLoop {
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;

  get stopping(): boolean {
    return this.abort.signal.aborted;
  }

  start(poll: () => Promise<unknown>, pollMs: number): void {
    this.loop = (async () => {
      while (!this.stopping) {
        await poll().catch(() => undefined);
        await sleep(pollMs, undefined, { signal: this.abort.signal }).catch(() => undefined);
      }
    })();
  }

  /** Lets the poll under way finish, then stops. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }
}
