import { latestPossibleDateOnClaim } from './claim-facts.ts';
import { defineRule } from './rule.ts';

export const codeReleasePredatesClaim = defineRule({
  id: 'CODE-RELEASE-PREDATES-CLAIM',
  severity: 'info',
  description: 'The claim has service dates after the last date the loaded code release covers.',
  explanation:
    'In simple words: code lists change every year and every quarter. The list the scrubber loaded stops before the dates on this claim, so codes added, changed or ended since then are unknown to it: a new code looks invalid, and a code ended since still looks valid.',
  remediation:
    'Load the CMS HCPCS release that covers the claim\'s service dates (load-code-data, or --codes with the current file) and scrub again.',
  source:
    'CMS publishes the HCPCS Level II file yearly (HCPC2020: service dates 2020-01-01 to 2020-12-31) with quarterly updates; the dates a release covers come from its file name, as loaded. CMS IOCE likewise keys every edit to version date ranges.',
  messages: {
    releasePredatesClaim:
      'Code release {{release}} covers service dates through {{through}}, and this claim has service dates up to {{latestServiceDate}}; codes added, changed or ended since are unknown to the scrubber.',
  },
  check({ claim, codes, now }) {
    const through = codes.coverage?.through;
    if (through === undefined) return [];
    // A date in the future is a typing error (SERVICE-DATE-FUTURE), not a reason to load another release.
    const latest = latestPossibleDateOnClaim(claim, now);
    if (latest === undefined || latest <= through) return [];
    return [{ messageId: 'releasePredatesClaim', data: { release: codes.release, through, latestServiceDate: latest } }];
  },
});
