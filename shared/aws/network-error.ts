/** The Node network error code, found on the error or on a cause the SDK wrapped. */
export function networkCode(error: Error): string | undefined {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return code;
    // An AggregateError (IPv4 and IPv6 both refused) carries the codes on its errors.
    if (current instanceof AggregateError) {
      const inner = current.errors.find((e): e is NodeJS.ErrnoException => e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string');
      if (inner?.code) return inner.code;
    }
  }
  return undefined;
}

/** Codes of a request that never reached the other end: no connection was made. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/**
 * Whether a request that failed with this error may still have been carried out: it was sent, but
 * its answer was lost (a timeout, a connection reset midway) or was a server error. Only a request
 * that never connected, or that the service answered with a client error, certainly was not.
 * When in doubt, yes: calling a claim "not sent" when it did arrive is the mistake to avoid.
 */
export function mayHaveBeenCarriedOut(error: unknown): boolean {
  if (!(error instanceof Error)) return true;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  if (status !== undefined) return status >= 500;
  const code = networkCode(error);
  if (code !== undefined && NEVER_CONNECTED.has(code)) return false;
  // The SDK's connection timeout: the socket never connected (its message is the only sign of it).
  return !(error.name === 'TimeoutError' && /did not establish a connection/.test(error.message));
}
