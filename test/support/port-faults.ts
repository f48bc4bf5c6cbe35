import type { BatchPorts, ScrubPorts } from '../../shared/application/ports.ts';

/** Where a fault may strike a claim: before its outputs go out, after they went out (before its row), after its row. */
export type FaultStage = 'received' | 'routed' | 'committed';

/** Decides, for a claim at a stage, whether to crash (throw) or do something (pause a store); return to go on. */
export interface FaultPlan {
  at(stage: FaultStage, claimId: string): void | Promise<void>;
}

/**
 * The scrub service's ports with faults injected around them: a crash before the outputs (the claim is
 * neither routed nor recorded), after the outputs and before the result row, or after the row. The
 * production ports know nothing of it.
 */
export function withFaults(ports: ScrubPorts, plan: FaultPlan): ScrubPorts {
  return {
    codeData: ports.codeData,
    openBatch(records, deadline) {
      return faultyBatch(ports.openBatch(records, deadline), plan);
    },
  };
}

function faultyBatch(inner: BatchPorts, plan: FaultPlan): BatchPorts {
  // A claim's message and alert go out together: the 'received' fault is decided once for both.
  const received = new Map<string, Promise<void>>();
  const beforeOutputs = (claimId: string | undefined) => {
    if (claimId === undefined) return Promise.resolve();
    let decided = received.get(claimId);
    if (!decided) received.set(claimId, (decided = Promise.resolve().then(() => plan.at('received', claimId))));
    return decided;
  };
  return {
    outbox: {
      send: async (destination, message) => {
        await beforeOutputs(message.attributes.claimId);
        return inner.outbox.send(destination, message);
      },
    },
    alerts: {
      publish: async (alert) => {
        await beforeOutputs(alert.attributes.claimId);
        return inner.alerts.publish(alert);
      },
    },
    results: {
      record: async (row) => {
        try {
          await plan.at('routed', row.claimId);
        } catch (error) {
          // The row will not be written: say so, or the rows of the rest of the batch wait for it.
          inner.results.leave();
          throw error;
        }
        await inner.results.record(row);
        await plan.at('committed', row.claimId);
      },
      leave: () => inner.results.leave(),
    },
  };
}
