/**
 * One line a person can act on for an AWS SDK error that stops a command before it starts: the
 * endpoint is down or unknown, credentials are missing, the queue does not exist. Undefined for
 * anything else, which the caller reports as it is.
 */
export function describeAwsError(error: unknown, endpoint: string | undefined): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const where = endpoint ? `the SQS endpoint ${endpoint}` : 'SQS';
  const code = networkCode(error);
  if (code === 'ECONNREFUSED') return `cannot reach ${where}: connection refused. Is the local stack running (npm start -- --serve)? Or point --endpoint-url at it.`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot reach ${where}: its host name is unknown. Check --endpoint-url or AWS_ENDPOINT_URL_SQS.`;
  if (code === 'ETIMEDOUT' || error.name === 'TimeoutError') return `cannot reach ${where}: no answer in time. Check the endpoint and your network.`;
  if (error.name === 'CredentialsProviderError') return 'no AWS credentials were found: set AWS_PROFILE or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (any values work against the local stack).';
  if (error.name === 'QueueDoesNotExist' || error.name === 'AWS.SimpleQueueService.NonExistentQueue') return `${where} has no such queue (${error.message}). Check --queue or --queue-url.`;
  if (error.name === 'InvalidClientTokenId' || error.name === 'UnrecognizedClientException' || error.name === 'AccessDenied' || error.name === 'AccessDeniedException') {
    return `${where} refused these credentials (${error.name}). Check AWS_PROFILE or the access keys, and that they may send to the intake queue.`;
  }
  return undefined;
}

/** The Node network error code, found on the error or the cause the SDK wrapped. */
function networkCode(error: Error): string | undefined {
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
