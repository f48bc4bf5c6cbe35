import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitClaimsDocument } from '../shared/formats/json/split-claims-document.ts';
import type { ScrubResult } from '../shared/claim/result.ts';
import { RULES } from '../shared/rules/catalog.ts';
import { rejectedResult, scrubInput } from '../shared/scrub/scrub.ts';
import { scrubData } from './support/scrub-data.ts';

const EXAMPLES = join(import.meta.dirname, '..', 'examples');

function scrubExamples(): ScrubResult[] {
  const data = scrubData();
  return readdirSync(EXAMPLES)
    .filter((f) => /\.(json|ndjson)$/.test(f))
    .sort()
    .flatMap((file) =>
      splitClaimsDocument(readFileSync(join(EXAMPLES, file), 'utf8')).map((item) =>
        item.parseError === undefined ? scrubInput(item.value, data) : rejectedResult(null, [{ path: '', message: item.parseError }], data),
      ),
    );
}

/** What each example claim is there to show: its status and its findings as rule@line. */
const EXPECTED: [string | null, ScrubResult['status'], string[]][] = [
  ['HI-2020-0001', 'clean', []],
  ['HI-2020-0002', 'clean', ['PAYER-HOME-CARE-BENEFIT']],
  ['HI-2020-0003', 'flagged', ['MEDICARE-NONCOVERED@1', 'SS-MEDICARE@1', 'SS-MEDICARE@2', 'ADDON-UNITS@3', 'SS-MEDICARE@3', 'SD-MISSING@2', 'SD-MISSING@3']],
  ['HI-2020-0004', 'flagged', ['DOC-INCOMPLETE', 'SD-NOT-RN@1', 'SS-POS-HOME@1', 'ADDON-SS-MISSING@2']],
  ['HI-2020-0005', 'flagged', ['SS-BASE-CODE@2', 'ADDON-NO-PRIMARY@3', 'PROLONGED-TIME-UNBILLED@1']],
  // S9501 and S9500 are two antibiotic per diems on one day: the second needs SH.
  ['HI-2020-0006', 'flagged', ['CODE-UNKNOWN@2', 'CODE-INACTIVE@3', 'MODIFIER-INACTIVE@4', 'MODIFIER-LIMIT@5', 'MODIFIER-UNKNOWN@5', 'MODIFIER-DUPLICATE@1', 'PERDIEM-CONCURRENT-MOD@4']],
  ['HI-2020-0007', 'flagged', ['PAYER-SS-NOT-ACCEPTED@1']],
  ['HI-2020-0008', 'flagged', ['PAYER-POLICY-UNKNOWN']],
  ['HI-2020-0009', 'rejected', ['CLAIM-INVALID']],
  [null, 'rejected', ['CLAIM-INVALID']],
  ['HI-2026-0011', 'clean', ['CODE-RELEASE-PREDATES-CLAIM', 'DOC-RECORD-AUDIT', 'CPT-NOT-VALIDATED@3', 'CPT-NOT-VALIDATED@3']],
  ['HI-2026-0012', 'flagged', ['SERVICE-DATE-FUTURE@1']],
  // Per diems, drugs and nursing: two therapies billed right, then the usual denials.
  ['HI-2020-0013', 'clean', []],
  ['HI-2020-0014', 'flagged', ['PERDIEM-UNITS-SPAN@1', 'DRUG-NDC-FORMAT@3', 'DRUG-NOC-DESC@4', 'NURS-DUP@6', 'PERDIEM-CONCURRENT-MOD@2']],
  ['HI-2020-0015', 'flagged', ['PERDIEM-EXCLUSIVE@2', 'PERDIEM-EXCLUSIVE@3', 'PERDIEM-OVERLAP@3', 'DRUG-NDC-MISSING@4', 'DRUG-NDC-QTY@5']],
  ['HI-2020-0016', 'flagged', ['MCR-HIT-ONE-PER-DAY@2', 'MCR-HIT-HOME@3', 'SS-BASE-CODE@3', 'SS-MEDICARE@3', 'DOC-RECORD-AUDIT']],
  ['HI-2020-0017', 'flagged', ['NURS-CREDENTIAL@2', 'NURS-CREDENTIAL@3', 'POS-SUITE-NO-SS@1', 'POS-SUITE-NO-SS@2']],
];

/**
 * Rules that read data an operator loads (the CMS NCCI tables, which the project never ships, see
 * docs/code-data.md) say nothing on the examples; test/evidence/denial-rules.int.test.ts shows them on synthetic tables.
 */
const NEEDS_LOADED_DATA = new Set(RULES.filter((rule) => rule.needsLoadedData !== undefined).map((rule) => rule.id));

describe('examples/', () => {
  const results = scrubExamples();

  it('every example claim scrubs to the findings it is there to show', () => {
    const actual = results.map((r) => [r.claimId, r.status, r.findings.map((f) => (f.lineNumber ? `${f.ruleId}@${f.lineNumber}` : f.ruleId))]);
    expect(actual).toEqual(EXPECTED);
  });

  it('leaves out of that count only the rules that need loaded data', () => {
    expect([...NEEDS_LOADED_DATA]).toEqual(['NCCI-MUE', 'NCCI-PTP']);
  });

  it('between them, the examples fire every rule in the catalog that needs no loaded data, and CLAIM-INVALID', () => {
    const fired = new Set(results.flatMap((r) => r.findings.map((f) => f.ruleId)));
    expect([...fired].sort()).toEqual([...RULES.map((r) => r.id).filter((id) => !NEEDS_LOADED_DATA.has(id)), 'CLAIM-INVALID'].sort());
  });

  it('only the Medicare examples carry denial risk', () => {
    expect(results.filter((r) => r.medicareDenialRisk).map((r) => r.claimId)).toEqual(['HI-2020-0003', 'HI-2020-0016']);
  });
});
