/**
 * ASCII digits read without a regular expression, for the checks that run on every claim or every
 * line (validation, the date rules, the X12 mapping): `\d` in the contract's patterns is these ten.
 */
export function isAsciiDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** /^\d+$/: one digit or more, and nothing else. */
export function isAsciiDigits(value: string): boolean {
  if (value === '') return false;
  for (let i = 0; i < value.length; i++) if (!isAsciiDigit(value.charCodeAt(i))) return false;
  return true;
}

/** The number `count` digits of `text` at `at` write, or -1 when one is not a digit (or is past the end). */
export function digitsAt(text: string, at: number, count: number): number {
  let number = 0;
  for (let i = at; i < at + count; i++) {
    const code = text.charCodeAt(i);
    if (!isAsciiDigit(code)) return -1;
    number = number * 10 + code - 0x30;
  }
  return number;
}
