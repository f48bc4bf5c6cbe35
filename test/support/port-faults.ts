import type { BatchPorts, ScrubPorts } from '../../shared/application/ports.ts';

/**
 * Where a fault may strike a claim, in the order the scrub service works:
 * - `received`: before its review or clean message goes out;
 * - `routed`: after the message went out, before its result row;
 * - `recorded`: after the row, before its Medicare-denial alert (claims with one only);
 * - `alerted`: after the alert went out, before it is marked sent;
 * - `committed`: after the last write (the row, or the alert's mark).
 */
export type FaultStage = 'received' | 'routed' | 'recorded' | 'alerted' | 'committed';
export const FAULT_STAGES: readonly FaultStage[] = ['received', 'routed', 'recorded', 'alerted', 'committed'];

/** Decides, for a claim at a stage, whether to crash (throw) or do something (pause a store); return to go on. */
export interface FaultPlan {
  at(stage: FaultStage, claimId: string): void | Promise<void>;
}

/**
 * The scrub service's ports with faults injected between its writes. A fault thrown fails that claim's
 * record, as a crash of the function would (its message is delivered again); the production ports know
 * nothing of it. Alerts name no claim id, so the claim is found by the deduplication id its routed
 * message carried.
 */
export function withFaults(ports: ScrubPorts, plan: FaultPlan): ScrubPorts {
  const claimOfDeduplicationId = new Map<string, string>();
  const claimOfResultKey = new Map<string, string>();
  return {
    codeData: ports.codeData,
    openBatch(records, deadline) {
      const inner: BatchPorts = ports.openBatch(records, deadline);
      return {
        outbox: {
          fits: (message) => inner.outbox.fits(message),
          send: async (destination, message) => {
            const claimId = message.attributes.claimId ?? '';
            claimOfDeduplicationId.set(message.attributes.deduplicationId ?? '', claimId);
            await plan.at('received', claimId);
            return inner.outbox.send(destination, message);
          },
        },
        claimChecks: inner.claimChecks,
        alerts: {
          publish: async (alert) => {
            await inner.alerts.publish(alert);
            await plan.at('alerted', claimOfDeduplicationId.get(alert.attributes.deduplicationId ?? '') ?? '');
          },
        },
        results: {
          record: async (row) => {
            claimOfResultKey.set(row.resultKey, row.claimId);
            await plan.at('routed', row.claimId);
            const outcome = await inner.results.record(row);
            await plan.at(row.alert === 'pending' && outcome === 'recorded' ? 'recorded' : 'committed', row.claimId);
            return outcome;
          },
          markAlertSent: async (resultKey, contentHash) => {
            await inner.results.markAlertSent(resultKey, contentHash);
            await plan.at('committed', claimOfResultKey.get(resultKey) ?? '');
          },
        },
      };
    },
  };
}
