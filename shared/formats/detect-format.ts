import type { ClaimFormat } from './types.ts';

/**
 * The format of a claims file, judged by its content and never by its name: X12 when it starts
 * (after any BOM or whitespace) with a segment tag and a separator, as an ISA does; FHIR when its
 * first JSON value is a resource (it has `resourceType`); otherwise the JSON claim contract.
 * A file starting with GS or ST counts as X12 too, so it is rejected for its missing ISA rather
 * than as bad JSON.
 */
export function detectFormat(text: string): ClaimFormat {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (looksLikeX12(body) || laterIsaOffset(body.slice(0, PEEK_CHARACTERS)) !== undefined) return 'x12';
  return hasResourceType(firstJsonValue(body)) ? 'fhir' : 'json';
}

/** How far into a file an interchange header is looked for, when the file does not start with one. */
export const PEEK_CHARACTERS = 4096;

/**
 * Where an ISA header starts in text that does not start with one: a title or a note typed above
 * the interchange. Such a file is X12 sent wrong, not bad JSON. JSON never counts: a claim JSON
 * document may mention "ISA*" in a string.
 */
export function laterIsaOffset(start: string): number | undefined {
  if (/^[{[]/.test(start)) return undefined;
  // ISA, its element separator, and ISA01 (two digits) closed by the same separator.
  const found = /(?:^|[^A-Za-z0-9])ISA([^A-Za-z0-9\s])\d\d\1/.exec(start);
  if (!found) return undefined;
  return found.index + found[0].indexOf('ISA');
}

export function looksLikeX12(start: string): boolean {
  return /^[A-Z][A-Z0-9]{1,2}[^A-Za-z0-9\s{["]/.test(start);
}

function firstJsonValue(body: string): unknown {
  try {
    const whole: unknown = JSON.parse(body);
    return Array.isArray(whole) ? whole[0] : whole;
  } catch {
    // NDJSON: judge by the first line that parses.
  }
  for (const line of body.split(/\r?\n/, 20)) {
    try {
      return JSON.parse(line);
    } catch {
      continue;
    }
  }
  return undefined;
}

/** A FHIR resource: an object with a string `resourceType`. */
export function hasResourceType(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { resourceType?: unknown }).resourceType === 'string';
}
