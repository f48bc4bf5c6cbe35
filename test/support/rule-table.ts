import { describe, expect, it } from 'vitest';
import type { Claim } from '../../shared/claim/contract.ts';
import type { Rule } from '../../shared/rules/rule.ts';
import { scrubClaim } from '../../shared/scrub/scrub.ts';
import { scrubData } from './scrub-data.ts';

export interface ValidCase {
  name: string;
  claim: Claim;
}

export interface InvalidCase {
  name: string;
  claim: Claim;
  /** The line numbers the rule reports on, in order; `null` for a claim-level report. */
  lines: (number | null)[];
  /** Text each report's message must contain. */
  message?: string | RegExp;
}

/** A rule's table test: valid claims raise nothing, invalid claims raise exactly the listed reports. */
export function ruleTable(rule: Rule, table: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  const data = scrubData();
  describe(rule.id, () => {
    it.each(table.valid)('passes: $name', ({ claim }) => {
      expect(rule.check({ claim, ...data })).toEqual([]);
    });

    it.each(table.invalid)('reports: $name', ({ claim, lines, message }) => {
      const reports = rule.check({ claim, ...data });
      expect(reports.map((r) => r.lineNumber ?? null)).toEqual(lines);
      if (message) for (const report of reports) expect(report.message).toMatch(message);
      // Through the engine the finding carries the rule's id, severity and plain-words texts.
      const findings = scrubClaim(claim, data).findings.filter((f) => f.ruleId === rule.id);
      expect(findings).toHaveLength(lines.length);
      for (const finding of findings) {
        expect(finding.severity).toBe(rule.severity);
        expect(finding.explanation).toMatch(/^In simple words: /);
        expect(finding.remediation.length).toBeGreaterThan(10);
      }
    });
  });
}
