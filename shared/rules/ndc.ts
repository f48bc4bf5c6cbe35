/**
 * How an NDC as sent reads against the 11-digit, 5-4-2 form X12 837P (LIN03 after N4) requires.
 * - `valid`: exactly 11 digits, nothing else.
 * - `convertible`: a hyphenated form whose 11-digit form is known: the FDA's 10-digit package forms
 *   4-4-2, 5-3-2 and 5-4-1 (the short segment gets a leading zero) or 5-4-2 with hyphens; `ndc11` is
 *   the 11 digits without hyphens.
 * - `malformed`: anything else (10 digits without hyphens is ambiguous: which segment is short?).
 */
export type NdcReading = { kind: 'valid' } | { kind: 'convertible'; ndc11: string } | { kind: 'malformed' };

const ELEVEN_DIGITS = /^\d{11}$/;
const HYPHENATED = /^(\d{4,5})-(\d{3,4})-(\d{1,2})$/;

/** Reads an NDC as sent; pure, no lookup of whether the NDC exists. */
export function readNdc(ndc: string): NdcReading {
  if (ELEVEN_DIGITS.test(ndc)) return { kind: 'valid' };
  const match = HYPHENATED.exec(ndc);
  if (!match) return { kind: 'malformed' };
  const [, labeler, product, pack] = match as unknown as [string, string, string, string];
  const shape = `${labeler.length}-${product.length}-${pack.length}`;
  switch (shape) {
    case '4-4-2':
      return { kind: 'convertible', ndc11: `0${labeler}${product}${pack}` };
    case '5-3-2':
      return { kind: 'convertible', ndc11: `${labeler}0${product}${pack}` };
    case '5-4-1':
      return { kind: 'convertible', ndc11: `${labeler}${product}0${pack}` };
    case '5-4-2':
      return { kind: 'convertible', ndc11: `${labeler}${product}${pack}` };
    default:
      return { kind: 'malformed' };
  }
}

/** The 11-digit form of an NDC as sent, or undefined when it has none. */
export function normalizeNdc(ndc: string): string | undefined {
  const reading = readNdc(ndc);
  if (reading.kind === 'valid') return ndc;
  return reading.kind === 'convertible' ? reading.ndc11 : undefined;
}
