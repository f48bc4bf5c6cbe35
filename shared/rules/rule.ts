import type { Claim } from '../claim/contract.ts';
import type { Severity } from '../claim/result.ts';
import type { CodeLookup, CodeRecord } from '../codes/code-record.ts';
import type { PayerLookup } from '../payers/payer-policy.ts';

/** Everything a rule may look at. Rules are pure: same context, same reports. */
export interface RuleContext {
  claim: Claim;
  codes: CodeLookup;
  payers: PayerLookup;
}

/** What a check says about one problem; explanation and remediation default to the rule's own. */
export interface Report {
  lineNumber?: number;
  message: string;
  explanation?: string;
  remediation?: string;
}

/** A scrub rule, modelled on an ESLint rule: metadata plus a pure check. */
export interface Rule {
  id: string;
  severity: Severity;
  /** One line: what the rule checks. */
  description: string;
  /** Plain words a biller understands, starting "In simple words: ". */
  explanation: string;
  /** What to change on the claim. */
  remediation: string;
  /** Where the rule comes from (payer policy, CMS manual, NHIA), with the nuance if the source is weak. */
  source: string;
  /** Whether the rule is about this code or modifier, for `claim-scrubber explain`. */
  concerns?: (record: CodeRecord) => boolean;
  check(context: RuleContext): Report[];
}
