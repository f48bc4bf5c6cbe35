import type { FormattedSegment } from 'x12-parser';

/** One X12 segment: its tag and its elements, each a list of components (most elements have one). */
export interface Segment {
  tag: string;
  /** `elements[0]` is element 01. */
  elements: string[][];
}

/**
 * Element `n` (1-based) of a segment, or component `c` (1-based) of it; '' when absent.
 * X12 treats an empty element and a missing one alike.
 */
export function el(segment: Segment, n: number, c = 1): string {
  return segment.elements[n - 1]?.[c - 1] ?? '';
}

/** A segment as x12-parser hands it over: `{ name, '1': first component, '1-1': second component, … }`. */
export function fromFormatted(formatted: FormattedSegment): Segment {
  const elements: string[][] = [];
  // JavaScript lists integer-like keys first, in ascending order, then the others as inserted:
  // every element comes before its further components, and those come in order.
  for (const key in formatted) {
    if (key === 'name') continue;
    const value = formatted[key] as string;
    const dash = key.indexOf('-');
    if (dash === -1) elements[Number(key) - 1] = [value];
    else elements[Number(key.slice(0, dash)) - 1]?.push(value);
  }
  return { tag: formatted.name, elements };
}

/** Segment tags are 2–3 upper-case letters or digits starting with a letter. */
export function isSegmentTag(tag: string): boolean {
  return /^[A-Z][A-Z0-9]{1,2}$/.test(tag);
}
