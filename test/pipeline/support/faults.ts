import type { FaultInjector, FaultStage } from '../../../functions/scrub-claims/scrub-batch.ts';
import type { IntakeRecord } from '../../../functions/scrub-claims/intake-record.ts';

export class InjectedCrash extends Error {
  constructor(stage: FaultStage, claimId: string) {
    super(`injected crash at ${stage} for ${claimId}`);
    this.name = 'InjectedCrash';
  }
}

/** Crashes the handler for chosen claims: at a stage, on the first delivery only or on every delivery. */
export class ScriptedFaults implements FaultInjector {
  private readonly plan = new Map<string, { stage: FaultStage; always: boolean }>();
  readonly crashes: Array<{ claimId: string; stage: FaultStage; receiveCount: number }> = [];

  crash(claimId: string, stage: FaultStage, when: 'first-delivery' | 'always' = 'first-delivery'): this {
    this.plan.set(claimId, { stage, always: when === 'always' });
    return this;
  }

  atStage(stage: FaultStage, record: IntakeRecord): void {
    const planned = this.plan.get(record.trackingId);
    if (!planned || planned.stage !== stage || (!planned.always && record.receiveCount > 1)) return;
    this.crashes.push({ claimId: record.trackingId, stage, receiveCount: record.receiveCount });
    throw new InjectedCrash(stage, record.trackingId);
  }
}
