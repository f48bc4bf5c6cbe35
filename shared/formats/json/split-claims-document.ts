import { UnreadableInputError } from '../errors.ts';
import { splitConcatenatedObjects } from './concatenated-values.ts';

/**
 * One claim of a JSON-contract document: a JSON object of its own, an element of a JSON array, or
 * an NDJSON line. A line that is not JSON becomes an item with a parse error, so it rejects that
 * claim and not the run.
 */
export interface ClaimInputItem {
  /** 0-based position of the claim in the document. */
  index: number;
  /** 1-based line of the claim in the document, for NDJSON. */
  line?: number;
  /** The parsed JSON value, when it parsed. */
  value?: unknown;
  /** Why the item could not be parsed. */
  parseError?: string;
}

/** Splits a claims document into individual inputs: one claim (a JSON object), a JSON array of claims, or NDJSON. */
export function splitClaimsDocument(text: string): ClaimInputItem[] {
  const body = text.replace(/^\uFEFF/, '');
  const trimmed = body.trim();
  if (trimmed === '') throw new UnreadableInputError('the input holds no claims (it is empty)');

  if (trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      throw new UnreadableInputError(`the input looks like a JSON array but is not valid JSON: ${(error as Error).message}`);
    }
    if (!Array.isArray(parsed)) throw new UnreadableInputError('the input is not a JSON array');
    if (parsed.length === 0) throw new UnreadableInputError('the input holds no claims (the array is empty)');
    return parsed.map((value, index) => ({ index, value }));
  }

  // A single pretty-printed claim spans many lines: try the whole text first.
  try {
    return [{ index: 0, value: JSON.parse(trimmed) }];
  } catch {
    // Not one JSON document: read it as NDJSON below.
  }

  const items: ClaimInputItem[] = [];
  const lines = body.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]?.trim() ?? '';
    if (raw === '') continue;
    const item: ClaimInputItem = { index: items.length, line: i + 1 };
    try {
      item.value = JSON.parse(raw);
    } catch (error) {
      item.parseError = `line ${i + 1} is not valid JSON: ${(error as Error).message}`;
    }
    items.push(item);
  }
  if (items.some((item) => item.parseError !== undefined) && trimmed.startsWith('{')) {
    // Pretty-printed claims back to back (`cat a.json b.json`) are claims, not dozens of broken lines.
    const concatenated = splitConcatenatedObjects(body);
    if (concatenated) return concatenated.map(({ value, line }, index) => ({ index, line, value }));
  }
  if (items.every((item) => item.parseError !== undefined) && items.length > 0 && !trimmed.startsWith('{')) {
    throw new UnreadableInputError('the input is neither JSON nor NDJSON claims');
  }
  return items;
}
