import { topLevelValuesOf } from './document-splitter.ts';
import { NOT_JSON_CLAIMS } from './read-json.ts';

/**
 * One claim of a JSON-contract document: a JSON object of its own, an element of a JSON array, or
 * an NDJSON line. A line that is not JSON becomes an item with a parse error, so it rejects that
 * claim and not the run.
 */
export interface ClaimInputItem {
  /** 0-based position of the claim in the document. */
  index: number;
  /** 1-based line of the claim in the document, for NDJSON and values back to back. */
  line?: number;
  /** The parsed JSON value, when it parsed. */
  value?: unknown;
  /** Why the item could not be parsed. */
  parseError?: string;
}

/** Splits a claims document already in memory into its claims, as openClaimsFile reads a stream of it. */
export function splitClaimsDocument(text: string): ClaimInputItem[] {
  return topLevelValuesOf(text, NOT_JSON_CLAIMS).map((top, index) => ({
    index,
    ...(top.line === undefined ? {} : { line: top.line }),
    ...(top.parseError === undefined ? { value: top.value } : { parseError: top.parseError }),
  }));
}
