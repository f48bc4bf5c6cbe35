import type { Claim } from '../claim/contract.ts';
import type { Severity } from '../claim/result.ts';
import type { CodeLookup, CodeRecord } from '../codes/code-record.ts';
import type { NcciLookup } from '../ncci/ncci-edits.ts';
import type { PayerLookup, PayerSettingName } from '../payers/payer-policy.ts';

/** Everything a rule may look at. Rules are pure: same context, same reports. */
export interface RuleContext {
  claim: Claim;
  codes: CodeLookup;
  payers: PayerLookup;
  /** The CMS NCCI edits (MUE, PTP) an operator loaded; absent when none are, and the NCCI rules then say nothing. */
  ncci?: NcciLookup | undefined;
  /**
   * The moment the claim is scrubbed, read once by the engine from its clock. Rules that need "today"
   * read it here rather than from the system clock, so they stay pure and tests pin the date.
   */
  now: Date;
}

/** The values a message template's {{placeholders}} are filled with. */
export type MessageData = Readonly<Record<string, string | number>>;

/**
 * What a check says about one problem: which of the rule's messages, filled with which data.
 * The engine renders the text, so a rule's wording lives in one place (its `messages`) and tests
 * can assert which problem was found without matching prose. A report's `lineNumber` is also
 * available to the template as {{lineNumber}}. Explanation and remediation default to the rule's own.
 */
export interface Report<MessageId extends string = string> {
  messageId: MessageId;
  data?: MessageData;
  lineNumber?: number;
  explanation?: string;
  remediation?: string;
}

/** A scrub rule, modelled on an ESLint rule: metadata, messages by id, and a pure check. */
export interface Rule<MessageId extends string = string> {
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
  /** An error finding of this rule means Medicare will deny the claim: it sets `medicareDenialRisk` and raises the denial alert (its warnings do not). */
  medicareDenial?: boolean;
  /** Message templates by id, like ESLint's `meta.messages`: `{ noPrimary: 'Line {{lineNumber}}: ...' }`. */
  messages: Readonly<Record<MessageId, string>>;
  /**
   * Messages whose findings carry another severity than the rule's, for a rule whose sources grade the
   * same problem differently (a missing NDC is an error where the payer requires one, a warning
   * elsewhere). Tied to the message, not decided in the check, so docs and tests read it from metadata.
   */
  messageSeverity?: Readonly<Partial<Record<MessageId, Severity>>>;
  /**
   * Data an operator loads that the check reads and that the project does not ship: without it the rule
   * reports nothing. Docs say so, and tests that expect every rule to fire leave such rules to their own.
   */
  needsLoadedData?: 'ncci-edits';
  /** The payer billing settings the check reads, so their docs and `explain <setting>` name the rules they change. */
  payerSettings?: readonly PayerSettingName[];
  /** Whether the rule is about this code or modifier, for `claim-scrubber explain`. */
  concerns?: (record: CodeRecord) => boolean;
  check(context: RuleContext): Report<MessageId>[];
}

/**
 * Declares a rule. The message ids are taken from `messages` alone, so a check that reports an id
 * the rule does not declare fails to compile, not at scrub time (where the engine would refuse it).
 */
export function defineRule<const MessageId extends string>(
  rule: Omit<Rule<MessageId>, 'check'> & { check(context: RuleContext): Report<NoInfer<MessageId>>[] },
): Rule<MessageId> {
  return rule;
}

/** The severity of a finding of this rule with this message. */
export function severityOf(rule: Pick<Rule, 'severity' | 'messageSeverity'>, messageId: string): Severity {
  return rule.messageSeverity?.[messageId] ?? rule.severity;
}

/** Every severity a rule's findings may carry, most severe first: one for most rules. */
export function severitiesOf(rule: Pick<Rule, 'severity' | 'messageSeverity'>): Severity[] {
  const all = new Set<Severity>([rule.severity, ...Object.values(rule.messageSeverity ?? {}).filter((s): s is Severity => s !== undefined)]);
  return (['error', 'warning', 'info'] as const).filter((s) => all.has(s));
}
