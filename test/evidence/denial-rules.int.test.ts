import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import { EVIDENCE_DIR, EVIDENCE_SETS, evidenceForms } from '../../scripts/write-evidence-fixtures.ts';
import { loadNcciData } from '../../shared/aws/code-data-loader.ts';
import { DEFAULT_NAMES } from '../../shared/aws/config.ts';
import type { ClaimInput } from '../../shared/claim/contract.ts';
import type { ScrubResult } from '../../shared/claim/result.ts';
import { loadNcciFiles } from '../../shared/files/ncci-files.ts';
import { scrubWithCli, startInboxHarness, type InboxHarness } from '../support/inbox-harness.ts';

/**
 * The per-diem, drug, nursing, Medicare HIT and place-of-service rules on one evidence claim each
 * (test/fixtures/denials/claims.json), in our JSON, as an 837P and as a FHIR Bundle, pinned to status
 * and findings (rule/severity@line) through `claim-scrubber scrub` and through the S3 inbox and the
 * pipeline. The 837P and FHIR files are written from the JSON by scripts/write-evidence-fixtures.ts.
 * The NCCI rules need CMS's tables, which the project never ships: their claims (ncci-claims.*) run
 * with the synthetic tables of test/fixtures/ncci loaded, by `scrub --ncci-mue/--ncci-ptp` and by the
 * code-table loader, and come out clean of NCCI findings without them.
 */
type Outcome = [claimId: string, status: ScrubResult['status'], findings: string[]];

const EXPECTED: Outcome[] = [
  // Two therapies done right: a per diem a day over the span, the second with SH, the drugs with their NDC, the visit.
  ['DN-0001', 'clean', []],
  ['DN-0002', 'flagged', ['PERDIEM-UNITS-SPAN/error@1']],
  ['DN-0003', 'flagged', ['PERDIEM-OVERLAP/error@2']],
  ['DN-0004', 'flagged', ['PERDIEM-CONCURRENT-MOD/warning@2']],
  ['DN-0005', 'flagged', ['PERDIEM-EXCLUSIVE/error@2']],
  ['DN-0006', 'flagged', ['POS-SUITE-NO-SS/warning@1', 'POS-SUITE-NO-SS/warning@2']],
  // Medicaid requires the NDC (ndcRequired by default): an error.
  ['DN-0007', 'flagged', ['DRUG-NDC-MISSING/error@2']],
  ['DN-0008', 'flagged', ['DRUG-NDC-FORMAT/error@2']],
  ['DN-0009', 'flagged', ['DRUG-NDC-QTY/error@2']],
  ['DN-0010', 'flagged', ['DRUG-NOC-DESC/error@2']],
  ['DN-0011', 'flagged', ['NURS-DUP/error@2']],
  ['DN-0012', 'flagged', ['NURS-CREDENTIAL/error@1']],
  ['DN-0013', 'flagged', ['MCR-HIT-HOME/error@1']],
  ['DN-0014', 'flagged', ['MCR-HIT-ONE-PER-DAY/error@2']],
  // An LPN's visit to a payer that bars LPN nursing (lpnNursingAllowed false).
  ['DN-0015', 'flagged', ['NURS-CREDENTIAL/error@2']],
  // A drug without NDC: a warning to a commercial plan, an error to one that requires NDCs (ndcRequired true).
  ['DN-0016', 'flagged', ['DRUG-NDC-MISSING/warning@2']],
  ['DN-0017', 'flagged', ['DRUG-NDC-MISSING/error@2']],
  // A payer that wants 59 beside SH on a concurrent therapy (concurrentModifiers ["SH", "SJ", "59"]).
  ['DN-0018', 'flagged', ['PERDIEM-CONCURRENT-MOD/warning@2']],
  // Five per-diem units over seven days: right for a payer counting therapy days, a warning where every day counts.
  ['DN-0019', 'clean', []],
  ['DN-0020', 'flagged', ['PERDIEM-UNITS-SPAN/warning@1']],
];

/**
 * Where a format cannot carry what the JSON says, with the outcome it gives instead. FHIR R4 carries
 * the nurse's credential on visit lines only (docs/formats.md), so an LPN on an hourly S9123 line is
 * not seen there.
 */
const FORMAT_DIFFERENCES: Record<string, Outcome[]> = {
  'claims.fhir.json': [['DN-0012', 'clean', []]],
};

const NCCI_EXPECTED: Outcome[] = [
  // Medicaid's table: 99602 twice on one day over a date-of-service policy limit (MAI 2).
  ['DN-0101', 'flagged', ['NCCI-MUE/error@3']],
  // Medicare's table: 99601 with 96366, a pair no modifier opens (indicator 0).
  ['DN-0102', 'flagged', ['NCCI-PTP/error@2']],
  // A commercial plan that follows NCCI (followsNcci true): one line over a line limit (MAI 1).
  ['DN-0103', 'flagged', ['NCCI-MUE/warning@2']],
  // The same line to a plan that does not follow NCCI.
  ['DN-0104', 'clean', []],
  // A pair open with a modifier (indicator 1) that carries 59.
  ['DN-0105', 'clean', []],
];
const NCCI_TABLES = ['MCR_MUE_PractitionerServices_Eff_07-01-2026.csv', 'MCD_MUE_PractitionerServices_Eff_07-01-2026.csv', 'ccipra-v322r0-f1.txt'].map((name) =>
  join(import.meta.dirname, '..', 'fixtures', 'ncci', name),
);
const NCCI_OPTIONS = NCCI_TABLES.flatMap((path) => [path.endsWith('.txt') ? '--ncci-ptp' : '--ncci-mue', path]);

