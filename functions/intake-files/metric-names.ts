/** The intake-files function's metrics: emitted by process-object.ts, graphed by the CDK construct's dashboard. */
export const INTAKE_FILES_METRICS = {
  processed: 'FilesProcessed',
  unreadable: 'FilesUnreadable',
  incomplete: 'FilesIncomplete',
  duplicateEvents: 'DuplicateFileEvents',
  claimsRead: 'FileClaimsRead',
  claimsSent: 'FileClaimsSent',
  claimsRejected: 'FileClaimsRejected',
} as const;

export const INTAKE_FILES_SERVICE_NAME = 'intake-files';
