/** One X12 segment: its tag and its elements, each a list of components (most elements have one). */
export interface Segment {
  readonly tag: string;
  /** `elements[0]` is element 01. Read only: empty elements share one array. */
  readonly elements: readonly (readonly string[])[];
}

/**
 * Element `n` (1-based) of a segment, or component `c` (1-based) of it; '' when absent.
 * X12 treats an empty element and a missing one alike.
 */
export function el(segment: Segment, n: number, c = 1): string {
  return segment.elements[n - 1]?.[c - 1] ?? '';
}

/** Segment tags are 2–3 upper-case letters or digits starting with a letter. */
export function isSegmentTag(tag: string): boolean {
  return /^[A-Z][A-Z0-9]{1,2}$/.test(tag);
}