const FILES = ['claims.json', 'claims.x12', 'claims.fhir.json'];
const NCCI_FILES = ['ncci-claims.json', 'ncci-claims.x12', 'ncci-claims.fhir.json'];
const CLAIMS = JSON.parse(readFileSync(join(EVIDENCE_DIR, 'claims.json'), 'utf8')) as ClaimInput[];
const NCCI_CLAIMS = JSON.parse(readFileSync(join(EVIDENCE_DIR, 'ncci-claims.json'), 'utf8')) as ClaimInput[];

function expectedFor(file: string): Outcome[] {
  const differences = new Map((FORMAT_DIFFERENCES[file] ?? []).map((o) => [o[0], o]));
  return EXPECTED.map((o) => differences.get(o[0]) ?? o);
}

interface Scrubbed {
  claimId: string | null;
  status: ScrubResult['status'];
  findings: ReadonlyArray<{ ruleId: string; severity: string; lineNumber?: number }>;
}

const outcomeOf = (result: Scrubbed): Outcome => [
  String(result.claimId),
  result.status,
  result.findings.filter((f) => f.severity !== 'info').map((f) => `${f.ruleId}/${f.severity}${f.lineNumber ? `@${f.lineNumber}` : ''}`),
];
const sorted = (outcomes: Outcome[]) => [...outcomes].sort((a, b) => a[0].localeCompare(b[0]));

describe('the evidence claims', () => {
  it.each(EVIDENCE_SETS)('%s in 837P and FHIR are what scripts/write-evidence-fixtures.ts writes from the JSON (run `npm run fixtures:evidence`)', (set) => {
    const forms = evidenceForms(JSON.parse(readFileSync(join(EVIDENCE_DIR, `${set}.json`), 'utf8')) as ClaimInput[]);
    expect(readFileSync(join(EVIDENCE_DIR, `${set}.x12`), 'utf8')).toBe(forms.x12);
    expect(readFileSync(join(EVIDENCE_DIR, `${set}.fhir.json`), 'utf8')).toBe(forms.fhir);
  });

  it('cover every claim of the JSON files, one outcome each', () => {
    expect(EXPECTED.map((o) => o[0])).toEqual(CLAIMS.map((c) => c.claimId));
    expect(NCCI_EXPECTED.map((o) => o[0])).toEqual(NCCI_CLAIMS.map((c) => c.claimId));
  });
});

describe('the per-diem, drug, nursing, HIT and POS rules through claim-scrubber scrub', () => {
  test.each(FILES)('%s', async (file) => {
    expect(sorted((await scrubWithCli(join(EVIDENCE_DIR, file))).map(outcomeOf))).toEqual(sorted(expectedFor(file)));
  });
});

describe('the NCCI rules through claim-scrubber scrub --ncci-mue/--ncci-ptp', () => {
  test.each(NCCI_FILES)('%s, with the synthetic tables', async (file) => {
    expect(sorted((await scrubWithCli(join(EVIDENCE_DIR, file), NCCI_OPTIONS)).map(outcomeOf))).toEqual(sorted(NCCI_EXPECTED));
  });

  it('without tables the NCCI rules say nothing', async () => {
    const results = await scrubWithCli(join(EVIDENCE_DIR, 'ncci-claims.json'));
    expect(results.flatMap((r) => r.findings.map((f) => f.ruleId)).filter((id) => id.startsWith('NCCI-'))).toEqual([]);
  });
});

describe('the rules through the S3 inbox and the pipeline', () => {
  let inbox: InboxHarness;
  beforeAll(async () => {
    // The NCCI tables loaded mid-test reach the scrubber once it re-reads the active pointer: after a second here.
    inbox = await startInboxHarness({ activeDataTtlSeconds: 1 });
  });
  afterAll(() => inbox?.stop());

  test.each(FILES)('%s', async (file) => {
    const { h } = inbox;
    // The same claims come in three files: forget the last file's results so each is scrubbed afresh.
    await h.forgetResults(CLAIMS.map((c) => c.claimId));
    expect(await inbox.handIn(`denials-${file}`, readFileSync(join(EVIDENCE_DIR, file)))).toBe(true);
    await h.drain();
    const out = await h.takeOutputs();
    const routed = [...out.review, ...out.clean].map((m) => m.result);
    expect(sorted(routed.map(outcomeOf))).toEqual(sorted(expectedFor(file)));
    // Flagged claims go to review, clean ones on; the Medicare HIT findings raise the denial risk.
    expect(out.review.map((m) => m.result.claimId).sort()).toEqual(expectedFor(file).filter((o) => o[1] === 'flagged').map((o) => o[0]).sort());
    expect(routed.filter((r) => r.medicareDenialRisk).map((r) => r.claimId).sort()).toEqual(['DN-0013', 'DN-0014']);
  });

  test('the NCCI rules, once the synthetic tables are loaded into the code table as an operator loads CMS\'s', async () => {
    const { h } = inbox;
    const outcome = await loadNcciData({ ddb: h.stack.clients.dynamodb, table: DEFAULT_NAMES.codesTable, ncci: loadNcciFiles({ mue: NCCI_TABLES.slice(0, 2), ptp: NCCI_TABLES.slice(2) }) });
    expect(outcome.active?.ncciTables).toEqual({ mue: ['medicare', 'medicaid'], ptp: ['medicare'] });
    await sleep(1_500);
    for (const file of NCCI_FILES) {
      await h.forgetResults(NCCI_CLAIMS.map((c) => c.claimId));
      expect(await inbox.handIn(`denials-${file}`, readFileSync(join(EVIDENCE_DIR, file)))).toBe(true);
      await h.drain();
      const out = await h.takeOutputs();
      expect(sorted([...out.review, ...out.clean].map((m) => outcomeOf(m.result))), file).toEqual(sorted(NCCI_EXPECTED));
    }
  });
});
