import type { ClaimLine } from '../claim/contract.ts';
import type { CodeLookup, CodeRecord } from '../codes/code-record.ts';
import { daySpanOf, overlapOf } from './line-days.ts';

/**
 * Per-diem facts read from the CMS long descriptors of the loaded release, not from a typed list of codes,
 * so a release that adds, rewords or ends a per diem is read as it stands. Every per-diem rule asks here.
 *
 * What kind of per diem a code is:
 * - `therapy`: a pharmacy per diem, whose descriptor bills "administrative services, professional pharmacy
 *   services, care coordination, and all necessary supplies and equipment ... per diem" (the home infusion,
 *   home injectable, home therapy and home management S-codes, e.g. S9500, S9373, S9537, S9208);
 * - `catheter_care`: a pharmacy per diem for catheter care or maintenance (S5497-S5502), which pays for days
 *   with no other therapy and is never a concurrent therapy;
 * - `nursing`: a nursing per diem, "Nursing care, in the home, by registered nurse [licensed practical nurse],
 *   per diem" (T1030, T1031): a day of nursing, not a therapy, so it takes no SH/SJ;
 * - `other`: any other code billed per diem (behavioural health programmes, hospice, respite, lodging).
 *
 * A code is a per diem when its descriptor's billing unit is "per diem": the descriptor, its parenthesised
 * notes left out, ends with "per diem" or has it as a clause of its own (", per diem,"). So S9810 ("... per hour (do not use this code with any per diem
 * code)") and the FQHC visits G0466-G0470 ("... furnished per diem to a patient ...") are not per diems.
 */
export type PerDiemKind = 'therapy' | 'catheter_care' | 'nursing' | 'other';

/** A span of codes a descriptor names: one code ("s9326") or a range ("s9497-s9504"), the same letter throughout. */
export interface CodeRange {
  /** The letter, upper case ("S"), or "" for a CPT code. */
  readonly prefix: string;
  /** How many digits follow it. */
  readonly digits: number;
  readonly from: number;
  readonly to: number;
}

/** One "do not use (this code) with ..." clause of a descriptor. */
export interface PerDiemExclusion {
  /** The clause's words after "with", as CMS writes them (codes upper case), for messages. */
  readonly wording: string;
  /** The codes and ranges the clause names. */
  readonly codes: readonly CodeRange[];
  /** "any per diem code" (S9810). */
  readonly anyPerDiem: boolean;
  /** "any home infusion per diem code" (S9208-S9214). */
  readonly anyHomeInfusionPerDiem: boolean;
}

export interface PerDiemFacts {
  /** Undefined when the code is not billed per diem. */
  readonly kind: PerDiemKind | undefined;
  readonly exclusions: readonly PerDiemExclusion[];
  /** The record's own code as a clause's range is compared with it; undefined when it is not a letter (or none) and 4-5 digits. */
  readonly ownCode: OwnCode | undefined;
  /** exclusivePair's answers with this record first, by the other record (null: none). */
  readonly pairs: Map<CodeRecord, ExclusivePair | null>;
}

/** A code cut as CodeRange is: its letter ("" for none), its digit count and its number. */
interface OwnCode {
  readonly prefix: string;
  readonly digits: number;
  readonly number: number;
}

const PARENTHESISED = /\([^()]*\)/g;
/** "..., per diem" at the end, or a clause of its own ("Personal care services, per diem, not for an inpatient ..."). */
const PER_DIEM_UNIT = /\bper diem\W*$|[,;]\s*per diem\s*[,;]/i;
const PHARMACY_PER_DIEM = /\bprofessional pharmacy services\b/i;
const CATHETER_CARE = /\bcatheter care\b/i;
const NURSING_CARE = /^nursing care\b/i;
const DO_NOT_USE_WITH = /\bdo not use (?:this code )?with ([^)]*)/gi;
const ANY_HOME_INFUSION_PER_DIEM = /\bany home infusion per diem code\b/i;
const ANY_PER_DIEM = /\bany per diem code\b/i;
const CODE_OR_RANGE = /\b([a-z]?)(\d{4,5})(?:\s*[-\u2013]\s*([a-z]?)(\d{4,5}))?\b/gi;

/** The descriptor with its parenthesised notes removed (innermost first, so nesting comes out too). */
function withoutNotes(description: string): string {
  let text = description;
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(PARENTHESISED, ' ');
  }
  return text.trim();
}

function kindOf(record: CodeRecord): PerDiemKind | undefined {
  if (record.kind !== 'procedure') return undefined;
  const text = withoutNotes(record.longDescription);
  if (!PER_DIEM_UNIT.test(text)) return undefined;
  if (PHARMACY_PER_DIEM.test(text)) return CATHETER_CARE.test(text) ? 'catheter_care' : 'therapy';
  if (NURSING_CARE.test(text)) return 'nursing';
  return 'other';
}

