import { isAsciiDigits } from '../../claim/ascii-digits.ts';

/** CCYYMMDD → YYYY-MM-DD; anything else is returned unchanged for the contract to reject by name. */
export function isoFromD8(value: string): string {
  // A file's lines repeat a few dates: the last one is not built again.
  if (value === lastD8) return lastIso;
  // /^\d{8}$/ without a regular expression: a date or two of every line.
  if (value.length !== 8 || !isAsciiDigits(value)) return value;
  lastIso = `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
  lastD8 = value;
  return lastIso;
}

let lastD8 = '';
let lastIso = '';
