/**
 * Every figure the rules bench times, measured in a fresh Node process that starts with only the
 * generated inputs, as a scrubbing process holds only the batch in hand; the bench's own process
 * proves the results equal first and prints these.
 *
 * Why not time in the bench's own process: to prove the rules equal to json-rules-engine it validates
 * all the inputs and keeps the claims, and V8, seeing the claims its validation allocates survive,
 * starts allocating them straight into the old generation (allocation-site pretenuring). Every later
 * pass then fills the old generation with claims that die at once, and major collections follow.
 * Measured on 100,000 claims: validation alone ran at 2.8 µs per claim in a process that never kept
 * the claims, and at 8-10 µs (wall) and 10-13 µs (CPU, the concurrent marker's threads included) in
 * one that kept them, its heap growing by some 110 MB a pass; with pretenuring switched off
 * (--no-allocation-site-pretenuring) the second process ran at 3.2 µs. A scrubber never keeps its
 * claims, so the first figure is the one that means something. Here the paths that validate are timed
 * first; the claims are kept only after them, for the rules-only figures, the per-rule costs and
 * json-rules-engine, which all start from validated claims.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Claim } from '../shared/claim/contract.ts';
import { validateClaim, validateClaimWithZod } from '../shared/claim/validate.ts';
import { loadBundledCodeData } from '../shared/files/code-data-files.ts';
import { loadBundledPayerPolicy } from '../shared/files/payer-policy-files.ts';
import { scrubClaim, scrubInput, type ScrubData } from '../shared/scrub/scrub.ts';
import { FIVE_RULES } from './compare-findings.ts';
import { generateClaims } from './generate-claims.ts';
import { createFiveRuleEngine, engineFindings } from './json-rules-engine-five.ts';
import { ruleCosts, ruleset110, type RuleCost } from './rule-costs.ts';
import { timedChecksum, timePasses, type Timing } from './time-passes.ts';

export interface RulesTimingOptions {
  claims: number;
  seed: number;
  /** Timed passes per figure of ours; the median is reported. */
  passes: number;
  /** Longest json-rules-engine timing run; beyond it only the first N claims are timed. */
  engineTimingBudgetSeconds: number;
}

export interface EngineTiming {
  /** Claims timed (all, or the first N the budget allows), their lines, and the seconds they took. */
  claims: number;
  lines: number;
  seconds: number;
  warmupRate: number;
}

export interface RulesTimings {
  /** Validation and all rules (scrubInput). */
  full: Timing;
  /** Validation and the rules of ruleset 1.1.0. */
  fullEarlier: Timing;
  /** validateClaim alone (the fast path answers every generated claim). */
  validation: Timing;
  /** zod alone, and zod then all rules: the path before the fast one. */
  zodValidation: Timing;
  zodFull: Timing;
  /** The rules alone on validated claims: all of them, and the five json-rules-engine also encodes. */
  allRules: Timing;
  fiveRules: Timing;
  /** Each rule's check alone over the first RULE_COST_CLAIMS claims, costliest first. */
  costs: RuleCost[];
  engine: EngineTiming;
  checksum: number;
}

/** Claims each rule's check is timed on alone: few enough to stay in cache, as one claim does while the catalog runs on it. */
export const RULE_COST_CLAIMS = 2_000;
/** Claims json-rules-engine runs before its rate is taken, for the timing here and for the equality budget in the bench's process. */
export const ENGINE_WARMUP_CLAIMS = 2_000;

/** measureRulesTimings in a fresh Node process, on the same generated claims (same count and seed). */
export function measureRulesTimingsInChild(options: RulesTimingOptions): RulesTimings {
  const child = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', fileURLToPath(import.meta.url), '--measure', JSON.stringify(options)], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (child.status !== 0) throw new Error(`timing the rules bench in a child process failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as RulesTimings;
}

export async function measureRulesTimings(options: RulesTimingOptions): Promise<RulesTimings> {
  const inputs = generateClaims(options.claims, options.seed);
  const data: ScrubData = { codes: loadBundledCodeData(), payers: loadBundledPayerPolicy() };
  const earlierRules = ruleset110();
  let checksum = 0;
  const full = timePasses(inputs, options.passes, (input) => scrubInput(input, data).findings.length);
  const fullEarlier = timePasses(inputs, options.passes, (input) => {
    const outcome = validateClaim(input);
    return outcome.ok ? scrubClaim(outcome.claim, data, earlierRules).findings.length : 0;
  });
  const validation = timePasses(inputs, options.passes, (input) => (validateClaim(input).ok ? 1 : 0));
  // zod's passes after ours: the garbage they leave would otherwise be collected during the passes after them.
  const zodPasses = Math.max(1, Math.min(3, options.passes));
  const zodValidation = timePasses(inputs, zodPasses, (input) => (validateClaimWithZod(input).ok ? 1 : 0));
  const zodFull = timePasses(inputs, zodPasses, (input) => {
    const outcome = validateClaimWithZod(input);
    return outcome.ok ? scrubClaim(outcome.claim, data).findings.length : 0;
  });

  const claims: Claim[] = [];
  for (const input of inputs) {
    const outcome = validateClaim(input);
    if (outcome.ok) claims.push(outcome.claim);
  }
  const allRules = timePasses(claims, options.passes, (claim) => scrubClaim(claim, data).findings.length);
  const fiveRules = timePasses(claims, options.passes, (claim) => scrubClaim(claim, data, FIVE_RULES).findings.length);
  const costs = ruleCosts(claims.slice(0, RULE_COST_CLAIMS), data, options.passes, (count) => (checksum += count));
  const engine = await timeEngine(claims, data, options.engineTimingBudgetSeconds, (count) => (checksum += count));
  return { full, fullEarlier, validation, zodValidation, zodFull, allRules, fiveRules, costs, engine, checksum: checksum + timedChecksum() };
}

/** json-rules-engine with the five rules, one run per line: a warm-up, then one timed pass over as many claims as the budget allows. */
async function timeEngine(claims: readonly Claim[], data: ScrubData, budgetSeconds: number, onResult: (count: number) => void): Promise<EngineTiming> {
  const engine = createFiveRuleEngine();
  const warmup = Math.min(ENGINE_WARMUP_CLAIMS, claims.length);
  const warmStarted = performance.now();
  for (let i = 0; i < warmup; i++) onResult((await engineFindings(engine, claims[i] as Claim, data.codes)).length);
  const warmupRate = warmup / Math.max(1e-9, (performance.now() - warmStarted) / 1000);
  const timed = Math.min(claims.length, roundDownTo1000(warmupRate * budgetSeconds, claims.length));
  let lines = 0;
  const started = performance.now();
  for (let i = 0; i < timed; i++) {
    const claim = claims[i] as Claim;
    onResult((await engineFindings(engine, claim, data.codes)).length);
    lines += claim.lines.length;
  }
  return { claims: timed, lines, seconds: (performance.now() - started) / 1000, warmupRate };
}

/** The warm-up rate is measured cold, so it underestimates the engine; rounding down keeps N a readable number. */
export function roundDownTo1000(n: number, cap: number): number {
  if (n >= cap) return cap;
  return Math.max(1000, Math.floor(n / 1000) * 1000);
}

if (process.argv[2] === '--measure' && import.meta.filename === process.argv[1]) {
  process.stdout.write(JSON.stringify(await measureRulesTimings(JSON.parse(process.argv[3] ?? '{}') as RulesTimingOptions)));
}
