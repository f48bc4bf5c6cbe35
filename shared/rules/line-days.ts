import type { ClaimLine } from '../claim/contract.ts';
import { payerSettings, type PayerLookup, type PayerSettings } from '../payers/payer-policy.ts';
import type { Claim } from '../claim/contract.ts';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD date (the contract guarantees real calendar dates). */
export function dayNumber(isoDate: string): number {
  return Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
}

/** A line's days as day numbers, first and last inclusive: one day when the line has no end date. */
export interface DaySpan {
  readonly first: number;
  readonly last: number;
}

export function daySpanOf(line: Pick<ClaimLine, 'serviceDate' | 'serviceDateEnd'>): DaySpan {
  const first = dayNumber(line.serviceDate);
  return { first, last: line.serviceDateEnd === undefined ? first : dayNumber(line.serviceDateEnd) };
}

/** Calendar days in a line's span, both ends included. */
export function daysInSpan(line: Pick<ClaimLine, 'serviceDate' | 'serviceDateEnd'>): number {
  const { first, last } = daySpanOf(line);
  return last - first + 1;
}

/** Whether two spans share at least one day. */
export function spansOverlap(a: DaySpan, b: DaySpan): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/** A line's span as a message says it: "2020-03-02" or "2020-03-02 to 2020-03-15". */
export function spanText(line: Pick<ClaimLine, 'serviceDate' | 'serviceDateEnd'>): string {
  return line.serviceDateEnd === undefined || line.serviceDateEnd === line.serviceDate ? line.serviceDate : `${line.serviceDate} to ${line.serviceDateEnd}`;
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
