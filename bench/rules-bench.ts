import type { Claim, ClaimInput } from '../shared/claim/contract.ts';
import { validateClaim } from '../shared/claim/validate.ts';
import { loadBundledCodeData } from '../shared/files/code-data-files.ts';
import { loadBundledPayerPolicy } from '../shared/files/payer-policy-files.ts';
import { RULES } from '../shared/rules/catalog.ts';
import type { ScrubData } from '../shared/scrub/scrub.ts';
import { compareValidation, edgeCaseClaims, mutatedClaims } from './claim-corpus.ts';
import { countByRule, diffFindingKeys, findingKey, FIVE_RULE_IDS, ourFiveFindingKeys, type FindingKey } from './compare-findings.ts';
import { generateClaims } from './generate-claims.ts';
import { ENGINE_WARMUP_CLAIMS, measureRulesTimingsInChild, roundDownTo1000, RULE_COST_CLAIMS } from './rules-timings.ts';
import type { Timing } from './time-passes.ts';
import { ruleset110 } from './rule-costs.ts';
import { createFiveRuleEngine, engineFindings, type LineFinding } from './json-rules-engine-five.ts';
import { formatInt, formatRatio, header, peakRssMb, verdict, type SummaryRow } from './summary.ts';

export const TARGET_CLAIMS_PER_SECOND = 50_000;
/** Validation and all rules (scrubInput), the path every claim takes: the headline. */
export const TARGET_FULL_CLAIMS_PER_SECOND = 150_000;
/** Broken (or bent but valid) claims the fast validation path is compared with zod on, besides the generated ones. */
export const MUTATED_CLAIMS = 3_000;
export const TARGET_RATIO = 20;

export interface RulesBenchOptions {
  claims: number;
  seed: number;
  /** Longest json-rules-engine timing run; beyond it only the first N claims are timed. */
  engineTimingBudgetSeconds: number;
  /** Longest json-rules-engine equality run; beyond it only the first N claims are compared. */
  engineEqualityBudgetSeconds: number;
  /** Timed passes per figure of ours; the median is reported. */
  passes: number;
}

export const DEFAULT_RULES_BENCH_OPTIONS: RulesBenchOptions = {
  claims: 100_000,
  seed: 20200302,
  engineTimingBudgetSeconds: 60,
  engineEqualityBudgetSeconds: 180,
  passes: 5,
};

const SECTION = 'rules';

export class FindingsMismatchError extends Error {
  override readonly name = 'FindingsMismatchError';
}

export class ValidationMismatchError extends Error {
  override readonly name = 'ValidationMismatchError';
}

