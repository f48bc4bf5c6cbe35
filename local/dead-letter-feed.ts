import { PollingLoop } from './polling-loop.ts';

/** A message that landed in a dead-letter queue, and why, when the scrub function said. */
export interface DeadLetter {
  messageId: string;
  /** The claim id the message names (its `claimId` attribute, else its body's), if any. */
  claimId: string | undefined;
  /** The last error the scrub function reported for the message; undefined if none since the stack started. */
  reason: string | undefined;
}

export interface DeadLetterFeedOptions {
  /** The local SQS endpoint (fauxqs), e.g. http://127.0.0.1:4566. */
  endpoint: string;
  queueName: string;
  reasonOf: (messageId: string) => string | undefined;
  onDeadLetters: (letters: DeadLetter[]) => void;
  pollMs?: number;
}

/** A message as fauxqs's inspection endpoint shows it. */
interface InspectedMessage {
  messageId: string;
  body?: string;
  messageAttributes?: Record<string, { StringValue?: string }>;
}

interface InspectedQueue {
  messages?: { ready?: InspectedMessage[]; delayed?: InspectedMessage[]; inflight?: Array<{ message: InspectedMessage }> };
}

/**
 * Messages as they land in a local dead-letter queue. It looks through fauxqs's inspection endpoint
 * (`/_fauxqs/queues/<name>`), which neither receives a message nor changes its visibility, so the
 * queue stays as it is for the aws CLI or a redrive. A message is told once per landing: one that
 * leaves the queue and lands again is told again.
 */
export class DeadLetterFeed {
  private readonly options: DeadLetterFeedOptions & { pollMs: number };
  private readonly polling = new PollingLoop();
  private present = new Set<string>();

  constructor(options: DeadLetterFeedOptions) {
    this.options = { pollMs: 1_000, ...options };
  }

  /** Takes note of the messages already there, and returns how many there are; only later landings are told. */
  async start(): Promise<number> {
    const messages = await this.inspect();
    this.present = new Set(messages.map((m) => m.messageId));
    this.polling.start(() => this.poll(), this.options.pollMs);
    return messages.length;
  }

  async stop(): Promise<void> {
    await this.polling.stop();
  }

  /** The messages that landed since the last look. */
  async poll(): Promise<DeadLetter[]> {
    const messages = await this.inspect();
    const landed = messages.filter((m) => !this.present.has(m.messageId));
    this.present = new Set(messages.map((m) => m.messageId));
    const letters = landed.map((m) => ({ messageId: m.messageId, claimId: claimIdOf(m), reason: this.options.reasonOf(m.messageId) }));
    if (letters.length > 0) this.options.onDeadLetters(letters);
    return letters;
  }

  private async inspect(): Promise<InspectedMessage[]> {
    const response = await fetch(`${this.options.endpoint}/_fauxqs/queues/${encodeURIComponent(this.options.queueName)}`);
    if (!response.ok) throw new Error(`fauxqs answered ${response.status} for queue ${this.options.queueName}`);
    const { messages = {} } = (await response.json()) as InspectedQueue;
    return [...(messages.ready ?? []), ...(messages.delayed ?? []), ...(messages.inflight ?? []).map((m) => m.message)];
  }
}

function claimIdOf(message: InspectedMessage): string | undefined {
  const attribute = message.messageAttributes?.claimId?.StringValue;
  if (attribute) return attribute;
  try {
    const body = JSON.parse(message.body ?? '') as { claimId?: unknown };
    return typeof body.claimId === 'string' ? body.claimId : undefined;
  } catch {
    return undefined;
  }
}
