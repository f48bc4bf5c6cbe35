import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { generateClaims } from '../../bench/generate-claims.ts';
import { readActiveData } from '../../shared/aws/active-data.ts';
import { loadCodeData } from '../../shared/aws/code-data-loader.ts';
import { DEFAULT_NAMES } from '../../shared/aws/config.ts';
import { loadBundledCodeData, loadCodeDataFile } from '../../shared/files/code-data-files.ts';
import { loadBundledPayerPolicy } from '../../shared/files/payer-policy-files.ts';
import { scrubInput } from '../../shared/scrub/scrub.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { routedResult } from '../../shared/application/routing.ts';

const HCPCS_2019 = fileURLToPath(new URL('../../data/hcpcs/HCPC2019_CONTR_ANWEB.txt', import.meta.url));

let h: Harness;
beforeAll(async () => {
  // A short pointer TTL so the switch shows within the test; in AWS it is a minute by default.
  h = await startHarness({ activeDataTtlSeconds: 0.2 });
});
afterAll(() => h?.stop());

test('loading another release under traffic: no claim fails, is lost or doubled, and each is scrubbed wholly with one release', async () => {
  const claims = generateClaims(1_200, 11).map((c, i) => ({ ...c, claimId: `RL-${i}` }));
  const waves = Array.from({ length: 24 }, (_, i) => claims.slice(i * 50, i * 50 + 50));

  let loaded = false;
  const load = loadCodeData({
    ddb: h.stack.clients.dynamodb,
    table: DEFAULT_NAMES.codesTable,
    codes: loadCodeDataFile(HCPCS_2019),
    payers: loadBundledPayerPolicy(),
  }).then((outcome) => {
    loaded = true;
    return outcome;
  });
  // Traffic before, during and after the load and the switch.
  for (const [i, wave] of waves.entries()) {
    if (i === waves.length - 2) await load;
    await h.submit(wave);
    await sleep(loaded ? 300 : 60);
  }
  const outcome = await load;
  await h.drain();
  expect(outcome).toMatchObject({ release: 'HCPCS-2019', alreadyLoaded: false, previous: { codeRelease: 'HCPCS-2020', generation: 1 }, active: { codeRelease: 'HCPCS-2019', generation: 2 } });
  expect(await readActiveData(h.stack.clients.dynamodb, DEFAULT_NAMES.codesTable)).toMatchObject({ codeRelease: 'HCPCS-2019' });

  const out = await h.takeOutputs();
  const routed = [...out.review, ...out.clean];
  expect(routed).toHaveLength(claims.length);
  expect(new Set(routed.map((m) => m.claimId)).size).toBe(claims.length);
  expect(h.stack.eventSource.stats.failedRecords).toBe(0);

  const releases = { 'HCPCS-2020': loadBundledCodeData(), 'HCPCS-2019': loadCodeDataFile(HCPCS_2019) };
  const payers = loadBundledPayerPolicy();
  const byId = new Map(routed.map((m) => [m.claimId, m.result]));
  const used = new Set<string>();
  for (const claim of claims) {
    const result = byId.get(claim.claimId);
    const release = result?.codeRelease as keyof typeof releases;
    expect(Object.keys(releases)).toContain(release);
    used.add(release);
    expect(result, claim.claimId).toEqual(routedResult(scrubInput(claim, { codes: releases[release], payers })));
  }
  expect(used).toEqual(new Set(['HCPCS-2020', 'HCPCS-2019']));
  // The last waves, sent after the switch, all used the new release.
  for (const claim of waves.at(-1) ?? []) expect(byId.get(claim.claimId)?.codeRelease).toBe('HCPCS-2019');
});