export async function benchRules(options: RulesBenchOptions = DEFAULT_RULES_BENCH_OPTIONS): Promise<SummaryRow[]> {
  header(`Rules bench: ${formatInt(options.claims)} generated claims, seed ${options.seed}, one core`);
  console.log(`node ${process.version}, ${process.arch}, pid ${process.pid}; single thread, no workers`);

  let started = performance.now();
  const inputs = generateClaims(options.claims, options.seed);
  const generateMs = performance.now() - started;
  started = performance.now();
  const claims = validateAll(inputs);
  const validateMs = performance.now() - started;
  const heldMb = process.memoryUsage().heapUsed / 1048576;
  const lineCount = claims.reduce((sum, claim) => sum + claim.lines.length, 0);
  console.log(
    `generated ${formatInt(inputs.length)} claims in ${formatInt(generateMs)} ms; ` +
      `${formatInt(claims.length)} contract-valid (validateClaim, ${formatInt(validateMs)} ms); ` +
      `${formatInt(lineCount)} lines, ${(lineCount / claims.length).toFixed(2)} lines/claim`,
  );

  const data: ScrubData = { codes: loadBundledCodeData(), payers: loadBundledPayerPolicy() };
  console.log(`code release ${data.codes.release}, payer policy ${data.payers.version}, ${RULES.length} rules in the catalog`);

  header('Equality: validateClaim (fast path, then zod) vs zod alone');
  const corpus = [...inputs, ...mutatedClaims(inputs.slice(0, 5_000), MUTATED_CLAIMS, options.seed), ...edgeCaseClaims(inputs[0] as ClaimInput)];
  const equality = compareValidation(corpus);
  console.log(
    `compared on ${formatInt(equality.compared)} inputs (${formatInt(inputs.length)} generated, ${formatInt(equality.compared - inputs.length)} mutated or edge cases): ` +
      `${formatInt(equality.valid)} valid, ${formatInt(equality.fastAccepted)} of them answered by the fast path; outcomes deep-equal (claims, errors, key order)`,
  );
  if (equality.mismatches.length > 0) {
    for (const m of equality.mismatches.slice(0, 5)) console.log(`  #${m.index}: fast ${JSON.stringify(m.fast).slice(0, 300)}\n         zod  ${JSON.stringify(m.zod).slice(0, 300)}`);
    throw new ValidationMismatchError(`validateClaim and zod disagree on ${equality.mismatches.length}+ inputs; timings not reported`);
  }
  if (equality.fastAccepted < inputs.length) throw new ValidationMismatchError(`the fast path answered ${equality.fastAccepted} of the generated claims, not all ${inputs.length}`);
  console.log('identical outcomes: yes');

  header('Equality: our five rule modules vs json-rules-engine (five-rules.json)');
  const ourKeys = ourFiveFindingKeys(claims, data);
  const engineRun = await runEngine(claims, data, options);
  const ourCompared = engineRun.compared === claims.length ? ourKeys : ourKeys.filter((k) => Number(k.split(' ')[0]) < engineRun.compared);
  const ourCounts = countByRule(ourCompared);
  const engineCounts = countByRule(engineRun.keys);
  console.log(`compared on ${formatInt(engineRun.compared)} of ${formatInt(claims.length)} claims (claimIndex, ruleId, lineNumber) as a multiset`);
  console.log(`${'rule'.padEnd(18)}${'ours'.padStart(9)}${'engine'.padStart(9)}`);
  for (const id of FIVE_RULE_IDS) console.log(`${id.padEnd(18)}${formatInt(ourCounts.get(id) ?? 0).padStart(9)}${formatInt(engineCounts.get(id) ?? 0).padStart(9)}`);
  console.log(`${'total'.padEnd(18)}${formatInt(ourCompared.length).padStart(9)}${formatInt(engineRun.keys.length).padStart(9)}`);
  const diff = diffFindingKeys(ourCompared, engineRun.keys);
  if (diff.onlyOurs.length > 0 || diff.onlyEngine.length > 0) {
    console.log(`MISMATCH: ${diff.onlyOurs.length} findings only ours, ${diff.onlyEngine.length} only json-rules-engine`);
    console.log(`  only ours (sample):   ${diff.onlyOurs.slice(0, 10).join(' | ')}`);
    console.log(`  only engine (sample): ${diff.onlyEngine.slice(0, 10).join(' | ')}`);
    throw new FindingsMismatchError('our five rules and the json-rules-engine encoding disagree; timings not reported');
  }
  const vacuous = FIVE_RULE_IDS.filter((id) => (ourCounts.get(id) ?? 0) === 0);
  if (vacuous.length > 0) throw new FindingsMismatchError(`the claim mix triggers no finding for ${vacuous.join(', ')}; the comparison would be vacuous`);
  console.log('identical findings: yes');

  header('Throughput (claims/s, median of timed passes after a warm-up pass)');
  // Timed in a fresh process that starts with the inputs alone (bench/rules-timings.ts says why).
  const timings = measureRulesTimingsInChild({ claims: options.claims, seed: options.seed, passes: options.passes, engineTimingBudgetSeconds: options.engineTimingBudgetSeconds });
  const { full, fullEarlier, validation: fastValidation, zodValidation: zodOnly, zodFull, allRules: all20, fiveRules: five, costs, engine } = timings;
  const earlierRules = ruleset110();
  console.log(`timed in a fresh process holding only the ${formatInt(inputs.length)} inputs, paths that validate first:`);
  report('ours, validation + all rules (scrubInput)', full, `target >= ${formatInt(TARGET_FULL_CLAIMS_PER_SECOND)}: ${verdict(full.median >= TARGET_FULL_CLAIMS_PER_SECOND)}`);
  report(`ours, validation + the ${earlierRules.length} rules of ruleset 1.1.0`, fullEarlier, `target >= ${formatInt(TARGET_FULL_CLAIMS_PER_SECOND)}: ${verdict(fullEarlier.median >= TARGET_FULL_CLAIMS_PER_SECOND)}`);
  report('before: zod validation + all rules', zodFull, `(the fast path: ${formatRatio(full.median / zodFull.median)})`);
  report('validation alone, fast path (validateClaim)', fastValidation, `(${formatRatio(fastValidation.median / zodOnly.median)} zod)`);
  report('validation alone, zod (before)', zodOnly);
  report(`ours, all ${RULES.length} rules (rules-only, scrubClaim)`, all20);
  report('ours, five rules (scrubClaim)', five);
  const costSum = costs.reduce((sum, cost) => sum + cost.microseconds, 0);
  const validationMicros = 1e6 / fastValidation.median;
  console.log(
    `\nper claim: validation ${validationMicros.toFixed(1)} µs; the ${RULES.length} checks, each alone over the first ${formatInt(RULE_COST_CLAIMS)} claims, ${costSum.toFixed(1)} µs in all; ` +
      `the ${formatInt(TARGET_FULL_CLAIMS_PER_SECOND)} claims/s target leaves ${(1e6 / TARGET_FULL_CLAIMS_PER_SECOND).toFixed(1)} µs for both. Costliest checks:`,
  );
  for (const cost of costs.slice(0, 8)) console.log(`  ${cost.id.padEnd(28)}${cost.microseconds.toFixed(2).padStart(6)} µs`);
  console.log(`  the other ${costs.length - 8} together ${costs.slice(8).reduce((sum, cost) => sum + cost.microseconds, 0).toFixed(2)} µs (${(costs.at(-1)?.microseconds ?? 0).toFixed(2)}-${(costs[8]?.microseconds ?? 0).toFixed(2)} each)\n`);
  const engineRate = engine.claims / engine.seconds;
  console.log(
    `${'json-rules-engine, five rules'.padEnd(44)}${formatInt(engineRate).padStart(10)} claims/s  ` +
      `(warm-up ${formatInt(engine.warmupRate)} claims/s, then one pass over ${engine.claims === claims.length ? 'all' : 'the first'} ${formatInt(engine.claims)} claims, ${engine.seconds.toFixed(1)} s, ` +
      `${formatInt(engine.lines / engine.seconds)} engine runs/s, one run per line)`,
  );

  const ratioFive = five.median / engineRate;
  const ratioAll = all20.median / engineRate;
  console.log('');
  console.log(`ratio ours-five / engine-five:   ${formatRatio(ratioFive)}`);
  console.log(`ratio ours-all / engine-five: ${formatRatio(ratioAll)}`);
  console.log(`target: validation + all rules >= ${formatInt(TARGET_FULL_CLAIMS_PER_SECOND)} claims/s: ${verdict(full.median >= TARGET_FULL_CLAIMS_PER_SECOND)}`);
  console.log(`target: all rules >= ${formatInt(TARGET_CLAIMS_PER_SECOND)} claims/s: ${verdict(all20.median >= TARGET_CLAIMS_PER_SECOND)}`);
  console.log(`target: ours-five / engine-five >= ${TARGET_RATIO}x: ${verdict(ratioFive >= TARGET_RATIO)}`);
  console.log(`target: ours-all / engine-five >= ${TARGET_RATIO}x: ${verdict(ratioAll >= TARGET_RATIO)}`);
  const rss = peakRssMb();
  console.log(
    `peak RSS so far: ${formatInt(rss)} MB; the ${formatInt(options.claims)} raw inputs and validated claims take ~${formatInt(heldMb)} MB of heap, ` +
      `the rest is garbage (mostly zod's, from the validation equality check, and json-rules-engine's) that V8 had no pressure to collect yet; checksum ${timings.checksum}`,
  );

  const engineNote = engine.claims === claims.length ? '' : ` (first ${formatInt(engine.claims)} claims)`;
  return [
    {
      section: SECTION,
      metric: 'ours, validation + all rules (scrubInput) claims/s',
      value: formatInt(full.median),
      target: `>= ${formatInt(TARGET_FULL_CLAIMS_PER_SECOND)}`,
      verdict: verdict(full.median >= TARGET_FULL_CLAIMS_PER_SECOND),
    },
    {
      section: SECTION,
      metric: `ours, validation + the ${earlierRules.length} rules of ruleset 1.1.0 claims/s`,
      value: formatInt(fullEarlier.median),
      target: `>= ${formatInt(TARGET_FULL_CLAIMS_PER_SECOND)}`,
      verdict: verdict(fullEarlier.median >= TARGET_FULL_CLAIMS_PER_SECOND),
    },
    { section: SECTION, metric: `per claim: validation + the ${RULES.length} checks alone (µs)`, value: `${validationMicros.toFixed(1)} + ${costSum.toFixed(1)}`, target: `<= ${(1e6 / TARGET_FULL_CLAIMS_PER_SECOND).toFixed(1)}` },
    { section: SECTION, metric: 'claims (generated, all contract-valid)', value: formatInt(claims.length) },
    {
      section: SECTION,
      metric: 'validation identical (fast path + zod vs zod alone)',
      value: `yes, ${formatInt(equality.compared)} inputs, ${formatInt(equality.compared - equality.valid)} invalid`,
    },
    { section: SECTION, metric: 'findings identical (5 rules, ours vs engine)', value: `yes, ${formatInt(ourCompared.length)} findings on ${formatInt(engineRun.compared)} claims` },
    {
      section: SECTION,
      metric: `ours, all ${RULES.length} rules (rules-only) claims/s`,
      value: formatInt(all20.median),
      target: `>= ${formatInt(TARGET_CLAIMS_PER_SECOND)}`,
      verdict: verdict(all20.median >= TARGET_CLAIMS_PER_SECOND),
    },
    { section: SECTION, metric: 'ours, five rules claims/s', value: formatInt(five.median) },
    { section: SECTION, metric: `json-rules-engine, five rules claims/s${engineNote}`, value: formatInt(engineRate) },
    { section: SECTION, metric: 'ratio ours-five / engine-five', value: formatRatio(ratioFive), target: `>= ${TARGET_RATIO}x`, verdict: verdict(ratioFive >= TARGET_RATIO) },
    { section: SECTION, metric: 'ratio ours-all / engine-five', value: formatRatio(ratioAll), target: `>= ${TARGET_RATIO}x`, verdict: verdict(ratioAll >= TARGET_RATIO) },
    { section: SECTION, metric: 'before: zod validation + all rules claims/s', value: formatInt(zodFull.median) },
    { section: SECTION, metric: 'validation alone, fast path claims/s', value: formatInt(fastValidation.median) },
    { section: SECTION, metric: 'validation alone, zod claims/s', value: formatInt(zodOnly.median) },
    { section: SECTION, metric: 'heap holding inputs + validated claims (MB)', value: formatInt(heldMb) },
    { section: SECTION, metric: 'peak RSS (MB)', value: formatInt(rss) },
  ];
}

