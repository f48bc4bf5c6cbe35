/**
 * The full path a claim takes (validation, then the rules), timed in a fresh Node process that holds
 * only the generated inputs, as a scrubbing process holds only the batch in hand.
 *
 * Why not in the rules bench's own process: to time the rules alone, that process validates all the
 * inputs and keeps the claims. V8 sees the claims its validation allocates survive and starts
 * allocating them straight into the old generation (allocation-site pretenuring); every later pass then
 * fills the old generation with claims that die at once, and major collections follow. Measured on
 * 100,000 claims: validation alone ran at 2.8 µs per claim in a process that never kept the claims, and
 * at 8-10 µs (wall) and 10-13 µs (CPU, the concurrent marker's threads included) in one that kept them,
 * with the heap growing by some 110 MB a pass. A scrubber never keeps its claims, so the first figure is
 * the one that means something.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { validateClaim, validateClaimWithZod } from '../shared/claim/validate.ts';
import { loadBundledCodeData } from '../shared/files/code-data-files.ts';
import { loadBundledPayerPolicy } from '../shared/files/payer-policy-files.ts';
import { scrubClaim, scrubInput, type ScrubData } from '../shared/scrub/scrub.ts';
import { generateClaims } from './generate-claims.ts';
import { ruleset110 } from './rule-costs.ts';
import { timePasses, type Timing } from './time-passes.ts';

export interface FullPathTimings {
  /** Validation and all rules (scrubInput). */
  full: Timing;
  /** Validation and the rules of ruleset 1.1.0. */
  fullEarlier: Timing;
  /** validateClaim alone (the fast path answers every generated claim). */
  validation: Timing;
  /** zod alone, and zod then all rules: the path before the fast one. */
  zodValidation: Timing;
  zodFull: Timing;
}

/** measureFullPath in a fresh Node process, on the same generated claims (same count and seed). */
export function measureFullPathInChild(claims: number, seed: number, passes: number): FullPathTimings {
  const child = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', fileURLToPath(import.meta.url), '--measure', String(claims), String(seed), String(passes)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`timing the full path in a child process failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as FullPathTimings;
}

export function measureFullPath(claims: number, seed: number, passes: number): FullPathTimings {
  const inputs = generateClaims(claims, seed);
  const data: ScrubData = { codes: loadBundledCodeData(), payers: loadBundledPayerPolicy() };
  const earlierRules = ruleset110();
  const full = timePasses(inputs, passes, (input) => scrubInput(input, data).findings.length);
  const fullEarlier = timePasses(inputs, passes, (input) => {
    const outcome = validateClaim(input);
    return outcome.ok ? scrubClaim(outcome.claim, data, earlierRules).findings.length : 0;
  });
  const validation = timePasses(inputs, passes, (input) => (validateClaim(input).ok ? 1 : 0));
  // zod's passes last: the garbage they leave would otherwise be collected during the passes after them.
  const zodPasses = Math.max(1, Math.min(3, passes));
  const zodValidation = timePasses(inputs, zodPasses, (input) => (validateClaimWithZod(input).ok ? 1 : 0));
  const zodFull = timePasses(inputs, zodPasses, (input) => {
    const outcome = validateClaimWithZod(input);
    return outcome.ok ? scrubClaim(outcome.claim, data).findings.length : 0;
  });
  return { full, fullEarlier, validation, zodValidation, zodFull };
}

if (process.argv[2] === '--measure' && import.meta.filename === process.argv[1]) {
  const [claims, seed, passes] = process.argv.slice(3).map(Number);
  process.stdout.write(JSON.stringify(measureFullPath(claims ?? 0, seed ?? 0, passes ?? 1)));
}
