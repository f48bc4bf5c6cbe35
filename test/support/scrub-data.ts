import { loadBundledCodeData } from '../../shared/files/code-data-files.ts';
import { loadBundledPayerPolicy } from '../../shared/files/payer-policy-files.ts';
import type { ScrubData } from '../../shared/scrub/scrub.ts';

let cached: ScrubData | undefined;

/** The real bundled CMS release and payer policy, loaded once per test file. */
export function scrubData(): ScrubData {
  cached ??= { codes: loadBundledCodeData(), payers: loadBundledPayerPolicy() };
  return cached;
}