/** Reads every "do not use (this code) with ..." clause of a descriptor. Exported for its tests. */
export function parseExclusions(longDescription: string): PerDiemExclusion[] {
  const exclusions: PerDiemExclusion[] = [];
  for (const match of longDescription.matchAll(DO_NOT_USE_WITH)) {
    const clause = (match[1] ?? '').trim();
    const codes: CodeRange[] = [];
    for (const code of clause.matchAll(CODE_OR_RANGE)) {
      const prefix = (code[1] ?? '').toUpperCase();
      const digits = (code[2] ?? '').length;
      const from = Number(code[2]);
      if (code[4] === undefined) {
        codes.push({ prefix, digits, from, to: from });
        continue;
      }
      const endPrefix = (code[3] ?? '').toUpperCase();
      const to = Number(code[4]);
      // "s9365-s9368": one letter, ascending. Anything else is read as its two ends only.
      if (endPrefix === prefix && code[4].length === digits && to >= from) codes.push({ prefix, digits, from, to });
      else codes.push({ prefix, digits, from, to: from }, { prefix: endPrefix, digits: code[4].length, from: to, to });
    }
    const anyHomeInfusionPerDiem = ANY_HOME_INFUSION_PER_DIEM.test(clause);
    const anyPerDiem = !anyHomeInfusionPerDiem && ANY_PER_DIEM.test(clause);
    if (codes.length === 0 && !anyPerDiem && !anyHomeInfusionPerDiem) continue;
    exclusions.push({ wording: clause.replace(/\b[a-z]\d{4}\b/gi, (code) => code.toUpperCase()), codes, anyPerDiem, anyHomeInfusionPerDiem });
  }
  return exclusions;
}

// Rules run per claim and each asks about the same few records: read a record's descriptor once.
const factsCache = new WeakMap<CodeRecord, PerDiemFacts>();

export function perDiemFacts(record: CodeRecord): PerDiemFacts {
  // Eight rules ask, line by line, about the same two or three records of a claim: the last few asked
  // are compared by identity before the WeakMap is hashed into.
  for (let i = 0; i < RECENT_SLOTS; i++) if (recentRecords[i] === record) return recentFacts[i] as PerDiemFacts;
  let facts = factsCache.get(record);
  if (!facts) {
    facts = { kind: kindOf(record), exclusions: record.kind === 'procedure' ? parseExclusions(record.longDescription) : [], ownCode: ownCodeOf(record.code), pairs: new Map() };
    factsCache.set(record, facts);
  }
  recentRecords[nextRecent] = record;
  recentFacts[nextRecent] = facts;
  nextRecent = (nextRecent + 1) % RECENT_SLOTS;
  return facts;
}

const RECENT_SLOTS = 4;
const recentRecords: (CodeRecord | undefined)[] = new Array<CodeRecord | undefined>(RECENT_SLOTS).fill(undefined);
const recentFacts: (PerDiemFacts | undefined)[] = new Array<PerDiemFacts | undefined>(RECENT_SLOTS).fill(undefined);
let nextRecent = 0;

/** The per-diem kind of a code in the release, or undefined when the code is unknown or not billed per diem. */
export function perDiemKindOf(codes: CodeLookup, code: string): PerDiemKind | undefined {
  const record = codes.procedure(code);
  return record ? perDiemFacts(record).kind : undefined;
}

export function isPerDiem(record: CodeRecord): boolean {
  return perDiemFacts(record).kind !== undefined;
}

/** A pharmacy per diem (a therapy or catheter care): the per diems NHIA's "access day" counts. */
export function isPharmacyPerDiem(record: CodeRecord): boolean {
  const kind = perDiemFacts(record).kind;
  return kind === 'therapy' || kind === 'catheter_care';
}

/** A therapy per diem: the lines SH and SJ mark when two or more therapies run the same day. */
export function isTherapyPerDiem(record: CodeRecord): boolean {
  return perDiemFacts(record).kind === 'therapy';
}

/** A per diem that is a home-infusion service (descriptor "Home infusion therapy, ..."): "any home infusion per diem code". */
export function isHomeInfusionPerDiem(record: CodeRecord): boolean {
  return record.homeInfusionService && isPerDiem(record);
}

function ownCodeOf(code: string): OwnCode | undefined {
  const match = /^([A-Z]?)(\d{4,5})$/.exec(code);
  return match ? { prefix: match[1] ?? '', digits: (match[2] ?? '').length, number: Number(match[2]) } : undefined;
}

function inRange(code: OwnCode | undefined, range: CodeRange): boolean {
  return code !== undefined && code.prefix === range.prefix && code.digits === range.digits && code.number >= range.from && code.number <= range.to;
}

