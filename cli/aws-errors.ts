import { networkCode } from '../shared/aws/network-error.ts';

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

/**
 * One line for a queue that stopped answering partway through a file: what went wrong, and what to do.
 * Sending the file again is safe: the scrubber routes a claim it has already routed (same id, same
 * content) only once.
 */
export function describeOutage(error: Error, endpoint: string | undefined): string {
  const where = endpoint ? `the SQS endpoint ${endpoint}` : 'SQS';
  const local = endpoint !== undefined && /\/\/(127\.0\.0\.1|localhost)[:/]/.test(endpoint);
  const check = local ? 'Check that the local stack is still running (npm start -- --serve)' : 'Check the endpoint and your network';
  return `${where} stopped answering (${causeOf(error)}). ${check}, then send the file again: a claim that already arrived is not routed twice.`;
}

function causeOf(error: Error): string {
  const code = networkCode(error);
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/i.test(error.message)) return 'connection cut';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'its host name is unknown';
  if (code === 'ETIMEDOUT' || error.name === 'TimeoutError') return 'no answer in time';
  return error.name === 'Error' ? error.message : `${error.name}: ${error.message}`;
}
