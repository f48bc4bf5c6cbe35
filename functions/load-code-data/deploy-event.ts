/**
 * The load as a step of the deploy: CloudFormation invokes the function for the stack's code-data
 * custom resource (infra/code-data-on-deploy.ts) and waits for the answer at the event's ResponseURL.
 * Only the fields used are declared.
 */
export interface CustomResourceEvent {
  RequestType: 'Create' | 'Update' | 'Delete';
  ResponseURL: string;
  StackId: string;
  RequestId: string;
  LogicalResourceId: string;
  /** Absent on Create. */
  PhysicalResourceId?: string;
  ResourceProperties: Readonly<Record<string, unknown>>;
}

export type CustomResourceResult = { status: 'SUCCESS'; data: Record<string, string | number | boolean> } | { status: 'FAILED'; reason: string };

/** CloudFormation's answer body; what it shows of a failure is the reason. */
export interface CustomResourceResponse {
  Status: 'SUCCESS' | 'FAILED';
  Reason?: string;
  PhysicalResourceId: string;
  StackId: string;
  RequestId: string;
  LogicalResourceId: string;
  Data?: Record<string, string | number | boolean>;
}

export function isCustomResourceEvent(event: unknown): event is CustomResourceEvent {
  if (typeof event !== 'object' || event === null) return false;
  const e = event as Record<string, unknown>;
  return ['Create', 'Update', 'Delete'].includes(e.RequestType as string) && typeof e.ResponseURL === 'string' && typeof e.RequestId === 'string';
}

/** The whole response must stay under 4 KiB; a reason is cut well before that. */
const MAX_REASON_CHARS = 1_000;

/**
 * The answer to `event`. The physical id stays the same across updates (the code data is one thing,
 * loaded again), so CloudFormation never asks to delete a "replaced" one.
 */
export function customResourceResponse(event: CustomResourceEvent, physicalResourceId: string, result: CustomResourceResult): CustomResourceResponse {
  const common = {
    PhysicalResourceId: event.PhysicalResourceId ?? physicalResourceId,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
  };
  return result.status === 'SUCCESS' ? { Status: 'SUCCESS', ...common, Data: result.data } : { Status: 'FAILED', Reason: result.reason.slice(0, MAX_REASON_CHARS), ...common };
}

/**
 * PUTs the answer to the pre-signed ResponseURL. The URL is signed without a content type, so none
 * is sent. A failed PUT throws: Lambda then retries the invocation, which loads again (an already
 * loaded release is only re-activated) and answers again.
 */
export async function sendCustomResourceResponse(responseUrl: string, response: CustomResourceResponse): Promise<void> {
  const body = JSON.stringify(response);
  const reply = await fetch(responseUrl, { method: 'PUT', body, headers: { 'content-type': '' }, signal: AbortSignal.timeout(30_000) });
  if (!reply.ok) throw new Error(`CloudFormation refused the custom resource response: HTTP ${reply.status}`);
}
