import { digitsAt, isAsciiDigit, isAsciiDigits } from './ascii-digits.ts';
import { isCalendarDay } from './calendar.ts';

/** Whether a string matches a pattern of the contract. */
export type PatternCheck = (value: string) => boolean;

/**
 * The check for one of the contract's patterns, for the fast validation path (fast-validate.ts): a loop
 * over the characters when the pattern is one this module reads (same source, no flags), else the
 * pattern's own test. So a pattern changed in the contract is still checked exactly, only slower.
 *
 * Why: the fast path tests seven patterns on every claim (the claim id, submission and suite times, codes,
 * modifiers, places and diagnoses), and the regular expressions' calls were about a tenth of a scrub
 * (0.6 µs of 6.8 a claim). Each check here is held to its pattern, string by string, by
 * test/claim/pattern-checks.test.ts.
 */
export function checkFor(pattern: RegExp): PatternCheck {
  const check = pattern.flags === '' ? CHECKS.get(pattern.source) : undefined;
  return check ?? ((value) => pattern.test(value));
}

/** The sources this module reads, each with its check (String.raw: as RegExp#source spells them). */
const CHECKS = new Map<string, PatternCheck>([
  [String.raw`^[\x21-\x7E](?:[\x20-\x7E]{0,62}[\x21-\x7E])?$`, isClaimIdText],
  [String.raw`^[A-Za-z0-9]{5}$`, (value) => value.length === 5 && allOf(value, isAlphanumeric)],
  [String.raw`^[A-Za-z0-9]{2}$`, (value) => value.length === 2 && allOf(value, isAlphanumeric)],
  [String.raw`^\d{2}$`, (value) => value.length === 2 && isAsciiDigits(value)],
  [String.raw`^[A-Z0-9]{2}$`, (value) => value.length === 2 && allOf(value, isUpperOrDigit)],
  [String.raw`^[A-Z]{2}$`, (value) => value.length === 2 && allOf(value, isUpper)],
  [String.raw`^[A-TV-Z][0-9][0-9A-Z](\.?[0-9A-Z]{1,4})?$`, isDiagnosisCode],
  [
    String.raw`^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))T(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|([+-](?:[01]\d|2[0-3]):[0-5]\d)))$`,
    isOffsetDateTime,
  ],
]);

function allOf(value: string, test: (code: number) => boolean): boolean {
  for (let i = 0; i < value.length; i++) if (!test(value.charCodeAt(i))) return false;
  return true;
}

function isUpper(code: number): boolean {
  return code >= 0x41 && code <= 0x5a;
}

function isUpperOrDigit(code: number): boolean {
  return isAsciiDigit(code) || isUpper(code);
}

function isAlphanumeric(code: number): boolean {
  return isUpperOrDigit(code) || (code >= 0x61 && code <= 0x7a);
}

/** 1-64 printable ASCII characters, spaces allowed inside but not first or last. */
function isClaimIdText(value: string): boolean {
  const length = value.length;
  if (length < 1 || length > 64 || value.charCodeAt(0) === 0x20 || value.charCodeAt(length - 1) === 0x20) return false;
  for (let i = 0; i < length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) return false;
  }
  return true;
}

/** A letter but U, a digit, a letter or digit, then optionally a point and 1-4 letters or digits (or 1-4 of them without the point). */
function isDiagnosisCode(value: string): boolean {
  const length = value.length;
  if (length < 3 || length > 8) return false;
  const first = value.charCodeAt(0);
  if (!isUpper(first) || first === 0x55 || !isAsciiDigit(value.charCodeAt(1)) || !isUpperOrDigit(value.charCodeAt(2))) return false;
  if (length === 3) return true;
  const rest = value.charCodeAt(3) === 0x2e ? 4 : 3;
  const tail = length - rest;
  if (tail < 1 || tail > 4) return false;
  for (let i = rest; i < length; i++) if (!isUpperOrDigit(value.charCodeAt(i))) return false;
  return true;
}

/**
 * zod's ISO date-time with an offset: YYYY-MM-DD naming a Gregorian day (any year 0000-9999), T,
 * HH:MM:SS within the day, an optional fraction of one or more digits, then Z or ±HH:MM.
 */
function isOffsetDateTime(value: string): boolean {
  const length = value.length;
  if (length < 20) return false;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  const hours = digitsAt(value, 11, 2);
  const minutes = digitsAt(value, 14, 2);
  const seconds = digitsAt(value, 17, 2);
  if ((year | month | day | hours | minutes | seconds) < 0) return false;
  if (value.charCodeAt(4) !== 0x2d || value.charCodeAt(7) !== 0x2d || value.charCodeAt(10) !== 0x54 || value.charCodeAt(13) !== 0x3a || value.charCodeAt(16) !== 0x3a) return false;
  if (!isCalendarDay(year, month, day) || hours > 23 || minutes > 59 || seconds > 59) return false;
  let at = 19;
  if (value.charCodeAt(at) === 0x2e) {
    const start = ++at;
    while (at < length && isAsciiDigit(value.charCodeAt(at))) at++;
    if (at === start) return false;
  }
  const zone = value.charCodeAt(at);
  if (zone === 0x5a) return at + 1 === length;
  if ((zone !== 0x2b && zone !== 0x2d) || at + 6 !== length || value.charCodeAt(at + 3) !== 0x3a) return false;
  const offsetHours = digitsAt(value, at + 1, 2);
  const offsetMinutes = digitsAt(value, at + 4, 2);
  return offsetHours >= 0 && offsetHours <= 23 && offsetMinutes >= 0 && offsetMinutes <= 59;
}
