import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { claimInput, line } from './support/claims.ts';
import { ScriptedFaults } from './support/faults.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { captureProcessOutput } from './support/capture-output.ts';

// Metrics on too: their EMF lines go to stdout with the logs and must be as clean.
process.env.POWERTOOLS_METRICS_DISABLED = 'false';

const PHI = { memberId: 'MBR-PHI-775533', firstName: 'Philippa', lastName: 'Quackenbush', birthDate: '1941-07-29' };
const phiClaim = (claimId: string, extra: object = {}) => ({ ...claimInput({ claimId, patient: PHI }), ...extra });

let h: Harness;
let output: ReturnType<typeof captureProcessOutput>;
beforeAll(async () => {
  output = captureProcessOutput();
  h = await startHarness({ logLevel: 'DEBUG', faults: new ScriptedFaults().crash('PHI-CRASH', 'committed') });
});
afterAll(async () => {
  await h?.stop();
  vi.restoreAllMocks();
});

test('no member id, name, birth date or claim id reaches the logs, whatever happens to the claim: claims are named by their reference', async () => {
  await h.submit([
    phiClaim('PHI-CLEAN'),
    phiClaim('PHI-MEDICARE', { payer: { id: 'MCR-JM', type: 'medicare' }, lines: [line(1, 'S9500', { modifiers: ['SS'] })] }),
    // Rejected: the contract error names the bad field, never its value.
    phiClaim('PHI-BAD-DATE', { patient: { ...PHI, birthDate: '1941-02-30' } }),
    phiClaim('PHI-CRASH'),
    { body: `{"claimId":"PHI-NOTJSON","patient":{"memberId":"${PHI.memberId}","lastName":"${PHI.lastName}"`, claimId: 'PHI-NOTJSON' },
  ]);
  await h.drain();
  const out = await h.takeOutputs();
  // The claims really went through (and the crash really was logged), so the logs had every chance to leak.
  expect(out.review.length + out.clean.length).toBe(5);
  const medicare = [...out.review, ...out.clean].find((m) => m.claimId === 'PHI-MEDICARE');
  expect(output.text()).toContain(`"claimReference":"${medicare?.claimReference}"`);
  expect(output.text()).toContain('injected crash at committed');
  expect(output.text()).toContain('"_aws"');

  const claimIds = ['PHI-CLEAN', 'PHI-MEDICARE', 'PHI-BAD-DATE', 'PHI-CRASH', 'PHI-NOTJSON'];
  for (const value of [PHI.memberId, PHI.firstName, PHI.lastName, PHI.birthDate, '1941-02-30', ...claimIds]) expect(output.text()).not.toContain(value);
  // The alert leaves the PHI-protected queues for email or chat: it must be as clean as the logs.
  expect(out.alerts).toHaveLength(1);
  expect(JSON.stringify(out.alerts.map(({ claimId: _resolvedByTheHarness, ...alert }) => alert))).not.toMatch(
    new RegExp([PHI.memberId, PHI.firstName, PHI.lastName, PHI.birthDate, ...claimIds].join('|')),
  );
});
