import type { ClaimOutbox } from '../../shared/application/ports.ts';
import type { ClaimMessage } from '../../shared/intake/claim-message.ts';

/** The intake queue in memory: records every chunk it is given; `fail` picks messages to refuse as SQS would. */
export function inMemoryClaimOutbox(fail: (message: ClaimMessage) => boolean = () => false): { sent: ClaimMessage[][]; send: ClaimOutbox } {
  const sent: ClaimMessage[][] = [];
  let nextId = 1;
  return {
    sent,
    send: async (messages) => {
      sent.push([...messages]);
      const refused = messages.map((m) => fail(m));
      return {
        messageIds: messages.map((_, i) => (refused[i] ? undefined : `m-${nextId++}`)),
        failures: messages.flatMap((_, index) => (refused[index] ? [{ index, error: new Error('SQS refused entry: InvalidMessageContents') }] : [])),
      };
    },
  };
}
