/** How the page writes dates, ages and codes. Dates stay as the claim gives them (YYYY-MM-DD). */

/** "3 d", "5 h", "12 min": how long ago an ISO 8601 time was. */
export function age(iso: string, now: number = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
  if (Number.isNaN(minutes)) return '—';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}

/** The same age in words, for screen readers and titles. */
export function ageInWords(iso: string, now: number = Date.now()): string {
  const short = age(iso, now);
  return short.replace(/ min$/, ' minutes').replace(/ h$/, ' hours').replace(/ d$/, ' days');
}

/** A moment as "2026-03-02 14:05" in the user's time zone. */
export function when(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function serviceDates(dates: { from: string; to: string } | null): string {
  if (!dates) return '—';
  return dates.from === dates.to ? dates.from : `${dates.from} to ${dates.to}`;
}

export function money(amount: number | null | undefined): string {
  return amount === null || amount === undefined ? '—' : amount.toLocaleString('en-US', { style: 'currency', currency: 'USD' });
}

/**
 * A claim version as people read it: when it was handed in, in their time zone, to the second, and its
 * place in that file when it was not the first ("2026-03-02 14:05:09 #3").
 */
export function shortVersion(version: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)#(\d+)$/.exec(version);
  if (!match?.[1] || !match[2]) return version;
  const date = new Date(match[1]);
  if (Number.isNaN(date.getTime())) return version;
  const index = Number(match[2]);
  return `${when(match[1])}:${String(date.getSeconds()).padStart(2, '0')}${index > 0 ? ` #${index}` : ''}`;
}

export const STATE_LABEL = { open: 'Open', resolved: 'Resolved', overridden: 'Overridden', superseded: 'Superseded' } as const;
export const STATUS_LABEL = { clean: 'Clean', flagged: 'Flagged', rejected: 'Rejected' } as const;

export const AUDIT_LABEL: Record<string, string> = {
  routed: 'Routed for review',
  superseded: 'Superseded by a newer version',
  resolve: 'Resolved',
  override: 'Overridden (released)',
  assign: 'Assigned',
  note: 'Note',
  reopen: 'Reopened',
  correct: 'Corrected and handed in',
};

/**
 * How many of `counts` (one of the counts answer's tallies) have `key`: 0 for a key it does not
 * hold, even one every object answers to ("constructor", "__proto__"). A payer id or user name is
 * free text, and a selected filter stays listed after its last open claim is gone.
 */
export function countOf(counts: Readonly<Record<string, number>> | undefined, key: string): number {
  return counts !== undefined && Object.hasOwn(counts, key) ? (counts[key] ?? 0) : 0;
}
