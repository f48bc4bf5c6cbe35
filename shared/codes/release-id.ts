import { basename } from 'node:path';

// CMS names files HCPC<year>[_<quarter month>]_..., e.g. HCPC2020_ANWEB_w_disclaimer.txt, HCPC2026_JAN_ANWEB_01122026.txt.
const CMS_FILE_NAME = /^HCPCS?(\d{4})(?:_(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*(?=[_.]|$))?/i;

/** A release id from a CMS file name ('HCPCS-2020', 'HCPCS-2026-JAN'); otherwise the base name without extension. */
export function releaseIdFromFileName(path: string): string {
  const name = basename(path);
  const match = CMS_FILE_NAME.exec(name);
  if (match) {
    const [, year, month] = match;
    return month ? `HCPCS-${year}-${month.toUpperCase()}` : `HCPCS-${year}`;
  }
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}
