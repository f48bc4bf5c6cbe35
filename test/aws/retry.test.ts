import { afterEach, describe, expect, test, vi } from 'vitest';
import { backoffMs, retryUntil } from '../../shared/aws/retry.ts';
import { manualClock } from './clock.ts';

afterEach(() => vi.restoreAllMocks());

describe('retryUntil', () => {
  test('returns the first success, numbering the tries from 0', async () => {
    manualClock();
    const tries: number[] = [];
    const result = await retryUntil(Number.MAX_SAFE_INTEGER, async (tryNumber) => {
      tries.push(tryNumber);
      if (tryNumber < 2) throw new Error(`try ${tryNumber}`);
      return 'written';
    });
    expect(result).toBe('written');
    expect(tries).toEqual([0, 1, 2]);
  });

  test('gives up with the last error once the next wait would pass the deadline', async () => {
    const clock = manualClock();
    // Each try takes 100 ms and the jitter is pinned to the 10 ms floor: tries start at 0, 100 and
    // 200 ms; after the third, 300 + 10 passes the 250 ms deadline.
    const deadline = clock.now() + 250;
    let tries = 0;
    const failure = retryUntil(deadline, async () => {
      tries++;
      clock.advance(100);
      throw new Error(`throttled ${tries}`);
    });
    await expect(failure).rejects.toThrow('throttled 3');
    expect(tries).toBe(3);
  });

  test('does not sleep past the deadline: a wait longer than the time left ends the retries at once', async () => {
    const clock = manualClock();
    vi.spyOn(Math, 'random').mockReturnValue(0.99); // first wait ≈ 59 ms
    let tries = 0;
    await expect(
      retryUntil(clock.now() + 40, async () => {
        tries++;
        throw new Error('down');
      }),
    ).rejects.toThrow('down');
    expect(tries).toBe(1);
  });

  test('tries once even when the deadline has already passed', async () => {
    const clock = manualClock();
    let tries = 0;
    await expect(retryUntil(clock.now() - 1, async () => ++tries)).resolves.toBe(1);
  });
});

describe('backoffMs', () => {
  test('full jitter: from 10 ms up to 50 ms doubled per try, capped at about 1 s', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    expect([0, 3, 20].map(backoffMs)).toEqual([10, 10, 10]);
    vi.spyOn(Math, 'random').mockReturnValue(1);
    expect([0, 1, 2, 3, 4, 5, 6, 40, 2_000].map(backoffMs)).toEqual([60, 110, 210, 410, 810, 1_010, 1_010, 1_010, 1_010]);
    vi.restoreAllMocks();
  });
});

describe('errors retrying cannot fix', () => {
  /** An error as the AWS SDK v3 shapes a service error. */
  const serviceError = (name: string, fault: 'client' | 'server', retryable?: { throttling: boolean }) =>
    Object.assign(new Error(name), { name, $fault: fault, ...(retryable ? { $retryable: retryable } : {}) });

  test.each(['BatchRequestTooLong', 'AccessDeniedException', 'KMS.DisabledException', 'QueueDoesNotExist'])('%s (a client fault) fails at once', async (name) => {
    manualClock();
    let tries = 0;
    await expect(
      retryUntil(Number.MAX_SAFE_INTEGER, async () => {
        tries++;
        throw serviceError(name, 'client');
      }),
    ).rejects.toThrow(name);
    expect(tries).toBe(1);
  });

  test('throttling (a client fault the SDK marks retryable), server faults and lost connections are retried', async () => {
    manualClock();
    const failures = [serviceError('ThrottlingException', 'client', { throttling: true }), serviceError('InternalError', 'server'), Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })];
    let tries = 0;
    const result = await retryUntil(Number.MAX_SAFE_INTEGER, async () => {
      const failure = failures[tries++];
      if (failure) throw failure;
      return 'sent';
    });
    expect(result).toBe('sent');
    expect(tries).toBe(4);
  });
});
