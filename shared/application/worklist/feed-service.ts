import { isJsonObject } from '../claim-identity.ts';
import { ROUTED_MESSAGE_VERSION, type RoutedMessageBody } from '../routing.ts';
import { applyRoutedMessage } from './feed.ts';
import type { ClaimCheckReader, StoredItem, WorklistStore } from './ports.ts';

/** A message the feed cannot read: it goes back to the queue, and after the redrive count to its DLQ. */
export class UnreadableRoutedMessage extends Error {
  override readonly name = 'UnreadableRoutedMessage';
}

export type FeedResult = 'applied' | 'unchanged';

/** Concurrent writers to one item (two copies, or a reviewer acting) retry on the newer revision this often. */
const MAX_ATTEMPTS = 5;

/**
 * Feeds one message of the review queue to the worklist: fetches its body when it came by claim check,
 * keeps the claim version's claim and findings, and applies the message to the claim's item
 * (worklist/feed.ts), writing it only if nobody wrote the item since it was read.
 */
export async function feedRoutedMessage(body: string, store: WorklistStore, claimChecks: ClaimCheckReader, now: () => string): Promise<FeedResult> {
  const message = await fullMessage(parseRouted(body), claimChecks);
  for (let attempt = 1; ; attempt++) {
    const existing = await store.get(message.claimReference);
    const at = now();
    const outcome = applyRoutedMessage(existing?.item, message, at);
    const item = outcome.item;
    if (!item) return 'unchanged';
    if (!('claimCheck' in message) && message.result.status !== 'clean') {
      await store.putClaimBody(message.claimReference, {
        claimVersion: message.claimVersion,
        claim: 'claim' in message ? message.claim : null,
        rawBody: 'rawBody' in message ? message.rawBody : null,
        result: message.result,
      });
    }
    const next: StoredItem = {
      item,
      revision: (existing?.revision ?? 0) + 1,
      history: [...(existing?.history ?? []), { claimVersion: message.claimVersion, at, status: message.result.status, medicareDenialRisk: message.result.medicareDenialRisk, ruleIds: item.ruleIds.slice() }],
      audit: [...(existing?.audit ?? []), ...outcome.audit],
    };
    if ((await store.save(next, existing?.revision)) === 'saved') return 'applied';
    if (attempt >= MAX_ATTEMPTS) throw new Error(`the worklist item changed under ${MAX_ATTEMPTS} attempts in a row to apply a routed message`);
  }
}

function parseRouted(body: string): RoutedMessageBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new UnreadableRoutedMessage('the message is not JSON');
  }
  if (!isJsonObject(parsed) || parsed.messageVersion !== ROUTED_MESSAGE_VERSION) throw new UnreadableRoutedMessage(`the message is not a routed message of format version ${ROUTED_MESSAGE_VERSION}`);
  for (const field of ['claimId', 'claimVersion', 'deduplicationId', 'claimReference'] as const) {
    if (typeof parsed[field] !== 'string') throw new UnreadableRoutedMessage(`the routed message has no ${field}`);
  }
  if (!isJsonObject(parsed.result) || typeof parsed.result.status !== 'string') throw new UnreadableRoutedMessage('the routed message has no result');
  return parsed as unknown as RoutedMessageBody;
}

/** The message with its body: a claim check is read from where the scrubber kept the full message. */
async function fullMessage(message: RoutedMessageBody, claimChecks: ClaimCheckReader): Promise<RoutedMessageBody> {
  if (!('claimCheck' in message)) return message;
  return parseRouted(await claimChecks.get(message.claimCheck));
}
