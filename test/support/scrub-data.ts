import { loadBundledCodeData } from '../../shared/codes/bundled.ts';
import { loadBundledPayerPolicy } from '../../shared/payers/bundled.ts';
import type { ScrubData } from '../../shared/scrub/scrub.ts';

let cached: ScrubData | undefined;

/** The real bundled CMS release and payer policy, loaded once per test file. */
export function scrubData(): ScrubData {
  cached ??= { codes: loadBundledCodeData(), payers: loadBundledPayerPolicy() };
  return cached;
}
