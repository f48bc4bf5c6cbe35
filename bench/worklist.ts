/**
 * The review worklist at 10,000 open items on the local stack: the first page of the list and one
 * claim's page through the local server (token check, the API handler, dynalite), p50 and p95, beside
 * the list read the index saves (a scan of the table sorted in memory); and the page's size gzipped.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { gzipSync } from 'node:zlib';
import { claimReferenceOf, resultKeyOf } from '../shared/application/claim-identity.ts';
import type { ListResponse } from '../shared/application/worklist/api.ts';
import { compareForList } from '../shared/application/worklist/ordering.ts';
import type { StoredItem } from '../shared/application/worklist/ports.ts';
import { DynamoWorklistStore } from '../shared/aws/worklist-store.ts';
import { claimVersion } from '../shared/intake/claim-version.ts';
import { startLocalStack } from '../local/stack.ts';
import { startLocalWorklist } from '../local/worklist.ts';
import { buildPageInMemory } from '../web/build.ts';
import { formatInt, verdict, type SummaryRow } from './summary.ts';

export const WORKLIST_ITEMS = 10_000;
export const TARGET_PAGE_P95_MS = 500;
export const TARGET_PAGE_GZIP_BYTES = 150 * 1024;
const SAMPLES = 40;
const RULES = ['SS-MEDICARE', 'SD-NOT-RN', 'ADDON-UNITS', 'DOC-INCOMPLETE', 'PAYER-POLICY-UNKNOWN', 'MODIFIER-UNKNOWN'];

export async function benchWorklist(items = WORKLIST_ITEMS): Promise<SummaryRow[]> {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  const stack = await startLocalStack({ poll: false, logLevel: 'ERROR' });
  const worklist = await startLocalWorklist(stack, { port: 0 });
  try {
    const store = new DynamoWorklistStore(stack.clients.dynamodb, stack.resources.names.worklistTable);
    const organisation = worklist.users.organisations[0];
    const user = worklist.users.users.find((u) => u.organisationId === organisation?.id);
    if (!organisation || !user) throw new Error('the local users name no organisation with a user');
    const seeded = performance.now();
    const references = await seed(store, stack.claimReferenceKey, organisation.billingNpis, items);
    console.log(`${formatInt(items)} open items written in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);

    const { token } = await worklist.server.tokens.issue(user);
    const post = (path: string, body: object) => fetch(`${worklist.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    const firstPage = await timed(SAMPLES, async () => {
      const page = (await (await post('/api/worklist/query', {})).json()) as ListResponse;
      if (page.items.length !== 50 || !page.next) throw new Error(`the first page held ${page.items.length} items`);
    });
    const filtered = await timed(SAMPLES, async () => {
      await post('/api/worklist/query', { filters: { ruleId: 'MODIFIER-UNKNOWN', medicareDenialRisk: false } });
    });
    const claimPage = await timed(SAMPLES, async (i) => {
      const response = await fetch(`${worklist.url}/api/claims/${references[(i * 97) % references.length]}`, { headers: { authorization: `Bearer ${token}` } });
      if (response.status !== 200) throw new Error(`claim page answered ${response.status}`);
      await response.json();
    });
    const counts = await timed(5, async () => {
      await post('/api/worklist/counts', {});
    });
    // The peer: the same first page without the list index, read as a scan of the whole table and sorted in memory.
    const scanned = await timed(5, async () => {
      const rows: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await stack.clients.dynamodb.send(new ScanCommand({ TableName: stack.resources.names.worklistTable, ExclusiveStartKey: start }));
        rows.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
      rows.filter((r) => r.sk === 'item').map((r) => ({ ...r, claimReference: r.reference }) as never).sort(compareForList).slice(0, 50);
    });
    const page = await buildPageInMemory();
    const gzipBytes = [...page.values()].reduce((n, file) => n + gzipSync(file.body).length, 0);

    console.log(`first page of ${formatInt(items)} open items: p50 ${firstPage.p50.toFixed(0)} ms, p95 ${firstPage.p95.toFixed(0)} ms (a scan of the table sorted in memory instead: p50 ${scanned.p50.toFixed(0)} ms)`);
    console.log(`filtered first page (rule and no risk): p50 ${filtered.p50.toFixed(0)} ms, p95 ${filtered.p95.toFixed(0)} ms; counts over all open items: p50 ${counts.p50.toFixed(0)} ms`);
    console.log(`one claim's page: p50 ${claimPage.p50.toFixed(0)} ms, p95 ${claimPage.p95.toFixed(0)} ms; the page gzipped: ${formatInt(gzipBytes / 1024)} KB`);
    return [
      { section: 'worklist', metric: `first list page, ${formatInt(items)} open (p50 ms)`, value: firstPage.p50.toFixed(0) },
      { section: 'worklist', metric: `first list page, ${formatInt(items)} open (p95 ms)`, value: firstPage.p95.toFixed(0), target: `≤ ${TARGET_PAGE_P95_MS}`, verdict: verdict(firstPage.p95 <= TARGET_PAGE_P95_MS) },
      { section: 'worklist', metric: 'peer: first page by table scan (p50 ms)', value: scanned.p50.toFixed(0) },
      { section: 'worklist', metric: 'filtered first page (p95 ms)', value: filtered.p95.toFixed(0), target: `≤ ${TARGET_PAGE_P95_MS}`, verdict: verdict(filtered.p95 <= TARGET_PAGE_P95_MS) },
      { section: 'worklist', metric: 'counts over all open items (p50 ms)', value: counts.p50.toFixed(0) },
      { section: 'worklist', metric: 'one claim page (p50 ms)', value: claimPage.p50.toFixed(0) },
      { section: 'worklist', metric: 'one claim page (p95 ms)', value: claimPage.p95.toFixed(0), target: `≤ ${TARGET_PAGE_P95_MS}`, verdict: verdict(claimPage.p95 <= TARGET_PAGE_P95_MS) },
      { section: 'worklist', metric: 'page bundle gzipped (KB)', value: formatInt(gzipBytes / 1024), target: `≤ ${formatInt(TARGET_PAGE_GZIP_BYTES / 1024)}`, verdict: verdict(gzipBytes <= TARGET_PAGE_GZIP_BYTES) },
    ];
  } finally {
    await worklist.stop();
    await stack.stop();
  }
}

/** Open items as the feed would write them: every twentieth with Medicare-denial risk, a claim body each. */
async function seed(store: DynamoWorklistStore, key: string, npis: readonly string[], count: number): Promise<string[]> {
  const references: string[] = [];
  let next = 0;
  const base = Date.parse('2026-11-01T00:00:00Z');
  const write = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      const npi = npis[i % npis.length] as string;
      const claimId = `WL-${String(i).padStart(6, '0')}`;
      const resultKey = resultKeyOf(npi, claimId);
      const reference = claimReferenceOf(key, resultKey);
      const version = claimVersion(base + i * 1_000);
      const rules = [RULES[i % RULES.length] as string, ...(i % 20 === 0 ? ['SS-MEDICARE'] : [])];
      const stored: StoredItem = {
        item: {
          resultKey,
          claimId,
          billingNpi: npi,
          claimReference: reference,
          claimVersion: version,
          deduplicationId: `bench-${i}`,
          state: 'open',
          scrubStatus: 'flagged',
          medicareDenialRisk: i % 20 === 0,
          ruleIds: [...new Set(rules)],
          payerId: i % 3 === 0 ? 'MCR-JM' : 'BVPPO',
          serviceDates: { from: '2026-10-01', to: '2026-10-02' },
          assignee: undefined,
          openedAt: new Date(base + i * 1_000).toISOString(),
          updatedAt: new Date(base + i * 1_000).toISOString(),
        },
        revision: 1,
        history: [{ claimVersion: version, at: new Date(base + i * 1_000).toISOString(), status: 'flagged', medicareDenialRisk: i % 20 === 0, ruleIds: rules }],
        audit: [{ resultKey, at: new Date(base + i * 1_000).toISOString(), by: 'scrubber', action: 'routed', claimVersion: version }],
      };
      await store.putClaimBody(reference, {
        claimVersion: version,
        claim: { claimId, payer: { id: 'BVPPO', type: 'commercial' }, patient: { memberId: `M${i}` }, billingProvider: { npi }, lines: [{ lineNumber: 1, procedureCode: 'S9500', modifiers: ['SS'], units: 1, serviceDate: '2026-10-01' }] },
        rawBody: null,
        result: { claimId, status: 'flagged', medicareDenialRisk: i % 20 === 0, codeRelease: 'HCPCS-2026', rulesetVersion: '1.2.0', scrubbedAt: new Date(base).toISOString(), findings: rules.map((ruleId) => ({ ruleId, severity: 'error', lineNumber: 1, message: `${ruleId} on line 1` })) } as never,
      });
      if ((await store.save(stored, undefined)) !== 'saved') throw new Error(`seeding ${claimId}: the item exists`);
      references.push(reference);
    }
  };
  await Promise.all(Array.from({ length: 16 }, write));
  return references;
}

async function timed(samples: number, run: (i: number) => Promise<void>): Promise<{ p50: number; p95: number }> {
  await run(0);
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await run(i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] as number;
  return { p50: at(0.5), p95: at(0.95) };
}
