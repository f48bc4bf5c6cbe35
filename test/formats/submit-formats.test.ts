import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { submitCommand } from '../../cli/commands/submit.ts';
import { startHarness, type Harness } from '../pipeline/support/harness.ts';
import { FHIR_FIXTURES, X12_FIXTURES } from './read-file.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

async function submit(args: string[]): Promise<{ code: number; errors: string[] }> {
  const errors: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
  try {
    const code = await submitCommand([...args, '--endpoint-url', h.stack.sqsSns.url, '--queue', 'claims-intake']);
    return { code, errors };
  } finally {
    vi.restoreAllMocks();
  }
}

// The local stack's intake queue and scrub function: the same path `npm start -- --serve` uses.
describe('claim-scrubber submit with X12 and FHIR files', () => {
  test('sends each 837P claim as a claim event; the pipeline routes them by their findings', async () => {
    const { code, errors } = await submit([join(X12_FIXTURES, 'x12_home_infusion_claims.txt')]);
    expect(code).toBe(0);
    expect(errors.at(-1)).toMatch(/^Sent 5 of 5 claims to .*claims-intake$/);
    await h.drain();
    const out = await h.takeOutputs();
    expect(out.clean.map((m) => m.claimId).sort()).toEqual(['HI-X12-0001', 'HI-X12-0004']);
    expect(out.review.map((m) => [m.claimId, m.result.status]).sort()).toEqual([
      ['HI-X12-0002', 'flagged'],
      ['HI-X12-0003', 'flagged'],
      ['HI-X12-0005', 'flagged'],
    ]);
    expect(out.alerts.map((a) => a.claimId)).toEqual(['HI-X12-0002']);
  });

  test('does not send claims the X12 reader rejected: lists them with their position and exits 1', async () => {
    const { code, errors } = await submit([join(X12_FIXTURES, 'x12_home_infusion_rejects.txt')]);
    expect(code).toBe(1);
    expect(errors.at(-1)).toMatch(/^Sent 3 of 3 claims to .*claims-intake; 4 rejected while reading the file, not sent$/);
    expect(errors).toContain(
      '  X12 interchange ISA13 000000201, group GS06 201, transaction ST02 0001, claim CLM01 HI-X12-0102 at segment 20 of the transaction (segment 22 of the file) was not sent: line 1 DTP*472 (segment 22): the service date is required',
    );
    await h.drain();
    const out = await h.takeOutputs();
    // HI X12/0104 (a CLM01 with a space and a slash) and HI-X12-0106 map, so they are sent; the
    // contract rejects their impossible birth date in the pipeline. HI-X12-0101's status is the rules' (x12-outcomes.ts).
    expect(out.review.map((m) => [m.claimId, m.result.status]).filter(([id]) => id !== 'HI-X12-0101').sort()).toEqual([
      ['HI X12/0104', 'rejected'],
      ['HI-X12-0106', 'rejected'],
    ]);
  });

  test('sends the Claims of a FHIR Bundle', async () => {
    const { code } = await submit([join(FHIR_FIXTURES, 'bundle-claims.json')]);
    expect(code).toBe(1);
    await h.drain();
    const out = await h.takeOutputs();
    expect(out.review.map((m) => m.claimId).sort()).toEqual(['HI-FHIR-0101', 'HI-FHIR-0102']);
  });

  test('a malformed X12 envelope sends nothing: exit 2', async () => {
    const { code, errors } = await submit([join(X12_FIXTURES, 'x12_no_isa_line.txt')]);
    expect(code).toBe(2);
    expect(errors[0]).toMatch(/no ISA at the start of the file: X12 data must begin with an ISA interchange header/);
  });
});
