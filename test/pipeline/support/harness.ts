import type { Message } from '@aws-sdk/client-sqs';
import { DeleteCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { RESULTS_PARTITION_KEY } from '../../../shared/aws/table-schemas.ts';
import type { RoutedResult } from '../../../shared/application/routing.ts';
import { sendToIntake } from '../../../shared/aws/intake.ts';
import type { ClaimMessage } from '../../../shared/intake/claim-message.ts';
import type { StoredResult } from '../../../shared/application/stored-result.ts';
import { receiveAll, waitUntilDrained } from '../../../local/outputs.ts';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../../local/stack.ts';
import type { ScrubPorts } from '../../../shared/application/ports.ts';
import { withFaults, type FaultPlan } from '../../support/port-faults.ts';

// EMF lines on stdout would bury test output; the PHI test turns them back on to inspect them.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

export interface RoutedMessage {
  claimId: string;
  billingNpi: string | null;
  claimVersion: string;
  deduplicationId: string;
  claimReference: string;
  intakeMessageId: string;
  claim?: unknown;
  rawBody?: string;
  result: RoutedResult;
  attributes: Record<string, string>;
}

export interface AlertMessage {
  alert: string;
  claimReference: string;
  deduplicationId: string;
  /**
   * Not in the alert (it names no claim id): the claim whose routed message carried the same
   * deduplication id, found by the harness for the tests' assertions.
   */
  claimId: string | undefined;
  ruleIds: string[];
  lineNumbers: number[];
  text: string;
}

export interface Outputs {
  review: RoutedMessage[];
  clean: RoutedMessage[];
  alerts: AlertMessage[];
  /** Raw DLQ messages: the intake message as it was sent. */
  dlq: Message[];
}

export interface Harness {
  stack: LocalStack;
  /** Sends claims (objects are JSON-encoded and tagged with their claimId); returns the message ids. */
  submit(claims: ReadonlyArray<ClaimMessage | object>): Promise<string[]>;
  drain(timeoutMs?: number): Promise<void>;
  /** Takes everything off the output queues (so the next call sees only newer messages). */
  takeOutputs(): Promise<Outputs>;
  /** The result rows of these claim ids, whatever their submitter (a scan: test tables are small). */
  results(claimIds: readonly string[]): Promise<Map<string, StoredResult>>;
  /** Deletes these claims' result rows, so the same claims are routed again rather than skipped as done. */
  forgetResults(claimIds: readonly string[]): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Test defaults: a short visibility timeout so redeliveries happen within a test, and a batching
 * window that fits in it beside the function timeout.
 */
export const FAST_REDELIVERY = { visibilityTimeoutSeconds: 2, functionTimeoutSeconds: 1.5, batchingWindowSeconds: 0.25, maxReceiveCount: 3, waitTimeSeconds: 1, logLevel: 'ERROR' } as const;

export async function startHarness(options: LocalStackOptions & { faults?: FaultPlan } = {}): Promise<Harness> {
  const { faults, ...stackOptions } = options;
  const stack = await startLocalStack({ ...FAST_REDELIVERY, ...stackOptions, ...(faults ? { wrapPorts: (ports: ScrubPorts) => withFaults(ports, faults) } : {}) });
  const { sqs } = stack.clients;
  const r = stack.resources;
  const claimOfDeduplicationId = new Map<string, string>();
  return {
    stack,
    async submit(claims) {
      const messages = claims.map(toClaimMessage);
      const outcome = await sendToIntake(sqs, r.intakeQueueUrl, messages);
      if (outcome.failures.length > 0) throw new Error(`could not submit ${outcome.failures.length} claims`);
      return outcome.messageIds.map((id) => id ?? '');
    },
    drain: (timeoutMs) => waitUntilDrained(sqs, r.intakeQueueUrl, stack.eventSource, timeoutMs),
    async takeOutputs() {
      const [review, clean, alerts, dlq] = await Promise.all([
        receiveAll(sqs, r.reviewQueueUrl, { remove: true }),
        receiveAll(sqs, r.cleanQueueUrl, { remove: true }),
        receiveAll(sqs, r.alertInboxQueueUrl, { remove: true }),
        receiveAll(sqs, r.intakeDlqUrl, { remove: true }),
      ]);
      const out = { review: review.map(routed), clean: clean.map(routed) };
      for (const m of [...out.review, ...out.clean]) claimOfDeduplicationId.set(m.deduplicationId, m.claimId);
      const alertMessages = alerts.map((m) => {
        const alert = JSON.parse(m.Body ?? '') as Omit<AlertMessage, 'claimId'>;
        return { ...alert, claimId: claimOfDeduplicationId.get(alert.deduplicationId) };
      });
      return { ...out, alerts: alertMessages, dlq };
    },
    results: async (claimIds) => {
      const wanted = new Set(claimIds);
      return new Map((await scanResults(stack.clients.dynamodb, r.names.resultsTable)).filter((row) => wanted.has(row.claimId)).map((row) => [row.claimId, row]));
    },
    forgetResults: async (claimIds) => {
      const forget = new Set(claimIds);
      for (const row of await scanResults(stack.clients.dynamodb, r.names.resultsTable)) {
        if (forget.has(row.claimId)) await stack.clients.dynamodb.send(new DeleteCommand({ TableName: r.names.resultsTable, Key: { [RESULTS_PARTITION_KEY]: row.resultKey } }));
      }
    },
    stop: () => stack.stop(),
  };
}

function toClaimMessage(claim: ClaimMessage | object): ClaimMessage {
  if ('body' in claim && typeof claim.body === 'string') return claim as ClaimMessage;
  const claimId = 'claimId' in claim && typeof claim.claimId === 'string' ? claim.claimId : undefined;
  return { body: JSON.stringify(claim), ...(claimId ? { claimId } : {}) };
}

function routed(message: Message): RoutedMessage {
  const body = JSON.parse(message.Body ?? '') as Omit<RoutedMessage, 'attributes'>;
  const attributes = Object.fromEntries(Object.entries(message.MessageAttributes ?? {}).map(([k, v]) => [k, v.StringValue ?? '']));
  return { ...body, attributes };
}

/** Every claim's result row (file markers, which share the table, left out). */
async function scanResults(ddb: DynamoDBDocumentClient, table: string): Promise<StoredResult[]> {
  const rows: StoredResult[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await ddb.send(new ScanCommand({ TableName: table, ...(startKey ? { ExclusiveStartKey: startKey } : {}) }));
    for (const item of page.Items ?? []) if (typeof item.claimId === 'string' && 'contentHash' in item) rows.push(item as StoredResult);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return rows;
}
