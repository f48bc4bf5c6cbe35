import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../shared/rules/catalog.ts';

/** The rule ids the product promises, each with its severity. */
const PROMISED = {
  'SS-MEDICARE': 'error',
  'MEDICARE-NONCOVERED': 'error',
  'MCR-HIT-HOME': 'error',
  'MCR-HIT-ONE-PER-DAY': 'error',
  'SS-BASE-CODE': 'error',
  'SD-MISSING': 'warning',
  'SD-NOT-RN': 'warning',
  'ADDON-NO-PRIMARY': 'error',
  'ADDON-SS-MISSING': 'warning',
  'SS-POS-HOME': 'warning',
  'POS-SUITE-NO-SS': 'warning',
  'PROLONGED-TIME-UNBILLED': 'warning',
  'ADDON-UNITS': 'error',
  'PERDIEM-UNITS-SPAN': 'error',
  'PERDIEM-OVERLAP': 'error',
  'PERDIEM-EXCLUSIVE': 'error',
  'PERDIEM-CONCURRENT-MOD': 'warning',
  'NURS-DUP': 'error',
  'NURS-CREDENTIAL': 'error',
  'DRUG-NDC-MISSING': 'error',
  'DRUG-NDC-FORMAT': 'error',
  'DRUG-NDC-QTY': 'error',
  'DRUG-NOC-DESC': 'error',
  'NCCI-MUE': 'error',
  'NCCI-PTP': 'error',
  'DOC-INCOMPLETE': 'warning',
  'DOC-RECORD-AUDIT': 'info',
  'SERVICE-DATE-FUTURE': 'error',
  'CODE-UNKNOWN': 'error',
  'CPT-NOT-VALIDATED': 'info',
  'CODE-RELEASE-PREDATES-CLAIM': 'info',
  'CODE-INACTIVE': 'error',
  'MODIFIER-UNKNOWN': 'error',
  'MODIFIER-INACTIVE': 'error',
  'MODIFIER-LIMIT': 'error',
  'MODIFIER-DUPLICATE': 'warning',
  'PAYER-SS-NOT-ACCEPTED': 'error',
  'PAYER-POLICY-UNKNOWN': 'warning',
  'PAYER-HOME-CARE-BENEFIT': 'info',
} as const;

describe('rule catalog', () => {
  it('holds exactly the promised rule ids with their severities', () => {
    expect(Object.fromEntries(RULES.map((r) => [r.id, r.severity]))).toEqual(PROMISED);
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });

  it.each(RULES.map((r) => [r.id, r] as const))('%s has complete metadata', (_id, rule) => {
    expect(rule.description).toMatch(/^[A-Z0-9].{20,}\.$/);
    expect(rule.description).not.toContain('\n');
    expect(rule.explanation).toMatch(/^In simple words: /);
    expect(rule.remediation.length).toBeGreaterThan(20);
    expect(rule.source.length).toBeGreaterThan(10);
  });

  it('tells Medicare the truth: SS-MEDICARE names the home-only G-codes and the way out', () => {
    const rule = RULES.find((r) => r.id === 'SS-MEDICARE');
    expect(rule?.remediation).toMatch(/G0068-G0070/);
    expect(rule?.remediation).toMatch(/G0088-G0090/);
    expect(rule?.remediation).toMatch(/home/);
    expect(rule?.remediation).toMatch(/secondary or commercial payer/);
    expect(rule?.remediation).toMatch(/advance beneficiary notice/);
  });
});

describe('docs/code-data.md rule catalog', () => {
  it('lists every rule with its severity and description', () => {
    const page = readFileSync(new URL('../../docs/code-data.md', import.meta.url), 'utf8');
    for (const rule of RULES) expect(page).toContain(`| \`${rule.id}\` | ${rule.severity} | ${rule.description} |`);
  });
});
