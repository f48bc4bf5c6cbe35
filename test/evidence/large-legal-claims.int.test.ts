import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { validateClaim } from '../../shared/claim/validate.ts';
import { claimInput, line } from '../support/claims.ts';
import { runNode } from '../support/run-node.ts';

const dir = mkdtempSync(join(tmpdir(), 'large-claims-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A legal Medicare claim at the contract's bounds for lines: 50 lines, four modifiers each, so a finding or more per line and modifier. */
function largeMedicareClaim(claimId: string) {
  const lines = Array.from({ length: 50 }, (_, i) => line(i + 1, i % 2 === 0 ? 'S9500' : 'S9999', { modifiers: ['SS', 'SD', 'ZZ', 'KX'] }));
  return claimInput({ claimId, payer: { id: 'MCR-JM', type: 'medicare' }, lines });
}

test('npm start routes every claim of a file of large legal claims: 20 of 50 lines and 4 modifiers each, 10 small ones, one alert per Medicare claim', async () => {
  const claims = [
    ...Array.from({ length: 20 }, (_, i) => largeMedicareClaim(`LG-${String(i).padStart(2, '0')}`)),
    ...Array.from({ length: 10 }, (_, i) => claimInput({ claimId: `SM-${String(i).padStart(2, '0')}` })),
  ];
  for (const claim of claims) expect(validateClaim(claim).ok, claim.claimId).toBe(true);
  const file = join(dir, 'large.ndjson');
  writeFileSync(file, `${claims.map((c) => JSON.stringify(c)).join('\n')}\n`);

  const started = Date.now();
  const run = await runNode(['--disable-warning=ExperimentalWarning', 'local/start.ts', file, '--in-memory', '--dynamodb-port', '0', '--sqs-port', '0']);
  const seconds = (Date.now() - started) / 1000;
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toMatch(/30 claims: 10 clean 20 flagged 0 rejected · 20 with Medicare denial risk/);
  expect(run.stdout).toContain('Alerts raised on medicare-denial-alerts: 20');
  expect(run.stdout).not.toContain('NOT SCRUBBED');
  // Once 10 of 30 were routed after 96 s (a batch refused whole, retried until its budget ran out).
  expect(seconds).toBeLessThan(60);
}, 120_000);
