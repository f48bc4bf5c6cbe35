import type { BatchPorts, OutgoingMessage, ScrubPorts } from '../../shared/application/ports.ts';
import type { Destination, StoredResult } from '../../shared/application/stored-result.ts';
import type { ScrubData } from '../../shared/scrub/scrub.ts';
import { scrubData } from './scrub-data.ts';

/**
 * The scrub service's ports in memory: code data from the bundled release, the result rows in a map,
 * the queues and the alert topic as arrays. A batch's rows are written together once every record of
 * the batch has recorded or left, as the DynamoDB adapter's shared BatchWriteItem does.
 */
export class InMemoryScrubPorts implements ScrubPorts {
  readonly rows = new Map<string, StoredResult>();
  readonly sent: Record<Destination, OutgoingMessage[]> = { clean: [], review: [] };
  readonly alerts: OutgoingMessage[] = [];
  /** How many times the code data was read: the service reads once per batch. */
  reads = 0;
  private readonly data: ScrubData;

  constructor(data: ScrubData = scrubData()) {
    this.data = data;
  }

  readonly codeData = {
    read: async (_claims: unknown, claimIds: readonly string[]) => {
      this.reads++;
      const delivered = new Map<string, string>();
      for (const id of claimIds) {
        const row = this.rows.get(id);
        if (row) delivered.set(id, row.bodyHash);
      }
      return { data: this.data, delivered };
    },
  };

  openBatch(records: number): BatchPorts {
    let waiting = records;
    const pending: Array<{ row: StoredResult; done: () => void }> = [];
    const settle = () => {
      if (--waiting > 0) return;
      for (const { row, done } of pending.splice(0)) {
        this.rows.set(row.claimId, row);
        done();
      }
    };
    return {
      results: {
        record: (row) =>
          new Promise<void>((done) => {
            pending.push({ row, done });
            settle();
          }),
        leave: settle,
      },
      outbox: { send: async (destination, message) => void this.sent[destination].push(message) },
      alerts: { publish: async (alert) => void this.alerts.push(alert) },
    };
  }

  /** The claim ids routed to a destination, in order. */
  routed(destination: Destination): string[] {
    return this.sent[destination].map((m) => m.attributes.claimId ?? '');
  }
}