/** Whether a clause of `owner`'s descriptor forbids billing it with `other`. */
function clauseAgainst(owner: CodeRecord, other: CodeRecord): PerDiemExclusion | undefined {
  if (owner.code === other.code) return undefined;
  const exclusions = perDiemFacts(owner).exclusions;
  if (exclusions.length === 0) return undefined;
  // The other code is cut once, when its facts were first read, not by a regular expression per range.
  const otherCode = perDiemFacts(other).ownCode;
  return exclusions.find(
    (exclusion) =>
      (exclusion.anyPerDiem && isPerDiem(other)) ||
      (exclusion.anyHomeInfusionPerDiem && isHomeInfusionPerDiem(other)) ||
      exclusion.codes.some((range) => inRange(otherCode, range)),
  );
}

/** A pair of codes CMS's descriptors say not to bill together, with the code whose descriptor says so. */
export interface ExclusivePair {
  /** The code whose descriptor holds the clause. */
  readonly owner: string;
  readonly exclusion: PerDiemExclusion;
}

/**
 * Whether either code's descriptor says not to bill it with the other. Two rules ask about every pair of
 * a claim's lines, and claims pair the same few codes: each record keeps its answers by the other
 * record (up to PAIRS_KEPT of them; records never change once loaded).
 */
export function exclusivePair(a: CodeRecord, b: CodeRecord): ExclusivePair | undefined {
  const pairs = perDiemFacts(a).pairs;
  const known = pairs.get(b);
  if (known !== undefined) return known ?? undefined;
  const pair = workOutExclusivePair(a, b);
  if (pairs.size < PAIRS_KEPT) pairs.set(b, pair ?? null);
  return pair;
}

/** Partners whose answer a record keeps: more than the codes a home-infusion claim pairs, few enough to bound a hostile batch. */
const PAIRS_KEPT = 256;

function workOutExclusivePair(a: CodeRecord, b: CodeRecord): ExclusivePair | undefined {
  const fromA = clauseAgainst(a, b);
  if (fromA) return { owner: a.code, exclusion: fromA };
  const fromB = clauseAgainst(b, a);
  return fromB ? { owner: b.code, exclusion: fromB } : undefined;
}

/** The concurrency modifiers proper: the payer's first two (SH, the second therapy's; SJ, the third and later). */
export function concurrencyMarkers(concurrentModifiers: readonly string[]): readonly string[] {
  // Asked on every claim with a modifier, of a payer's settings, which are built once per payer: the
  // same list as last time is answered with the same markers.
  if (concurrentModifiers !== lastConcurrentModifiers) {
    lastMarkers = Object.freeze(concurrentModifiers.slice(0, 2));
    lastConcurrentModifiers = concurrentModifiers;
  }
  return lastMarkers;
}

let lastConcurrentModifiers: readonly string[] | undefined;
let lastMarkers: readonly string[] = [];

/** Whether a line carries one of the concurrency markers. */
export function carriesConcurrencyMarker(line: ClaimLine, markers: readonly string[]): boolean {
  const modifiers = line.modifiers;
  if (modifiers === undefined || modifiers.length === 0) return false;
  for (let i = 0; i < markers.length; i++) if (modifiers.includes(markers[i] as string)) return true;
  return false;
}

function sameModifiers(a: ClaimLine, b: ClaimLine): boolean {
  const left = [...new Set(a.modifiers ?? [])].sort();
  const right = [...new Set(b.modifiers ?? [])].sort();
  return left.length === right.length && left.every((modifier, i) => modifier === right[i]);
}

/**
 * Two lines of the same per diem on overlapping days bill the same therapy twice unless one of them is a
 * concurrent therapy: a duplicate when neither carries SH/SJ, or both carry the same modifiers.
 */
export function isDuplicatePerDiem(a: ClaimLine, b: ClaimLine, markers: readonly string[]): boolean {
  if (a.procedureCode !== b.procedureCode || !overlapOf(daySpanOf(a), daySpanOf(b))) return false;
  return (!carriesConcurrencyMarker(a, markers) && !carriesConcurrencyMarker(b, markers)) || sameModifiers(a, b);
}

/** The claim's lines in line-number order: "earlier" and "later" lines, the first therapy, all read it. */
export function linesInOrder(lines: readonly ClaimLine[]): readonly ClaimLine[] {
  // Claims nearly always list their lines in order: check that before paying for a copy and a sort.
  for (let i = 1; i < lines.length; i++) {
    if ((lines[i] as ClaimLine).lineNumber < (lines[i - 1] as ClaimLine).lineNumber) return [...lines].sort((a, b) => a.lineNumber - b.lineNumber);
  }
  return lines;
}
