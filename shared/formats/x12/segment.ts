/**
 * One X12 segment: its tag and its elements, each a list of components (most elements have one).
 * Values are read with `el`; how a segment holds them is its own (the tokenizer's segments keep
 * their place in the decoded text and cut a value only when it is asked for).
 */
export interface Segment {
  readonly tag: string;
  /** Elements after the tag, empty ones included ("SV1*A**" has 3). */
  readonly elementCount: number;
  /** Element `n` (1-based), or component `c` (1-based) of it; '' when absent. */
  el(n: number, c: number): string;
  /** Components of element `n` (1-based): 1 for an element without a component separator, 0 past the last element. */
  componentCount(n: number): number;
}

/**
 * Element `n` (1-based) of a segment, or component `c` (1-based) of it; '' when absent.
 * X12 treats an empty element and a missing one alike.
 */
export function el(segment: Segment, n: number, c = 1): string {
  return segment.el(n, c);
}

/** Every element of a segment as its list of components, for tests and tools that compare segments whole. */
export function elementsOf(segment: Segment): string[][] {
  const elements: string[][] = [];
  for (let n = 1; n <= segment.elementCount; n++) {
    const components: string[] = [];
    for (let c = 1; c <= segment.componentCount(n); c++) components.push(segment.el(n, c));
    elements.push(components);
  }
  return elements;
}

/** A segment made of values already split (x12-parser's segments, tests). */
export class ArraySegment implements Segment {
  readonly tag: string;
  readonly #elements: readonly (readonly string[])[];

  /** `elements[0]` is element 01. */
  constructor(tag: string, elements: readonly (readonly string[])[]) {
    this.tag = tag;
    this.#elements = elements;
  }

  get elementCount(): number {
    return this.#elements.length;
  }

  el(n: number, c: number): string {
    return this.#elements[n - 1]?.[c - 1] ?? '';
  }

  componentCount(n: number): number {
    return this.#elements[n - 1]?.length ?? 0;
  }
}

/** Segment tags are 2–3 upper-case letters or digits starting with a letter. */
export function isSegmentTag(tag: string): boolean {
  return /^[A-Z][A-Z0-9]{1,2}$/.test(tag);
}
