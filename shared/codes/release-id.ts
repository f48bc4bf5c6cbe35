import { basename } from 'node:path';
import type { ReleaseCoverage } from './code-record.ts';
import { isoDateFromEitherForm } from './hcpcs-file.ts';

// CMS names files HCPC<year>[_<quarter month>]_..., e.g. HCPC2020_ANWEB_w_disclaimer.txt, HCPC2026_JAN_ANWEB_01122026.txt.
const CMS_FILE_NAME = /^HCPCS?(\d{4})(?:_(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*(?=[_.]|$))?/i;
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;

/** What a CMS file name says: the year, and for a quarterly update the month it takes effect (1-12). */
interface CmsFileName {
  year: number;
  month: number | undefined;
}

function cmsFileName(path: string): CmsFileName | undefined {
  const match = CMS_FILE_NAME.exec(basename(path));
  if (!match) return undefined;
  const [, year, month] = match as unknown as [string, string, string | undefined];
  return { year: Number(year), month: month ? MONTHS.indexOf(month.toUpperCase() as (typeof MONTHS)[number]) + 1 : undefined };
}

/** A release id from a CMS file name ('HCPCS-2020', 'HCPCS-2026-JAN'); otherwise the base name without extension. */
export function releaseIdFromFileName(path: string): string {
  const cms = cmsFileName(path);
  if (cms) return cms.month ? `HCPCS-${cms.year}-${MONTHS[cms.month - 1]}` : `HCPCS-${cms.year}`;
  const name = basename(path);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/**
 * The service dates a CMS file speaks for, from its name; undefined when the name is not CMS's.
 * An annual file (HCPC2020_ANWEB…) covers its calendar year. CMS publishes a quarterly update
 * (HCPC2026_JAN_…, APR, JUL, OCT) that supersedes the previous one, so a quarterly file speaks only
 * for its quarter: from the first day of the month named to the last day of that calendar quarter.
 */
export function releaseCoverageFromFileName(path: string): ReleaseCoverage | undefined {
  const cms = cmsFileName(path);
  if (!cms) return undefined;
  if (cms.month === undefined) return { from: `${cms.year}-01-01`, through: `${cms.year}-12-31` };
  const quarterEndMonth = Math.ceil(cms.month / 3) * 3;
  return { from: isoDay(cms.year, cms.month, 1), through: isoDay(cms.year, quarterEndMonth, daysInMonth(cms.year, quarterEndMonth)) };
}

export class ReleaseCoverageError extends Error {
  override readonly name = 'ReleaseCoverageError';
}

/**
 * The coverage to load a release with: the dates given explicitly win over the ones its file name
 * implies, each on its own. Both ends or neither: a release known to start but not to end (or the
 * reverse) cannot tell a rule whether a claim is past it. Dates are YYYY-MM-DD or YYYYMMDD.
 */
export function resolveReleaseCoverage(
  fromFileName: ReleaseCoverage | undefined,
  explicit: { from?: string | undefined; through?: string | undefined },
): ReleaseCoverage | undefined {
  const from = explicit.from === undefined ? fromFileName?.from : parseServiceDate(explicit.from, 'the release date');
  const through = explicit.through === undefined ? fromFileName?.through : parseServiceDate(explicit.through, 'the covers-through date');
  if (from === undefined && through === undefined) return undefined;
  if (from === undefined || through === undefined) {
    throw new ReleaseCoverageError(
      from === undefined
        ? `the release file's name does not say when it takes effect: give its release date too`
        : `the release file's name does not say through when it applies: give its covers-through date too`,
    );
  }
  if (through < from) throw new ReleaseCoverageError(`the release covers ${from} to ${through}: its last date is before its first`);
  return { from, through };
}

/** 'YYYY-MM-DD' or 'YYYYMMDD' → 'YYYY-MM-DD'; throws ReleaseCoverageError naming `what` otherwise. */
export function parseServiceDate(value: string, what: string): string {
  const iso = isoDateFromEitherForm(value);
  if (iso === undefined) throw new ReleaseCoverageError(`${what} "${value}" is not a real date as YYYY-MM-DD or YYYYMMDD`);
  return iso;
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDay(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
