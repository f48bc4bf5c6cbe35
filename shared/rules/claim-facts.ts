import type { Claim, ClaimLine } from '../claim/contract.ts';

export const SUITE_MODIFIER = 'SS';
export const HIT_NURSE_MODIFIER = 'SD';
export { ADDON_HOUR_CODE, PRIMARY_VISIT_CODE } from '../codes/visit-codes.ts';
import { ADDON_HOUR_CODE, PRIMARY_VISIT_CODE } from '../codes/visit-codes.ts';
import { CPT_CODE } from '../codes/cpt-file.ts';
import { digitsAt, isAsciiDigit } from '../claim/ascii-digits.ts';
import { isCalendarDay } from '../claim/calendar.ts';
/** CMS place of service 12: the patient's home. */
export const POS_HOME = '12';
/** 837P SV101-03..06: four modifier slots. */
export const MAX_MODIFIERS_PER_LINE = 4;

export function hasModifier(line: ClaimLine, modifier: string): boolean {
  return line.modifiers?.includes(modifier) ?? false;
}

/** Like `linesWithModifier(...).length > 0` without building the array: most claims have no SS line, and rules ask on every claim. */
export function hasLineWithModifier(claim: Claim, modifier: string): boolean {
  for (const line of claim.lines) {
    if (hasModifier(line, modifier)) return true;
  }
  return false;
}

const NO_MODIFIERS: readonly string[] = [];

/**
 * The line's modifiers once each, in first-seen order: the line's own list when it repeats none (nearly
 * always). Always an array, so the rules' loops over it run on the array fast path; an Iterable that was
 * sometimes a Set made every such loop allocate an iterator and its results.
 */
export function distinctModifiers(line: ClaimLine): readonly string[] {
  const modifiers = line.modifiers;
  if (!modifiers || modifiers.length === 0) return NO_MODIFIERS;
  for (let i = 1; i < modifiers.length; i++) {
    // At most four modifiers: a repeat is found by comparison, not a Set.
    if (modifiers.lastIndexOf(modifiers[i] as string, i - 1) !== -1) return [...new Set(modifiers)];
  }
  return modifiers;
}

/** The lines that carry the modifier; the one shared empty list when none does (most claims, for SS). */
export function linesWithModifier(claim: Claim, modifier: string): readonly ClaimLine[] {
  return hasLineWithModifier(claim, modifier) ? claim.lines.filter((line) => hasModifier(line, modifier)) : NO_LINES;
}

const NO_LINES: readonly ClaimLine[] = [];

/** The 99601 (primary) and 99602 (add-on) lines of one service date, in claim order. */
export interface VisitDay {
  readonly date: string;
  readonly primary: readonly ClaimLine[];
  readonly addon: readonly ClaimLine[];
}

/** Not frozen: a frozen array's elements kind keeps loops over it off the array fast path. */
const NO_VISIT_DAYS: readonly VisitDay[] = [];

/**
 * 99601 and 99602 lines grouped by service date, dates in the order the claim first names them. Four
 * rules ask on every claim, one after another: the grouping is worked out once and given again while
 * the claim's lines are the same line objects with the same codes and dates (all it is made of).
 */
export function visitDays(claim: Claim): readonly VisitDay[] {
  const lines = claim.lines;
  // Most claims have no visit line: no grouping for them, and nothing to keep (the scan is the check).
  if (!lines.some(isVisitLine)) return NO_VISIT_DAYS;
  if (sameVisitKey(lines)) return lastVisitDays;
  // A claim has a few dates: found by a search of the days so far, without a Map.
  const days: { date: string; primary: ClaimLine[]; addon: ClaimLine[] }[] = [];
  for (const line of lines) {
    const isPrimary = line.procedureCode === PRIMARY_VISIT_CODE;
    if (!isPrimary && line.procedureCode !== ADDON_HOUR_CODE) continue;
    let group = days.find((day) => day.date === line.serviceDate);
    if (!group) {
      group = { date: line.serviceDate, primary: [], addon: [] };
      days.push(group);
    }
    (isPrimary ? group.primary : group.addon).push(line);
  }
  keepVisitKey(lines);
  lastVisitDays = days;
  return days;
}

/** The lines visitDays last grouped, with their codes and dates then: lines[i], code[i], date[i] in turn. */
const lastVisitKey: (ClaimLine | string)[] = [];
let lastVisitDays: readonly VisitDay[] = NO_VISIT_DAYS;

function sameVisitKey(lines: readonly ClaimLine[]): boolean {
  if (lastVisitKey.length !== lines.length * 3) return false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as ClaimLine;
    if (lastVisitKey[3 * i] !== line || lastVisitKey[3 * i + 1] !== line.procedureCode || lastVisitKey[3 * i + 2] !== line.serviceDate) return false;
  }
  return true;
}

function keepVisitKey(lines: readonly ClaimLine[]): void {
  lastVisitKey.length = 0;
  for (const line of lines) lastVisitKey.push(line, line.procedureCode, line.serviceDate);
}

