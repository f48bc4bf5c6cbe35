/** The worklist functions' service names and metrics: emitted by their handlers, watched by the construct's alarms. */
export const WORKLIST_API_SERVICE_NAME = 'worklist-api';
export const WORKLIST_FEED_SERVICE_NAME = 'worklist-feed';

export const WORKLIST_METRICS = {
  /** Every request answered, whatever its status (API Gateway counts them too; this one is per function). */
  requests: 'WorklistApiRequests',
  /** An action a reviewer took (resolve, override, …), with the action as a dimension. */
  actions: 'WorklistActions',
  corrections: 'WorklistCorrections',
  /** Requests the API could not serve (5xx). */
  apiFailures: 'WorklistApiFailures',
  /** Routed messages applied to the worklist, and those that changed nothing (copies, older versions). */
  fed: 'WorklistItemsFed',
  unchanged: 'WorklistMessagesUnchanged',
} as const;
