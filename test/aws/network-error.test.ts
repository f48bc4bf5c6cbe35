import { describe, expect, it } from 'vitest';
import { mayHaveBeenCarriedOut } from '../../shared/aws/network-error.ts';

const withCode = (code: string, name = 'Error') => Object.assign(new Error(`connect ${code} 127.0.0.1:4566`), { code, name });
const answered = (status: number) => Object.assign(new Error('service error'), { $metadata: { httpStatusCode: status } });

describe('whether a failed request may still have been carried out', () => {
  it('no: it never connected, or the service answered that it refused it', () => {
    expect(mayHaveBeenCarriedOut(withCode('ECONNREFUSED'))).toBe(false);
    expect(mayHaveBeenCarriedOut(new Error('wrapped', { cause: withCode('ENOTFOUND') }))).toBe(false);
    expect(mayHaveBeenCarriedOut(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]))).toBe(false);
    expect(mayHaveBeenCarriedOut(Object.assign(new Error('@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of 2000 ms.'), { name: 'TimeoutError' }))).toBe(false);
    expect(mayHaveBeenCarriedOut(answered(400))).toBe(false);
  });

  it('yes: it went out and its answer was lost (reset, timeout), or the service failed on its side', () => {
    expect(mayHaveBeenCarriedOut(withCode('ECONNRESET', 'TimeoutError'))).toBe(true);
    expect(mayHaveBeenCarriedOut(Object.assign(new Error('a request has exceeded the configured 5000 ms requestTimeout.'), { name: 'TimeoutError', code: 'ETIMEDOUT' }))).toBe(true);
    expect(mayHaveBeenCarriedOut(new Error('socket hang up'))).toBe(true);
    expect(mayHaveBeenCarriedOut(answered(500))).toBe(true);
    expect(mayHaveBeenCarriedOut('not even an error')).toBe(true);
  });
});