function isVisitLine(line: ClaimLine): boolean {
  return line.procedureCode === PRIMARY_VISIT_CODE || line.procedureCode === ADDON_HOUR_CODE;
}

/** Infusion minutes of a 99601 visit: the line's own, else the claim's documentation; undefined when unknown. */
export function visitMinutes(claim: Claim, primary: ClaimLine): number | undefined {
  return primary.infusionMinutes ?? claim.documentation?.infusionMinutes;
}

/**
 * 99602 units a visit earns: whole hours beyond the first 120 minutes, plus one when the
 * remaining part-hour passes the half-hour mid-point (more than 30 minutes).
 */
export function earnedAddonUnits(minutes: number): number {
  if (minutes <= 120) return 0;
  const beyond = minutes - 120;
  return Math.floor(beyond / 60) + (beyond % 60 > 30 ? 1 : 0);
}

/** A count of 99602 units as a message says it: "1 unit", "2 units". */
export function unitCount(units: number): string {
  return `${units} unit${units === 1 ? '' : 's'}`;
}

/**
 * Units of 99602 the 99601 visits of one date earn, or undefined when any visit's minutes are unknown
 * (unknown minutes earn no finding).
 */
export function earnedUnitsForDate(claim: Claim, primaries: readonly ClaimLine[]): number | undefined {
  let total = 0;
  for (const primary of primaries) {
    const minutes = visitMinutes(claim, primary);
    if (minutes === undefined) return undefined;
    total += earnedAddonUnits(minutes);
  }
  return total;
}

export function isMedicare(claim: Claim): boolean {
  return claim.payer.type === 'medicare';
}

/**
 * The shape of a CPT Level I code (five digits) or a Category II, III or PLA code (four digits and F, T
 * or U). CPT is licensed by the AMA and is not in the CMS Level II file, so without a licensed CPT file
 * such a code is merely unvalidated, not unknown.
 */
export function isCptShapedCode(code: string): boolean {
  return CPT_CODE.test(code);
}

/**
 * The shape of a CPT modifier: two digits (25, 59, ...) or a Category II performance modifier (1P, 2P,
 * 3P, 8P). Every HCPCS Level II modifier starts with a letter, so these can only come from CPT.
 */
export function isCptShapedModifier(modifier: string): boolean {
  if (modifier.length !== 2) return false;
  const first = modifier.charCodeAt(0);
  const second = modifier.charCodeAt(1);
  return first >= 48 && first <= 57 && ((second >= 48 && second <= 57) || second === 0x50);
}

/** The furthest time zone ahead of UTC (UTC+14, Line Islands). */
const FURTHEST_AHEAD_MS = 14 * 60 * 60 * 1000;

/**
 * The latest calendar date anywhere on earth at an instant. A service date after it cannot have
 * happened yet, whatever the provider's time zone or the offset the sender wrote, so a check against
 * it never errs on a claim from a zone ahead of UTC and still catches 2099 or 9999.
 */
export function latestDateAnywhere(instant: number): string {
  // Rounded up to the end of its minute, so consecutive claims share one formatted date (formatting a
  // Date costs more than the rest of a date rule); later, never earlier, so no real date is refused.
  const minuteEnd = Math.ceil(instant / MINUTE_MS) * MINUTE_MS;
  if (minuteEnd !== latestMinuteEnd) {
    latestDate = isoDateOfDay(Math.floor((minuteEnd + FURTHEST_AHEAD_MS) / DAY_MS));
    latestMinuteEnd = minuteEnd;
  }
  return latestDate;
}

const DAY_MS = 86_400_000;
/** 10000-01-01 as a day number. */
const MAX_DAY = 2_932_897;

/**
 * YYYY-MM-DD of a day counted from 1970-01-01. A claim's dates fall on a few hundred days at most, and
 * the date rules format one for every claim, so each day is formatted once and kept (up to
 * DATE_TEXT_KEPT days; then the kept ones are dropped and formatting starts again).
 */
export function isoDateOfDay(day: number): string {
  let text = DATE_TEXT.get(day);
  if (text === undefined) {
    text = formatDay(day);
    if (DATE_TEXT.size >= DATE_TEXT_KEPT) DATE_TEXT.clear();
    DATE_TEXT.set(day, text);
  }
  return text;
}

const DATE_TEXT = new Map<number, string>();
const DATE_TEXT_KEPT = 4_096;

