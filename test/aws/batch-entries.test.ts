import { afterEach, describe, expect, test, vi } from 'vitest';
import { sendEntries, type FailedEntry } from '../../shared/aws/batch-entries.ts';
import { manualClock } from './clock.ts';
import { serviceError } from './fake-client.ts';

afterEach(() => vi.restoreAllMocks());

/** A `send` that answers each call from `script` (the failed entries), recording the indexes sent. */
function scripted(script: Array<(indexes: number[]) => FailedEntry[] | undefined>) {
  const sent: number[][] = [];
  const send = async (indexes: number[]) => {
    sent.push([...indexes]);
    const answer = script[sent.length - 1];
    if (!answer) throw new Error(`unexpected call ${sent.length}`);
    return answer(indexes);
  };
  return { send, sent };
}

const serverFault = (id: number): FailedEntry => ({ Id: String(id), SenderFault: false, Code: 'InternalError', Message: 'try again' });
const senderFault = (id: number): FailedEntry => ({ Id: String(id), SenderFault: true, Code: 'InvalidParameterValue', Message: 'too long' });

describe('sendEntries', () => {
  test('one request when nothing fails; every entry succeeds', async () => {
    manualClock();
    const { send, sent } = scripted([() => undefined]);
    expect(await sendEntries(3, Date.now() + 1_000, 'SQS', send)).toEqual([undefined, undefined, undefined]);
    expect(sent).toEqual([[0, 1, 2]]);
  });

  test('resends only the entries the service failed on its side, until they go through', async () => {
    manualClock();
    const { send, sent } = scripted([() => [serverFault(1), serverFault(3)], () => [serverFault(3)], () => []]);
    expect(await sendEntries(4, Date.now() + 1_000, 'SQS', send)).toEqual([undefined, undefined, undefined, undefined]);
    expect(sent).toEqual([[0, 1, 2, 3], [1, 3], [3]]);
  });

  test('an entry refused as the sender’s fault fails alone, with its code, and is never resent', async () => {
    manualClock();
    const { send, sent } = scripted([() => [senderFault(0), serverFault(2)], () => [senderFault(2)]]);
    const outcomes = await sendEntries(3, Date.now() + 1_000, 'SNS', send);
    expect(outcomes[0]?.message).toBe('SNS refused entry: InvalidParameterValue too long');
    expect(outcomes[1]).toBeUndefined();
    expect(outcomes[2]?.message).toBe('SNS refused entry: InvalidParameterValue too long');
    expect(sent).toEqual([[0, 1, 2], [2]]);
  });

  test('entries still failing at the deadline fail with the service’s side of the story; the others succeed', async () => {
    const clock = manualClock();
    const { send, sent } = scripted(
      Array.from({ length: 10 }, () => (indexes: number[]) => {
        clock.advance(100);
        return indexes.filter((i) => i !== 0).map(serverFault);
      }),
    );
    const outcomes = await sendEntries(3, clock.now() + 250, 'SQS', send);
    expect(outcomes[0]).toBeUndefined();
    expect(outcomes[1]?.message).toBe('SQS failed 2 entries on its side');
    expect(outcomes[2]).toBe(outcomes[1]);
    // Requests end at 100, 200 and 300 ms; waiting 10 ms more would pass 250.
    expect(sent).toEqual([[0, 1, 2], [1, 2], [1, 2]]);
  });

  test('a request that fails outright is resent whole; at the deadline its error is every pending entry’s', async () => {
    const clock = manualClock();
    const throttled = serviceError('ThrottlingException');
    const { send, sent } = scripted([
      () => [senderFault(0), serverFault(1), serverFault(2)],
      () => {
        clock.advance(1_000);
        throw throttled;
      },
    ]);
    const outcomes = await sendEntries(3, clock.now() + 500, 'SQS', send);
    expect(outcomes[0]?.message).toMatch(/^SQS refused entry/);
    expect(outcomes[1]).toBe(throttled);
    expect(outcomes[2]).toBe(throttled);
    expect(sent).toEqual([[0, 1, 2], [1, 2]]);
  });
});
