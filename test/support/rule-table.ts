import { describe, expect, it } from 'vitest';
import type { Claim } from '../../shared/claim/contract.ts';
import type { CodeLookup } from '../../shared/codes/code-record.ts';
import { placeholdersOf, renderMessage, templateData } from '../../shared/rules/render-message.ts';
import type { NcciLookup } from '../../shared/ncci/ncci-edits.ts';
import type { PayerLookup } from '../../shared/payers/payer-policy.ts';
import { severityOf, type MessageData, type Report, type Rule } from '../../shared/rules/rule.ts';
import { scrubClaim } from '../../shared/scrub/scrub.ts';
import { scrubData, TEST_NOW } from './scrub-data.ts';

export interface ValidCase {
  name: string;
  claim: Claim;
  /** Payer policy for this case when the bundled one has no payer that shows it. */
  payers?: PayerLookup;
  /** Code data for this case when it needs what the bundled release does not state (the dates it covers, a CPT file). */
  codes?: CodeLookup;
  /** The moment the case is scrubbed at, when it is not TEST_NOW. */
  now?: Date;
  /** NCCI edits for this case (none are bundled). */
  ncci?: NcciLookup;
}

/** One report a rule must raise: which of its messages, on which line. */
export interface ExpectedReport<MessageId extends string = string> {
  messageId: MessageId;
  /** The claim line the report is on; `null` for a claim-level report. */
  line: number | null;
  /** When given, the report's data must equal it (the values its message is filled with). */
  data?: MessageData;
}

export interface InvalidCase<MessageId extends string = string> extends ValidCase {
  /** Every report the rule raises on the claim, in the order it raises them. */
  reports: ExpectedReport<MessageId>[];
}

/**
 * A rule's table test: valid claims raise nothing, invalid claims raise exactly the listed reports.
 * Tables name message ids, not prose, so rewording a message does not touch the tables; the rule-files
 * check (test/rules/rule-files.test.ts) reads these calls to make sure every message id is exercised.
 */
export function ruleTable<MessageId extends string>(rule: Rule<MessageId>, table: { valid: ValidCase[]; invalid: InvalidCase<NoInfer<MessageId>>[] }): void {
  const bundled = scrubData();
  describe(rule.id, () => {
    it.each(table.valid)('passes: $name', ({ claim, payers = bundled.payers, codes = bundled.codes, now = TEST_NOW, ncci }) => {
      expect(rule.check({ claim, codes, payers, ncci, now })).toEqual([]);
    });

    it.each(table.invalid)('reports: $name', ({ claim, payers = bundled.payers, codes = bundled.codes, now = TEST_NOW, ncci, reports: expected }) => {
      const data = { codes, payers, ncci, clock: () => now };
      const reports = rule.check({ claim, codes, payers, ncci, now });
      expect(reports.map((r) => ({ messageId: r.messageId, line: r.lineNumber ?? null }))).toEqual(expected.map(({ messageId, line }) => ({ messageId, line })));
      expected.forEach((want, i) => {
        if (want.data) expect(reports[i]?.data, `data of report ${i + 1}`).toEqual(want.data);
      });
      for (const report of reports) expectDataFillsTemplate(rule, report);

      // Through the engine each report becomes a finding with the rule's id, severity, rendered message and plain-words texts.
      const findings = scrubClaim(claim, data).findings.filter((f) => f.ruleId === rule.id);
      expect(findings).toEqual(
        sortedAsEngine(rule, reports).map((report) => ({
          ruleId: rule.id,
          severity: severityOf(rule, report.messageId),
          ...(report.lineNumber === undefined ? {} : { lineNumber: report.lineNumber }),
          message: renderMessage(rule, report),
          explanation: report.explanation ?? rule.explanation,
          remediation: report.remediation ?? rule.remediation,
        })),
      );
      for (const finding of findings) {
        expect(finding.explanation).toMatch(/^In simple words: /);
        expect(finding.remediation.length).toBeGreaterThan(10);
      }
    });
  });
}

/** The report's data fills every placeholder of its template, and carries nothing the template does not use. */
function expectDataFillsTemplate(rule: Rule, report: Report): void {
  const template = rule.messages[report.messageId];
  expect(template, `${rule.id} declares message ${report.messageId}`).toBeDefined();
  expect(Object.keys(templateData(report)).sort()).toEqual(placeholdersOf(template ?? '').sort());
}

/**
 * The engine orders one rule's findings by severity (for a rule whose messages carry different ones), then
 * by line, claim-level first; the sort is stable like the engine's.
 */
function sortedAsEngine(rule: Rule, reports: readonly Report[]): Report[] {
  const rank = (report: Report) => SEVERITY_RANK[severityOf(rule, report.messageId)];
  return [...reports].sort((a, b) => rank(a) - rank(b) || (a.lineNumber ?? 0) - (b.lineNumber ?? 0));
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;
