import type { Separators } from '../../shared/formats/x12/isa-header.ts';

/** A segment as this tokenizer made it: every element a list of component strings. */
export interface EagerSegment {
  readonly tag: string;
  readonly elements: readonly (readonly string[])[];
}


/**
 * The tokenizer as it was before its segments kept their values in the text (decision 017): it
 * made a string of every element. Kept as the reference the lazy segments are compared with, value
 * by value, on every fixture and on generated text.
 *
 * Splits decoded X12 text into segments, chunk by chunk: a segment the chunk cuts in two is held
 * until its terminator arrives. Separators come from the ISA, which readIsaHeader has checked.
 *
 * It keeps the rules of x12-parser, which the reader used before (decision 017), so every file
 * reads as it did:
 * - line breaks are not part of the data: "\r\n" and "\n" inside a segment are dropped, and every
 *   tag, element and component is trimmed of white space (String.prototype.trim);
 * - a segment whose tag is empty (white space after the last terminator, "~~") is left out;
 * - ISA elements are not split into components (ISA16 is the component separator itself);
 * - the repetition separator (ISA11) does not split anything: a repeated element stays one string.
 */
export class EagerX12Tokenizer {
  readonly #element: string;
  readonly #component: string;
  readonly #terminator: string;
  /** "\r" terminated files: a "\r\n" is one line break, not a terminator followed by one. */
  readonly #joinCrLf: boolean;
  /** Text after the last terminator: the start of a segment the next chunk finishes. */
  #carry = '';
  /** Values of 1-3 printable ASCII characters met so far, as one-value elements, by their characters (#short's key; 0 marks a free slot). */
  readonly #shortKeys = new Int32Array(SHORT_TABLE_SLOTS);
  readonly #shortValues: (readonly string[])[] = new Array<readonly string[]>(SHORT_TABLE_SLOTS).fill(EMPTY_ELEMENT);
  #shortCount = 0;

  /** `afterIsa` is the character after the ISA's terminator, to tell CRLF-terminated files apart. */
  constructor(separators: Pick<Separators, 'element' | 'component' | 'segment'>, afterIsa = '') {
    this.#element = separators.element;
    this.#component = separators.component;
    // A file whose segments end in "\r\n" ends its ISA in "\r" by position: "\n" is the terminator
    // then, and the "\r" before each one is trimmed away with the element it ends.
    const crlf = separators.segment === '\r' && afterIsa === '\n';
    this.#terminator = crlf ? '\n' : separators.segment;
    this.#joinCrLf = separators.segment === '\r' && !crlf;
  }

  /** Takes the next piece of text; returns the segments it completes, in order (often many, possibly none). */
  push(text: string): EagerSegment[] {
    const data = this.#carry + (this.#joinCrLf ? text.replace(/\r\n/g, '\n') : text);
    const last = data.lastIndexOf(this.#terminator);
    if (last === -1) {
      this.#carry = data;
      return [];
    }
    this.#carry = data.slice(last + 1);
    return this.#scan(data, last + 1);
  }

  /** The text ended: what follows the last terminator is a segment too (a file cut short ends in one). */
  end(): EagerSegment[] {
    const data = this.#carry + this.#terminator;
    this.#carry = '';
    return this.#scan(data, data.length);
  }

  /** Characters held for a segment not yet finished. */
  get pending(): number {
    return this.#carry.length;
  }

  /**
   * The segments of data[0, end), which ends with a terminator. One pass over the characters, with
   * no intermediate arrays or strings: splitting with String.split and trimming every piece
   * allocated several times what the segments themselves hold, and that was most of the time.
   */
  #scan(data: string, end: number): EagerSegment[] {
    const terminator = this.#terminator.charCodeAt(0);
    const element = this.#element.charCodeAt(0);
    const component = this.#component.charCodeAt(0);
    const out: EagerSegment[] = [];
    let tag: string | undefined;
    // A segment's elements are gathered here and copied out at its terminator: an array of the
    // right length, where one grown by push reserves room for 17.
    const elements = SCRATCH;
    let count = 0;
    // The components read so far of a composite element; an element of one value becomes [value]
    // when it ends (or the shared [''] when empty, the most common value), so no array grows for it.
    let components: string[] | undefined;
    let from = 0;
    let newline = false;
    for (let i = 0; i < end; i++) {
      const code = data.charCodeAt(i);
      if (code === terminator || code === element) {
        // A short value (a tag, a qualifier, a code) is most often one seen before: its string and
        // its one-value element are the ones made then.
        const short = this.#short(data, from, i);
        if (tag === undefined) tag = short ? (short[0] as string) : field(data, from, i, newline);
        else if (components === undefined) elements[count++] = short ?? [field(data, from, i, newline)];
        else {
          components.push(short ? (short[0] as string) : field(data, from, i, newline));
          elements[count++] = components;
          components = undefined;
        }
        if (code === terminator) {
          // A segment without a tag (white space after the last terminator, "~~") is left out.
          if (tag !== '') out.push({ tag, elements: elements.slice(0, count) });
          tag = undefined;
          count = 0;
        }
        from = i + 1;
        newline = false;
      } else if (code === component && tag !== undefined && tag !== 'ISA') {
        const short = this.#short(data, from, i);
        (components ??= []).push(short ? (short[0] as string) : field(data, from, i, newline));
        from = i + 1;
        newline = false;
      } else if (code === 0x0a) {
        newline = true;
      }
    }
    return out;
  }

