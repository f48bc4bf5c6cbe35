import { readdirSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { claimReferenceOf, resultKeyOf, submitterNpiOf } from '../../shared/application/claim-identity.ts';
import { MESSAGE_TRACKING_PREFIX } from '../../shared/application/intake-record.ts';
import { ingestClaimsFile, type SentClaim } from '../../shared/application/ingest-file.ts';
import { sendToIntake } from '../../shared/aws/intake.ts';
import { readResults } from '../../shared/aws/results-table.ts';
import { DynamoWorklistStore } from '../../shared/aws/worklist-store.ts';
import { claimMessage } from '../../shared/intake/claim-message.ts';
import { claimVersion } from '../../shared/intake/claim-version.ts';
import { waitUntilDrained } from '../../local/outputs.ts';
import { startLocalStack, type LocalStack } from '../../local/stack.ts';
import { startLocalWorklist, type LocalWorklist } from '../../local/worklist.ts';
import type { LocalUser } from '../../local/worklist-users.ts';

type Credentials = { username: string; password: string };

export interface WorklistTestStack {
  /** Page at '/', API at '/api/…', sign-in at '/auth/token'. */
  url: string;
  users: { reviewer: Credentials; supervisor: Credentials; otherOrganisation: Credentials };
  stack: LocalStack;
  worklist: LocalWorklist;
  store: DynamoWorklistStore;
  /** Hands the project's example claims in, and one flagged claim of the other organisation, and waits until the worklist holds every flagged one. */
  loadExamples(): Promise<{ flaggedReferences: string[]; otherOrganisationReference: string }>;
  /** Waits until the worklist item of this reference satisfies `done` (the feed is asynchronous, as in AWS). */
  waitForItem(reference: string, done: (item: { claimVersion: string; state: string } | undefined) => boolean, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** A flagged claim of the second organisation (Lakeside, NPI 1902000003): the first organisation must never see it. */
export const OTHER_ORGANISATION_CLAIM = {
  claimId: 'LK-2020-0001',
  payer: { id: 'NO-SUCH-PAYER', type: 'commercial' },
  patient: { memberId: 'LK000101', firstName: 'Sam', lastName: 'Okafor' },
  billingProvider: { npi: '1902000003', name: 'Lakeside Infusion Partners' },
  lines: [{ lineNumber: 1, procedureCode: 'S9500', modifiers: ['SS'], units: 1, serviceDate: '2020-03-02' }],
};

/** The local stack with the worklist, in memory, on free ports: one per test file. */
export async function startWorklistTestStack(options: { logLevel?: string } = {}): Promise<WorklistTestStack> {
  const stack = await startLocalStack({ dynamodbPort: 0, sqsPort: 0, logLevel: options.logLevel ?? 'ERROR', waitTimeSeconds: 1, batchingWindowSeconds: 0.25 });
  let worklist: LocalWorklist;
  try {
    worklist = await startLocalWorklist(stack, { port: 0 });
  } catch (error) {
    await stack.stop();
    throw error;
  }
  const store = new DynamoWorklistStore(stack.clients.dynamodb, stack.resources.names.worklistTable);
  const user = (name: string): Credentials => {
    const found = worklist.users.users.find((u: LocalUser) => u.username === name);
    if (!found) throw new Error(`no local user ${name}`);
    return { username: found.username, password: found.password };
  };
  const waitForItem: WorklistTestStack['waitForItem'] = async (reference, done, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const stored = await store.get(reference);
      if (done(stored?.item)) return;
      if (Date.now() > deadline) throw new Error(`the worklist item ${reference} did not reach the expected state in ${timeoutMs} ms (now ${JSON.stringify(stored?.item ?? null)})`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  return {
    url: worklist.url,
    users: { reviewer: user('biller'), supervisor: user('supervisor'), otherOrganisation: user('lakeside-biller') },
    stack,
    worklist,
    store,
    waitForItem,
    async loadExamples() {
      const sent: SentClaim[] = [];
      for (const name of readdirSync('examples').filter((n) => /\.(json|ndjson)$/.test(n)).sort()) {
        const handle = await open(join('examples', name), 'r');
        await ingestClaimsFile(handle.createReadStream({ autoClose: false }), {
          file: basename(name),
          send: (messages) => sendToIntake(stack.clients.sqs, stack.resources.intakeQueueUrl, messages),
          readerRejections: 'send',
          onSent: (claims) => sent.push(...claims),
        }).finally(() => handle.close());
      }
      const other = claimMessage({ kind: 'claim', index: 0, claimId: OTHER_ORGANISATION_CLAIM.claimId, claim: OTHER_ORGANISATION_CLAIM, position: { format: 'json', index: 0 } }, 'lakeside.json', claimVersion(new Date()));
      await sendToIntake(stack.clients.sqs, stack.resources.intakeQueueUrl, [other]);
      await waitUntilDrained(stack.clients.sqs, stack.resources.intakeQueueUrl, stack.eventSource);
      const keys = sent.map((s) => resultKeyOf(submitterNpiOf(s.item.kind === 'claim' ? s.item.claim : undefined), s.message.claimId ?? `${MESSAGE_TRACKING_PREFIX}${s.messageId}`));
      const rows = await readResults(stack.clients.dynamodb, stack.resources.names.resultsTable, keys);
      const ours = new Set(worklist.users.organisations.find((o) => o.id === 'riverbend')?.billingNpis ?? []);
      const flaggedReferences = [...rows.values()]
        .filter((row) => row.destination === 'review' && row.billingNpi !== null && ours.has(row.billingNpi))
        .map((row) => claimReferenceOf(stack.claimReferenceKey, row.resultKey));
      const otherOrganisationReference = claimReferenceOf(stack.claimReferenceKey, resultKeyOf(OTHER_ORGANISATION_CLAIM.billingProvider.npi, OTHER_ORGANISATION_CLAIM.claimId));
      for (const reference of [...flaggedReferences, otherOrganisationReference]) await waitForItem(reference, (item) => item !== undefined);
      return { flaggedReferences, otherOrganisationReference };
    },
    async stop() {
      await worklist.stop();
      await stack.stop();
    },
  };
}
