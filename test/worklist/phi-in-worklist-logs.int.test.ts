import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { captureProcessOutput } from '../pipeline/support/capture-output.ts';
import { OTHER_ORGANISATION_CLAIM, startWorklistTestStack, type WorklistTestStack } from '../support/worklist-stack.ts';

// Metrics on too: their EMF lines go to stdout with the logs.
process.env.POWERTOOLS_METRICS_DISABLED = 'false';

let t: WorklistTestStack;
let output: ReturnType<typeof captureProcessOutput>;
beforeAll(async () => {
  output = captureProcessOutput();
  t = await startWorklistTestStack({ logLevel: 'DEBUG' });
}, 120_000);
afterAll(async () => {
  await t?.stop();
  vi.restoreAllMocks();
});

test('the worklist functions log no claim id, member id, name or birth date: requests by route and status, messages by id', async () => {
  const { flaggedReferences } = await t.loadExamples();
  const signIn = await fetch(`${t.url}/auth/token`, { method: 'POST', body: JSON.stringify(t.users.supervisor) });
  const { token } = (await signIn.json()) as { token: string };
  const call = (method: string, path: string, body?: object) => fetch(`${t.url}${path}`, { method, headers: { authorization: `Bearer ${token}` }, ...(body ? { body: JSON.stringify(body) } : {}) });
  await call('POST', '/api/worklist/query', { filters: { claimId: 'HI-2020-0004' } });
  for (const reference of flaggedReferences) {
    const page = (await (await call('GET', `/api/claims/${reference}`)).json()) as { item: { claimVersion: string } };
    await call('POST', `/api/claims/${reference}/actions`, { kind: 'note', claimVersion: page.item.claimVersion, note: 'Rivera called about XZW000401' });
    await call('POST', `/api/claims/${reference}/corrections`, { claimVersion: page.item.claimVersion, claim: { claimId: 'HI-2020-0004', patient: { memberId: 'XZW000401' }, lines: [] } });
  }
  // A message the feed cannot read, naming a patient: logged by its message id only.
  const { SendMessageCommand } = await import('@aws-sdk/client-sqs');
  await t.stack.clients.sqs.send(new SendMessageCommand({ QueueUrl: t.stack.resources.reviewQueueUrl, MessageBody: '{"claimId":"HI-2020-0004","patient":{"lastName":"Rivera"' }));
  await expect.poll(() => output.text(), { timeout: 10_000 }).toContain('routed message not applied to the worklist');

  const text = output.text();
  expect(text).toContain('"service":"worklist-api"');
  expect(text).toContain('"route":"POST /api/claims/{reference}/actions"');
  const claimIds = ['HI-2020-0003', 'HI-2020-0004', 'HI-2020-0005', 'HI-2020-0007', OTHER_ORGANISATION_CLAIM.claimId];
  for (const value of ['XZW000401', 'Rivera', 'RIVERA', 'Dana', '1961-07-14', ...claimIds]) expect(text, value).not.toContain(value);
});
