import type { FaultPlan, FaultStage } from '../../support/port-faults.ts';

export class InjectedCrash extends Error {
  override readonly name = 'InjectedCrash';
  readonly claimId: string;
  constructor(stage: FaultStage, claimId: string) {
    // The message names no claim: it reaches the function's logs, which must hold no claim id.
    super(`injected crash at ${stage}`);
    this.claimId = claimId;
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