/** By arithmetic (Hinnant's civil-from-days): no Date to format. */
function formatDay(day: number): string {
  // Past year 9999 the dates no longer sort as strings; the contract's dates end there anyway.
  if (day >= MAX_DAY) return '9999-12-31';
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const dayOfMonth = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${dayOfMonth < 10 ? '0' : ''}${dayOfMonth}`;
}

/**
 * Days since 1970-01-01 of a YYYY-MM-DD date (the contract guarantees real calendar dates), by
 * arithmetic (Hinnant's days-from-civil, the inverse of isoDateOfDay): the per-diem and nursing rules
 * read every line's dates, and Date.parse of a built string cost them more than the rest of their work.
 */
export function dayNumber(isoDate: string): number {
  return daysFromCivil(digits(isoDate, 0, 4), digits(isoDate, 5, 2), digits(isoDate, 8, 2));
}

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The decimal number written by `length` ASCII digits of `text` from `start`. */
function digits(text: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) value = value * 10 + (text.charCodeAt(i) - 48);
  return value;
}

/**
 * Milliseconds since 1970 of a date-time in the contract's form (YYYY-MM-DDTHH:MM:SS, an optional
 * fraction, then Z or ±HH:MM), exactly as Date.parse reads it (a fraction counts to the millisecond,
 * further digits are dropped); anything else goes to Date.parse. The date rules read every claim's
 * submittedAt, and Date.parse was most of their cost.
 */
export function instantOf(dateTime: string): number {
  const length = dateTime.length;
  if (length < 20) return Date.parse(dateTime);
  // Each field read as two digits, or -1 when either is not one.
  const century = digitsAt(dateTime, 0, 2);
  const yearOfCentury = digitsAt(dateTime, 2, 2);
  const month = digitsAt(dateTime, 5, 2);
  const day = digitsAt(dateTime, 8, 2);
  const hours = digitsAt(dateTime, 11, 2);
  const minutes = digitsAt(dateTime, 14, 2);
  const seconds = digitsAt(dateTime, 17, 2);
  if (
    (century | yearOfCentury | month | day | hours | minutes | seconds) < 0 ||
    dateTime.charCodeAt(4) !== 0x2d ||
    dateTime.charCodeAt(7) !== 0x2d ||
    dateTime.charCodeAt(10) !== 0x54 ||
    dateTime.charCodeAt(13) !== 0x3a ||
    dateTime.charCodeAt(16) !== 0x3a
  ) {
    return Date.parse(dateTime);
  }
  let at = 19;
  let milliseconds = 0;
  if (dateTime.charCodeAt(at) === 0x2e) {
    at++;
    if (!isAsciiDigit(dateTime.charCodeAt(at))) return Date.parse(dateTime);
    for (let scale = 100; at < length && isAsciiDigit(dateTime.charCodeAt(at)); at++, scale /= 10) {
      if (scale >= 1) milliseconds += (dateTime.charCodeAt(at) - 48) * scale;
    }
  }
  let offsetMinutes = 0;
  const zone = dateTime.charCodeAt(at);
  if (zone === 0x5a && at + 1 === length) {
    // UTC: no offset.
  } else if ((zone === 0x2b || zone === 0x2d) && at + 6 === length && dateTime.charCodeAt(at + 3) === 0x3a) {
    const offsetHours = digitsAt(dateTime, at + 1, 2);
    const offsetRest = digitsAt(dateTime, at + 4, 2);
    if (offsetHours < 0 || offsetRest < 0 || offsetHours > 23 || offsetRest > 59) return Date.parse(dateTime);
    offsetMinutes = (zone === 0x2d ? -1 : 1) * (offsetHours * 60 + offsetRest);
  } else return Date.parse(dateTime);
  const year = century * 100 + yearOfCentury;
  // Out-of-range fields (the contract's pattern refuses them) are left to Date.parse and its NaN.
  if (hours > 23 || minutes > 59 || seconds > 59 || !isCalendarDay(year, month, day)) return Date.parse(dateTime);
  return daysFromCivil(year, month, day) * DAY_MS + ((hours * 60 + minutes - offsetMinutes) * 60 + seconds) * 1000 + milliseconds;
}

const MINUTE_MS = 60_000;
let latestMinuteEnd = Number.NaN;
let latestDate = '';
/** The date rules read one claim's submittedAt one after another: parse it once. */
let submittedAt = '';
let submittedLatest = '';

/** The latest date anywhere when the claim was submitted; undefined without a submittedAt. */
export function latestSubmittedDate(claim: Claim): string | undefined {
  if (claim.submittedAt === undefined) return undefined;
  if (claim.submittedAt !== submittedAt) {
    submittedLatest = latestDateAnywhere(instantOf(claim.submittedAt));
    submittedAt = claim.submittedAt;
  }
  return submittedLatest;
}

/** The last service date that can be real: not after the claim was submitted, nor after now. */
export function latestPossibleServiceDate(claim: Claim, now: Date): string {
  const today = latestDateAnywhere(now.getTime());
  const submittedBy = latestSubmittedDate(claim);
  return submittedBy !== undefined && submittedBy < today ? submittedBy : today;
}

/**
 * The claim's latest service date that can be real (YYYY-MM-DD strings compare in date order), or
 * undefined when every line is dated in the future: those dates are SERVICE-DATE-FUTURE's, and say
 * nothing about which code release the claim needs.
 */
export function latestPossibleDateOnClaim(claim: Claim, now: Date): string | undefined {
  const bound = latestPossibleServiceDate(claim, now);
  let latest: string | undefined;
  for (const line of claim.lines) {
    if (line.serviceDate <= bound && (latest === undefined || line.serviceDate > latest)) latest = line.serviceDate;
  }
  return latest;
}