  /**
   * data[from, to) trimmed, as the one-value element the tokenizer made for it before, when it is
   * at most 3 printable ASCII characters (so holds no line break); undefined for anything else,
   * which is read by `field`. The empty value is the shared [''].
   */
  #short(data: string, from: number, to: number): readonly string[] | undefined {
    let start = from;
    let stop = to;
    while (start < stop && isTrimmed(data.charCodeAt(start))) start++;
    while (stop > start && isTrimmed(data.charCodeAt(stop - 1))) stop--;
    const length = stop - start;
    if (length === 0) return EMPTY_ELEMENT;
    if (length > 3) return undefined;
    // Length and characters in one small integer: values of different lengths never share one.
    let key = length;
    for (let k = start; k < stop; k++) {
      const code = data.charCodeAt(k);
      if (code < 0x20 || code > 0x7e) return undefined;
      key = key * 128 + code;
    }
    // Open addressing in a table at most half full: a Map's lookup cost more than the strings it saved.
    const keys = this.#shortKeys;
    let slot = Math.imul(key, 0x9e3779b1) >>> (32 - SHORT_TABLE_BITS);
    for (let k = keys[slot]; k !== 0; k = keys[slot]) {
      if (k === key) return this.#shortValues[slot];
      slot = (slot + 1) & (SHORT_TABLE_SLOTS - 1);
    }
    const value = Object.freeze([data.slice(start, stop)]);
    // Bounded: a file of many distinct short values remembers the first ones only.
    if (this.#shortCount < SHORT_TABLE_SLOTS / 2) {
      keys[slot] = key;
      this.#shortValues[slot] = value;
      this.#shortCount++;
    }
    return value;
  }
}

/** Slots of the short-value table: a claim file has a few hundred short values; half the slots is the bound for a hostile one. */
const SHORT_TABLE_BITS = 13;
const SHORT_TABLE_SLOTS = 2 ** SHORT_TABLE_BITS;

/** Every empty element is this one array: segments are read, never changed (Segment's arrays are readonly). */
const EMPTY_ELEMENT: readonly string[] = Object.freeze(['']);
/** Elements of the segment being scanned; #scan runs to the end without yielding, so one array serves every tokenizer. */
const SCRATCH: (readonly string[])[] = [];

/**
 * data[from, to) trimmed as String.prototype.trim does, without line breaks when it holds one:
 * most values have nothing to trim, and are sliced once.
 */
function field(data: string, from: number, to: number, newline: boolean): string {
  let start = from;
  let stop = to;
  while (start < stop && isTrimmed(data.charCodeAt(start))) start++;
  while (stop > start && isTrimmed(data.charCodeAt(stop - 1))) stop--;
  const value = data.slice(start, stop);
  // The line break after a terminator is trimmed with the tag: only one inside a value is removed.
  return newline && value.includes('\n') ? value.replace(/\r?\n/g, '').trim() : value;
}

/** The characters String.prototype.trim removes: ASCII white space, and Unicode spaces and line separators. */
function isTrimmed(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}
