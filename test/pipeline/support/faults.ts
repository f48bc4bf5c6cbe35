import type { FaultPlan, FaultStage } from '../../support/port-faults.ts';

export class InjectedCrash extends Error {
  override readonly name = 'InjectedCrash';
  constructor(stage: FaultStage, claimId: string) {
    super(`injected crash at ${stage} for ${claimId}`);
  }
}

/** Crashes the scrub service for chosen claims: at a stage, on the claim's first pass there only or on every pass. */
export class ScriptedFaults implements FaultPlan {
  private readonly plan = new Map<string, { stage: FaultStage; always: boolean }>();
  /** Every crash, with how many times that claim had crashed at that stage before (1 = the first). */
  readonly crashes: Array<{ claimId: string; stage: FaultStage; attempt: number }> = [];

  crash(claimId: string, stage: FaultStage, when: 'first-delivery' | 'always' = 'first-delivery'): this {
    this.plan.set(claimId, { stage, always: when === 'always' });
    return this;
  }

  at(stage: FaultStage, claimId: string): void {
    const planned = this.plan.get(claimId);
    if (!planned || planned.stage !== stage) return;
    const before = this.crashes.filter((c) => c.claimId === claimId && c.stage === stage).length;
    if (!planned.always && before > 0) return;
    this.crashes.push({ claimId, stage, attempt: before + 1 });
    throw new InjectedCrash(stage, claimId);
  }
}