/** Validates every generated input once; the generator promises contract-valid claims, so any failure is a bug. */
export function validateAll(inputs: readonly ClaimInput[]): Claim[] {
  const claims: Claim[] = [];
  const failures: string[] = [];
  inputs.forEach((input, i) => {
    const outcome = validateClaim(input);
    if (outcome.ok) claims.push(outcome.claim);
    else if (failures.length < 5) failures.push(`#${i} ${input.claimId}: ${JSON.stringify(outcome.errors)}`);
  });
  if (claims.length !== inputs.length) {
    throw new Error(`${inputs.length - claims.length} of ${inputs.length} generated claims break the contract:\n${failures.join('\n')}`);
  }
  return claims;
}

function report(label: string, timing: Timing, note = ''): void {
  console.log(
    `${label.padEnd(44)}${formatInt(timing.median).padStart(10)} claims/s  (${timing.passes} passes, ${formatInt(timing.min)}-${formatInt(timing.max)}) ${note}`.trimEnd(),
  );
}

interface EngineRun {
  /** Finding keys for the first `compared` claims. */
  keys: FindingKey[];
  compared: number;
}

/** json-rules-engine's findings on the claims, as many as the equality budget allows (it is timed in the child process). */
async function runEngine(claims: readonly Claim[], data: ScrubData, options: RulesBenchOptions): Promise<EngineRun> {
  const engine = createFiveRuleEngine();
  const warmup = Math.min(ENGINE_WARMUP_CLAIMS, claims.length);
  const warmStarted = performance.now();
  const perClaim: LineFinding[][] = [];
  for (let i = 0; i < warmup; i++) perClaim.push(await engineFindings(engine, claims[i] as Claim, data.codes));
  const warmRate = warmup / Math.max(1e-9, (performance.now() - warmStarted) / 1000);
  const compared = Math.min(claims.length, roundDownTo1000(warmRate * options.engineEqualityBudgetSeconds, claims.length));
  console.log(
    `json-rules-engine warm-up: ${formatInt(warmup)} claims at ${formatInt(warmRate)} claims/s; ` +
      (compared === claims.length ? `comparing all ${formatInt(claims.length)} claims` : `equality limited to the first ${formatInt(compared)} claims (> ${options.engineEqualityBudgetSeconds} s for all)`),
  );
  for (let i = warmup; i < compared; i++) perClaim.push(await engineFindings(engine, claims[i] as Claim, data.codes));
  const keys: FindingKey[] = [];
  perClaim.forEach((findings, i) => {
    for (const f of findings) keys.push(findingKey(i, f.ruleId, f.lineNumber));
  });
  return { keys, compared };
}
