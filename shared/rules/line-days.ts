import type { Claim, ClaimLine } from '../claim/contract.ts';
import { payerSettings, type PayerLookup, type PayerSettings } from '../payers/payer-policy.ts';
import { dayNumber, isoDateOfDay } from './claim-facts.ts';

/** A line's days as day numbers, first and last inclusive: one day when the line has no end date. */
export interface DaySpan {
  readonly first: number;
  readonly last: number;
}

export function daySpanOf(line: Pick<ClaimLine, 'serviceDate' | 'serviceDateEnd'>): DaySpan {
  const first = dayNumber(line.serviceDate);
  return { first, last: line.serviceDateEnd === undefined ? first : dayNumber(line.serviceDateEnd) };
}

/** Calendar days in a span, both ends included. */
export function daysInSpan({ first, last }: DaySpan): number {
  return last - first + 1;
}

/** Whether two spans share at least one day. */
export function spansOverlap(a: DaySpan, b: DaySpan): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/** The days two spans share, or undefined when they share none. */
export function overlapOf(a: DaySpan, b: DaySpan): DaySpan | undefined {
  const first = Math.max(a.first, b.first);
  const last = Math.min(a.last, b.last);
  return first <= last ? { first, last } : undefined;
}

/** A span of day numbers as a message says it: "2020-03-02" or "2020-03-02 to 2020-03-04". */
export function daySpanText(span: DaySpan): string {
  return span.first === span.last ? isoDateOfDay(span.first) : `${isoDateOfDay(span.first)} to ${isoDateOfDay(span.last)}`;
}

/** Several spans, in order, adjoining ones joined: "2020-03-02 to 2020-03-04, 2020-03-07". */
export function daySpansText(spans: readonly DaySpan[]): string {
  const merged: DaySpan[] = [];
  for (const span of [...spans].sort((a, b) => a.first - b.first)) {
    const last = merged.at(-1);
    if (last && span.first <= last.last + 1) merged[merged.length - 1] = { first: last.first, last: Math.max(last.last, span.last) };
    else merged.push(span);
  }
  return merged.map(daySpanText).join(', ');
}

/** A count of days as a message says it: "1 day", "14 days". */
export function dayCount(days: number): string {
  return `${days} day${days === 1 ? '' : 's'}`;
}


/**
 * The billing settings of the claim's payer: its record in the payer policy when it has one, else the
 * defaults for the claim's payer type. One place, so every rule reads a payer's settings the same way.
 */
export function claimPayerSettings(claim: Pick<Claim, 'payer'>, payers: PayerLookup): PayerSettings {
  const record = payers.payer(claim.payer.id);
  // Several rules ask on every claim: a payer record's settings, or a type's defaults, are built once.
  const key: object = record ?? defaultsKey(claim.payer.type);
  let settings = settingsCache.get(key);
  if (!settings) {
    settings = payerSettings(record ?? claim.payer);
    settingsCache.set(key, settings);
  }
  return settings;
}

/** Payer records never change once loaded (a changed record needs a new policy version), so their settings are cached by identity. */
const settingsCache = new WeakMap<object, PayerSettings>();
const typeKeys = new Map<string, object>();

function defaultsKey(type: string): object {
  let key = typeKeys.get(type);
  if (!key) {
    key = { type };
    typeKeys.set(type, key);
  }
  return key;
}
