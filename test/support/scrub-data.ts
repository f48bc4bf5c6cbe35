import { CodeSet } from '../../shared/codes/code-set.ts';
import type { ReleaseCoverage } from '../../shared/codes/code-record.ts';
import { loadBundledCodeData } from '../../shared/files/code-data-files.ts';
import { loadBundledPayerPolicy } from '../../shared/files/payer-policy-files.ts';
import type { ScrubData } from '../../shared/scrub/scrub.ts';

/**
 * The moment every test scrubs at, so rules that compare with today (SERVICE-DATE-FUTURE) give the same
 * findings whatever day the suite runs. Later than every fixture's service date, as a real run would be.
 */
export const TEST_NOW = new Date('2026-03-16T15:00:00Z');

let cached: ScrubData | undefined;

/** The real bundled CMS release and payer policy, loaded once per test file, scrubbing at TEST_NOW. */
export function scrubData(): ScrubData {
  cached ??= { codes: loadBundledCodeData(), payers: loadBundledPayerPolicy(), clock: () => TEST_NOW };
  return cached;
}

/**
 * The bundled release's records with the dates it covers and the CPT file stated outright, so a test does
 * not depend on what the loader infers from the file name.
 */
export function bundledCodesWith(options: { coverage?: ReleaseCoverage; cptSource?: string }): CodeSet {
  const bundled = loadBundledCodeData();
  return new CodeSet(bundled.release, bundled.records(), options);
}
