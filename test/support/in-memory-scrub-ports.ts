import type { BatchPorts, ClaimCheckLocation, OutgoingMessage, RecordOutcome, ScrubPorts } from '../../shared/application/ports.ts';
import type { Destination, RecordedVersion, StoredResult } from '../../shared/application/stored-result.ts';
import { BATCH_LIMITS, messageBytes } from '../../shared/aws/batch-limits.ts';
import type { ScrubData } from '../../shared/scrub/scrub.ts';
import { scrubData } from './scrub-data.ts';

/**
 * The scrub service's ports in memory: code data from the bundled release, the result rows in a map
 * (written on the same condition as the DynamoDB adapter's: never over a newer version), the queues
 * and the alert topic as arrays, claim-check bodies in a map.
 */
export class InMemoryScrubPorts implements ScrubPorts {
  readonly rows = new Map<string, StoredResult>();
  readonly sent: Record<Destination, OutgoingMessage[]> = { clean: [], review: [] };
  readonly alerts: OutgoingMessage[] = [];
  readonly claimChecks = new Map<string, string>();
  /** How many times the code data was read: the service reads once per batch. */
  reads = 0;
  private readonly data: ScrubData;
  private readonly maxMessageBytes: number;

  constructor(data: ScrubData = scrubData(), options: { maxMessageBytes?: number } = {}) {
    this.data = data;
    this.maxMessageBytes = options.maxMessageBytes ?? BATCH_LIMITS.bytes;
  }

  readonly codeData = {
    read: async (_claims: unknown, resultKeys: readonly string[]) => {
      this.reads++;
      const recorded = new Map<string, RecordedVersion>();
      for (const key of resultKeys) {
        const row = this.rows.get(key);
        if (row) recorded.set(key, { contentHash: row.contentHash, version: row.version, destination: row.destination, ...(row.alert ? { alert: row.alert } : {}) });
      }
      return { data: this.data, recorded };
    },
  };

  openBatch(): BatchPorts {
    return {
      results: {
        record: async (row): Promise<RecordOutcome> => {
          const stored = this.rows.get(row.resultKey);
          if (stored && stored.version > row.version) return 'superseded';
          this.rows.set(row.resultKey, row);
          return 'recorded';
        },
        markAlertSent: async (resultKey, contentHash) => {
          const row = this.rows.get(resultKey);
          if (row?.contentHash === contentHash) this.rows.set(resultKey, { ...row, alert: 'sent' });
        },
      },
      outbox: {
        send: async (destination, message) => void this.sent[destination].push(message),
        fits: (message) => messageBytes(message) <= this.maxMessageBytes,
      },
      claimChecks: {
        put: async (name, body): Promise<ClaimCheckLocation> => {
          this.claimChecks.set(name, body);
          return { bucket: 'in-memory', key: name };
        },
      },
      alerts: { publish: async (alert) => void this.alerts.push(alert) },
    };
  }

  /** The claim ids routed to a destination, in order. */
  routed(destination: Destination): string[] {
    return this.sent[destination].map((m) => m.attributes.claimId ?? '');
  }
}
