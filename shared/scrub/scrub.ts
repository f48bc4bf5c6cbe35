import type { Claim } from '../claim/contract.ts';
import type { Finding, ScrubResult, ScrubStatus } from '../claim/result.ts';
import { validateClaim, validClaimView, type FieldError } from '../claim/validate.ts';
import type { CodeLookup } from '../codes/code-record.ts';
import type { NcciLookup } from '../ncci/ncci-edits.ts';
import type { PayerLookup } from '../payers/payer-policy.ts';
import { meansMedicareDenial, RULES, RULESET_VERSION } from '../rules/catalog.ts';
import { claimInvalid } from '../rules/claim-invalid.ts';
import { messagePlan, renderPlanned, type MessagePlan } from '../rules/render-message.ts';
import type { Rule } from '../rules/rule.ts';
import { claimIdOf } from '../claim/claim-id.ts';
import { claimView } from './claim-view.ts';
import { ClaimLookups } from './claim-lookups.ts';

export interface ScrubData {
  codes: CodeLookup;
  payers: PayerLookup;
  /** The NCCI edits loaded, if any (never bundled: they carry CPT content under AMA terms). */
  ncci?: NcciLookup | undefined;
  /**
   * Tells the time for rules that compare dates with today (a service date in the future). A function,
   * not a date, because one ScrubData serves a warm Lambda for hours; absent means the system clock.
   */
  clock?: () => Date;
}

/** The system clock, one Date per millisecond: claims scrubbed in the same millisecond share it, where a Date each was about 1 % of a scrub. Rules never change `now`. */
function systemClock(): Date {
  const ms = Date.now();
  if (ms !== clockMs) {
    clockMs = ms;
    clockNow = new Date(ms);
  }
  return clockNow;
}
let clockMs = Number.NaN;
let clockNow = new Date(0);

/** One memo for every claim in turn: a scrub runs to its end without yielding. */
const LOOKUPS = new ClaimLookups();

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Validates untrusted input and, when it honours the contract, runs every rule on it. */
export function scrubInput(input: unknown, data: ScrubData): ScrubResult {
  // Most input is valid: checked and built straight into the view the rules read.
  const view = validClaimView(input);
  if (view !== undefined) return scrubView(view, data, RULES);
  const validation = validateClaim(input);
  if (!validation.ok) return rejectedResult(claimIdOf(input), validation.errors, data);
  return scrubClaim(validation.claim, data);
}

/** Runs the rule catalog over a claim that already honours the contract. */
export function scrubClaim(claim: Claim, data: ScrubData, rules: readonly Rule[] = RULES): ScrubResult {
  return scrubView(claimView(claim), data, rules);
}

/** The rules over a claim's one-shape view (claim-view.ts), which never leaves the engine. */
function scrubView(claim: Claim, data: ScrubData, rules: readonly Rule[]): ScrubResult {
  // The rules ask the code data and payer policy through a memo of this claim's answers (claim-lookups.ts).
  LOOKUPS.reset(data.codes, data.payers);
  const context = { claim, codes: LOOKUPS, payers: LOOKUPS, ncci: data.ncci, now: (data.clock ?? systemClock)() };
  const findings: Finding[] = [];
  const { checks, messages } = planOf(rules);
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r] as Rule;
    // Called with the rule as `this`, as `rule.check(context)` would be; cheaper than a bound function.
    const reports = (checks[r] as Rule['check']).call(rule, context);
    if (reports.length === 0) continue;
    const plans = messages[r] as Map<string, MessagePlan>;
    for (const report of reports) {
      let plan = plans.get(report.messageId);
      if (plan === undefined) {
        plan = messagePlan(rule, report.messageId);
        plans.set(report.messageId, plan);
      }
      const severity = plan.severity;
      const message = renderPlanned(plan, report);
      const explanation = report.explanation ?? rule.explanation;
      const remediation = report.remediation ?? rule.remediation;
      // Two literals rather than a spread: the same keys in the same order, without an object built to be copied.
      findings.push(
        report.lineNumber === undefined
          ? { ruleId: rule.id, severity, message, explanation, remediation }
          : { ruleId: rule.id, severity, lineNumber: report.lineNumber, message, explanation, remediation },
      );
    }
  }
  sortFindings(findings);
  return {
    claimId: claim.claimId,
    status: statusOf(findings),
    medicareDenialRisk: findings.some((f) => meansMedicareDenial(f)),
    findings,
    codeRelease: data.codes.release,
    rulesetVersion: RULESET_VERSION,
  };
}

