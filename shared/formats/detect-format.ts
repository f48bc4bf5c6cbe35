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
  if (looksLikeX12(body)) return 'x12';
  return hasResourceType(firstJsonValue(body)) ? 'fhir' : 'json';
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

function hasResourceType(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { resourceType?: unknown }).resourceType === 'string';
}
