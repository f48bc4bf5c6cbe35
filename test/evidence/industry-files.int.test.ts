import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ScrubResult } from '../../shared/claim/result.ts';
import { FHIR_OUTCOMES } from '../formats/fhir-outcomes.ts';
import { X12_OUTCOMES } from '../formats/x12-outcomes.ts';
import { scrubWithCli, startInboxHarness, type InboxHarness } from '../support/inbox-harness.ts';

/**
 * The home-infusion and public 837P/FHIR fixtures, pinned per claim in test/formats/*-outcomes.ts by
 * the readers' tests, come out the same through the two other ways in: `claim-scrubber scrub`, and the
 * S3 inbox → intake-files function → intake queue → scrub function → review/clean queues.
 */
interface PinnedOutcome {
  file: string;
  claimId: string | null;
  status: string;
  ruleIds: string[];
}
const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
/** The X12 table names files alone (in x12/ or x12-samples/), the FHIR table by their path under test/fixtures/. */
function fixturePath(file: string): string {
  const candidates = [join(FIXTURES, file), join(FIXTURES, 'x12', file), join(FIXTURES, 'x12-samples', file)];
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error(`no fixture ${file}`);
  return found;
}
const PINNED: PinnedOutcome[] = [...X12_OUTCOMES, ...FHIR_OUTCOMES].map((o) => ({ ...o, file: fixturePath(o.file) }));
const FILES = [...new Set(PINNED.map((o) => o.file))];
/** test.each's names: the path under test/fixtures/. */
const CASES = FILES.map((file) => ({ name: file.slice(FIXTURES.length + 1), file }));

/** Rule ids as a set: the tables write some with their line (`SS-MEDICARE@1`) or once per line. */
const ruleSet = (ids: readonly string[]) => [...new Set(ids.map((id) => id.replace(/@\d+$/, '')))].sort();
const expected = (file: string) =>
  PINNED.filter((o) => o.file === file)
    .map((o) => [o.claimId, o.status, ruleSet(o.ruleIds)])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
const seen = (results: ReadonlyArray<Pick<ScrubResult, 'claimId' | 'status'> & { findings: ReadonlyArray<{ ruleId: string }> }>) =>
  results.map((r) => [r.claimId, r.status, ruleSet(r.findings.map((f) => f.ruleId))]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));

describe('pinned outcomes of the industry fixtures through claim-scrubber scrub', () => {
  test.each(CASES)('$name', async ({ file }) => {
    expect(seen(await scrubWithCli(file))).toEqual(expected(file));
  });
});

describe('pinned outcomes of the industry fixtures through the S3 inbox and the pipeline', () => {
  let inbox: InboxHarness;
  beforeAll(async () => {
    inbox = await startInboxHarness();
  });
  afterAll(() => inbox?.stop());

  test.each(CASES)('$name', async ({ file }) => {
    const { h } = inbox;
    // The same claim in two files would be skipped the second time as already routed: start each file afresh.
    await h.forgetResults(PINNED.filter((o) => o.file === file).flatMap((o) => (o.claimId ? [o.claimId] : [])));
    expect(await inbox.handIn(file.split('/').slice(-2).join('_'), readFileSync(file))).toBe(true);
    await h.drain();
    const out = await h.takeOutputs();
    const routed = [...out.review, ...out.clean].map((m) => ({ ...m.result, claimId: m.result.claimId }));
    expect(seen(routed)).toEqual(expected(file));
  });
});
