/**
 * The inbox bucket's layout, shared by the CDK construct (its notification filter and grants), the
 * intake-files function and the local stack. A plain module: the CDK app and the local stack both load it.
 *
 * Claims files go under incoming/; each file's report goes to the same path under reports/. S3
 * notification filters can only include a prefix, never exclude one, so files and reports need
 * prefixes of their own for reports never to trigger the function.
 */
export const INBOX_PREFIX = 'incoming/';
export const REPORTS_PREFIX = 'reports/';
export const REPORT_SUFFIX = '.report.json';

/** `incoming/batch.837` → `reports/incoming/batch.837.report.json`: the file's path, mirrored under reports/. */
export function reportKeyFor(key: string): string {
  return `${REPORTS_PREFIX}${key}${REPORT_SUFFIX}`;
}

/** Reports are never read as claims files, wherever they sit. */
export function isReportKey(key: string): boolean {
  return key.startsWith(REPORTS_PREFIX) || key.endsWith(REPORT_SUFFIX);
}