/**
 * The result for input that broke the contract (or was not even JSON): one CLAIM-INVALID finding
 * listing every field error. `claimId` is kept when the input carried a usable one.
 */
export function rejectedResult(claimId: string | null, errors: readonly FieldError[], data: Pick<ScrubData, 'codes'>): ScrubResult {
  return {
    claimId,
    status: 'rejected',
    medicareDenialRisk: false,
    findings: [claimInvalid(errors)],
    codeRelease: data.codes.release,
    rulesetVersion: RULESET_VERSION,
  };
}

/**
 * Each rule's check, in a plain array, and the plans of the messages it reported (severity and cut
 * template, by message id): rule objects differ in shape (their optional metadata), so reading
 * `rule.check` or `rule.messages` on each of 39 rules per claim goes through V8's slowest property lookup.
 */
interface RulesPlan {
  checks: ReadonlyArray<Rule['check']>;
  messages: ReadonlyArray<Map<string, MessagePlan>>;
}

const PLANS = new WeakMap<readonly Rule[], RulesPlan>();

let lastRules: readonly Rule[] | undefined;
let lastPlan: RulesPlan = { checks: [], messages: [] };

function planOf(rules: readonly Rule[]): RulesPlan {
  // Nearly every scrub passes the same list as the one before: a comparison, not a WeakMap lookup.
  if (rules === lastRules && lastPlan.checks.length === rules.length) return lastPlan;
  let plan = PLANS.get(rules);
  if (plan === undefined || plan.checks.length !== rules.length) {
    plan = { checks: rules.map((rule) => rule.check), messages: rules.map(() => new Map<string, MessagePlan>()) };
    PLANS.set(rules, plan);
  }
  lastRules = rules;
  lastPlan = plan;
  return plan;
}

function statusOf(findings: readonly Finding[]): ScrubStatus {
  return findings.some((f) => f.severity !== 'info') ? 'flagged' : 'clean';
}

/**
 * Sorts findings in place by compareFindings, stably, as Array.prototype.sort does. A claim has a few
 * findings: an insertion sort allocates nothing, where the built-in sort copies the array into a work
 * area on every call (about 300 bytes per claim in the rules bench, a third of the engine's garbage).
 */
export function sortFindings(findings: Finding[]): void {
  if (findings.length > INSERTION_SORT_MAX) {
    findings.sort(compareFindings);
    return;
  }
  for (let i = 1; i < findings.length; i++) {
    const finding = findings[i] as Finding;
    let j = i - 1;
    // Only a strictly later finding moves: equal ones keep their order.
    while (j >= 0 && compareFindings(findings[j] as Finding, finding) > 0) {
      findings[j + 1] = findings[j] as Finding;
      j--;
    }
    findings[j + 1] = finding;
  }
}

const INSERTION_SORT_MAX = 16;

function compareFindings(a: Finding, b: Finding): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.lineNumber ?? 0) - (b.lineNumber ?? 0) || compareRuleIds(a.ruleId, b.ruleId);
}

/**
 * Rule ids in localeCompare's order. Ids are capitals, digits and hyphens (test/scrub.test.ts holds the
 * catalog to it), for which code-unit order is localeCompare's; comparing them so spares every claim a
 * collator call, and the function's start the loading of ICU's collation.
 */
function compareRuleIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
