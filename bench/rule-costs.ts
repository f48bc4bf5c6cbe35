/**
 * Where the rules' time goes, for the rules bench: each rule's check timed alone, and the catalog the
 * full-path target was first set on (ruleset 1.1.0, 24 rules) beside today's.
 */
import type { Claim } from '../shared/claim/contract.ts';
import { RULES } from '../shared/rules/catalog.ts';
import type { Rule, RuleContext } from '../shared/rules/rule.ts';
import { claimView } from '../shared/scrub/claim-view.ts';
import type { ScrubData } from '../shared/scrub/scrub.ts';

/**
 * The rules of ruleset 1.1.0, the catalog when "validation + rules >= 150,000 claims/s" was set; 1.2.0
 * added fifteen (per diems, drugs, nursing, Medicare home infusion, NCCI). Timed beside the whole
 * catalog so the figure for the same work stays comparable as the catalog grows.
 */
export const RULESET_1_1_0_IDS: readonly string[] = [
  'SERVICE-DATE-FUTURE', 'CODE-UNKNOWN', 'CPT-NOT-VALIDATED', 'CODE-RELEASE-PREDATES-CLAIM', 'CODE-INACTIVE', 'MODIFIER-UNKNOWN',
  'MODIFIER-INACTIVE', 'MODIFIER-LIMIT', 'MODIFIER-DUPLICATE', 'SS-MEDICARE', 'MEDICARE-NONCOVERED', 'SS-BASE-CODE', 'SS-POS-HOME',
  'SD-MISSING', 'SD-NOT-RN', 'ADDON-NO-PRIMARY', 'ADDON-SS-MISSING', 'ADDON-UNITS', 'PROLONGED-TIME-UNBILLED', 'PAYER-SS-NOT-ACCEPTED',
  'PAYER-POLICY-UNKNOWN', 'PAYER-HOME-CARE-BENEFIT', 'DOC-INCOMPLETE', 'DOC-RECORD-AUDIT',
];

/** The 1.1.0 rules as today's modules, in catalog order; throws when one was renamed or removed. */
export function ruleset110(): readonly Rule[] {
  const rules = RULES.filter((rule) => RULESET_1_1_0_IDS.includes(rule.id));
  if (rules.length !== RULESET_1_1_0_IDS.length) {
    const missing = RULESET_1_1_0_IDS.filter((id) => !rules.some((rule) => rule.id === id));
    throw new Error(`ruleset 1.1.0 rules not in the catalog: ${missing.join(', ')}`);
  }
  return rules;
}

export interface RuleCost {
  id: string;
  /** Mean microseconds per claim of the check alone (no message rendering, no sorting). */
  microseconds: number;
}

/**
 * Each rule's check alone over `claims` (kept small, so the claims stay in cache as they do when all
 * rules run on one claim in turn): a warm-up pass, then the median of `passes` timed ones.
 */
export function ruleCosts(claims: readonly Claim[], data: ScrubData, passes: number, onResult: (count: number) => void): RuleCost[] {
  const now = new Date();
  // Through the view the engine hands the rules (decision 018), so each check costs what it costs in a scrub.
  const contexts: RuleContext[] = claims.map((claim) => ({ claim: claimView(claim), codes: data.codes, payers: data.payers, ncci: data.ncci, now }));
  const costs: RuleCost[] = [];
  for (const rule of RULES) {
    const rounds: number[] = [];
    for (let pass = 0; pass <= passes; pass++) {
      let count = 0;
      const started = performance.now();
      for (let repeat = 0; repeat < REPEATS; repeat++) for (const context of contexts) count += rule.check(context).length;
      const micros = ((performance.now() - started) * 1000) / (REPEATS * contexts.length);
      if (pass > 0) rounds.push(micros);
      onResult(count);
    }
    rounds.sort((a, b) => a - b);
    costs.push({ id: rule.id, microseconds: rounds[Math.floor(rounds.length / 2)] ?? 0 });
  }
  return costs.sort((a, b) => b.microseconds - a.microseconds);
}

const REPEATS = 10;
