import type { Claim } from '../shared/claim/contract.ts';
import type { CodeLookup } from '../shared/codes/code-record.ts';
import { addonNoPrimary } from '../shared/rules/addon-no-primary.ts';
import { modifierLimit } from '../shared/rules/modifier-limit.ts';
import type { Rule } from '../shared/rules/rule.ts';
import { sdMissing } from '../shared/rules/sd-missing.ts';
import { ssBaseCode } from '../shared/rules/ss-base-code.ts';
import { ssMedicare } from '../shared/rules/ss-medicare.ts';
import { scrubClaim, type ScrubData } from '../shared/scrub/scrub.ts';
import type { Engine } from 'json-rules-engine';
import { engineFindings } from './json-rules-engine-five.ts';

/** Our modules for the five rules the json-rules-engine encoding covers. */
export const FIVE_RULES: readonly Rule[] = [ssMedicare, ssBaseCode, sdMissing, addonNoPrimary, modifierLimit];
export const FIVE_RULE_IDS: readonly string[] = FIVE_RULES.map((rule) => rule.id);

/** A finding as "claimIndex ruleId lineNumber": a multiset of these is what both sides must agree on. */
export type FindingKey = string;

export function findingKey(claimIndex: number, ruleId: string, lineNumber: number | undefined): FindingKey {
  return `${claimIndex} ${ruleId} ${lineNumber ?? '-'}`;
}

export function ourFiveFindingKeys(claims: readonly Claim[], data: ScrubData): FindingKey[] {
  const keys: FindingKey[] = [];
  claims.forEach((claim, i) => {
    for (const finding of scrubClaim(claim, data, FIVE_RULES).findings) keys.push(findingKey(i, finding.ruleId, finding.lineNumber));
  });
  return keys;
}

export async function engineFindingKeys(engine: Engine, claims: readonly Claim[], codes: CodeLookup): Promise<FindingKey[]> {
  const keys: FindingKey[] = [];
  for (let i = 0; i < claims.length; i++) {
    const claim = claims[i];
    if (!claim) continue;
    for (const finding of await engineFindings(engine, claim, codes)) keys.push(findingKey(i, finding.ruleId, finding.lineNumber));
  }
  return keys;
}

export interface FindingDiff {
  /** Keys (with multiplicity) only our rules produced. */
  onlyOurs: FindingKey[];
  /** Keys (with multiplicity) only json-rules-engine produced. */
  onlyEngine: FindingKey[];
}

export function diffFindingKeys(ours: readonly FindingKey[], engine: readonly FindingKey[]): FindingDiff {
  const counts = new Map<FindingKey, number>();
  for (const k of ours) counts.set(k, (counts.get(k) ?? 0) + 1);
  for (const k of engine) counts.set(k, (counts.get(k) ?? 0) - 1);
  const onlyOurs: FindingKey[] = [];
  const onlyEngine: FindingKey[] = [];
  for (const [k, n] of counts) {
    for (let i = 0; i < n; i++) onlyOurs.push(k);
    for (let i = 0; i < -n; i++) onlyEngine.push(k);
  }
  return { onlyOurs, onlyEngine };
}

/** Findings per rule id, in FIVE_RULE_IDS order, so a report shows the comparison is not vacuous. */
export function countByRule(keys: readonly FindingKey[]): Map<string, number> {
  const counts = new Map<string, number>(FIVE_RULE_IDS.map((id) => [id, 0]));
  for (const k of keys) {
    const ruleId = k.split(' ')[1] ?? '';
    counts.set(ruleId, (counts.get(ruleId) ?? 0) + 1);
  }
  return counts;
}
