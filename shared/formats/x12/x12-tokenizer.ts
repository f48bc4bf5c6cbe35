import type { Separators } from './isa-header.ts';
import type { Segment } from './segment.ts';

/**
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
 *
 * A segment is its tag and its place in the decoded text: its elements are found when one is first
 * asked for, and a value becomes a string only when it is read (decision 017). The reader reads
 * the values it maps or checks, a few of each segment: making a string of every element, and an
 * array of each segment's elements, was most of the tokenizer's time and of the garbage it left.
 */
export class X12Tokenizer {
  readonly #element: string;
  readonly #terminator: string;
  /** "\r" terminated files: a "\r\n" is one line break, not a terminator followed by one. */
  readonly #joinCrLf: boolean;
  readonly #syntax: Syntax;
  /** The ISA's elements are not split into components. */
  readonly #isaSyntax: Syntax;
  /** Text after the last terminator: the start of a segment the next chunk finishes. */
  #carry = '';
  /** Tags of 1-3 printable ASCII characters met so far, by their characters (#tagKeys' key; 0 marks a free slot). */
  readonly #tagKeys = new Int32Array(TAG_TABLE_SLOTS);
  readonly #tagValues: string[] = new Array<string>(TAG_TABLE_SLOTS).fill('');
  #tagCount = 0;

  /** `afterIsa` is the character after the ISA's terminator, to tell CRLF-terminated files apart. */
  constructor(separators: Pick<Separators, 'element' | 'component' | 'segment'>, afterIsa = '') {
    this.#element = separators.element;
    // A file whose segments end in "\r\n" ends its ISA in "\r" by position: "\n" is the terminator
    // then, and the "\r" before each one is trimmed away with the element it ends.
    const crlf = separators.segment === '\r' && afterIsa === '\n';
    this.#terminator = crlf ? '\n' : separators.segment;
    this.#joinCrLf = separators.segment === '\r' && !crlf;
    this.#syntax = { element: separators.element.charCodeAt(0), component: separators.component.charCodeAt(0) };
    this.#isaSyntax = { element: this.#syntax.element, component: -1 };
  }

  /** Takes the next piece of text; returns the segments it completes, in order (often many, possibly none). */
  push(piece: string): Segment[] {
    const text = this.#joinCrLf ? piece.replace(/\r\n/g, '\n') : piece;
    const terminator = this.#terminator;
    const out: Segment[] = [];
    let from = 0;
    if (this.#carry !== '') {
      // The segment the last chunk cut in two is made whole on its own: the chunk's text is kept as
      // the decoder made it, one flat string, rather than joined to the carry (a string of two
      // parts, slower to read a character of).
      const first = text.indexOf(terminator);
      if (first === -1) {
        this.#carry += text;
        return out;
      }
      const head = this.#carry + text.slice(0, first + 1);
      this.#carry = '';
      this.#scan(head, 0, head.length, out);
      from = first + 1;
    }
    const last = text.lastIndexOf(terminator);
    if (last >= from) this.#scan(text, from, last + 1, out);
    this.#carry = text.slice(Math.max(from, last + 1));
    return out;
  }

  /** The text ended: what follows the last terminator is a segment too (a file cut short ends in one). */
  end(): Segment[] {
    const data = this.#carry + this.#terminator;
    this.#carry = '';
    const out: Segment[] = [];
    this.#scan(data, 0, data.length, out);
    return out;
  }

  /** Characters held for a segment not yet finished. */
  get pending(): number {
    return this.#carry.length;
  }

  /**
   * The segments of data[start, end), which ends with a terminator, appended to `out`: each found
   * with the platform's indexOf, its tag cut, and nothing else read until the reader asks.
   */
  #scan(data: string, start: number, end: number, out: Segment[]): void {
    const chunk = new Chunk(data, end - start);
    const terminator = this.#terminator;
    const element = this.#element;
    // The next element separator at or after `from`: looked for again only once passed, so a
    // segment without elements does not make the next one's search start over.
    let separator = -1;
    for (let from = start; from < end; ) {
      const stop = data.indexOf(terminator, from);
      if (separator < from) {
        separator = data.indexOf(element, from);
        if (separator === -1) separator = data.length;
      }
      const tagEnd = separator < stop ? separator : stop;
      const tag = this.#tag(data, from, tagEnd);
      // A segment without a tag (white space after the last terminator, "~~") is left out.
      if (tag !== '') out.push(new TextSegment(tag, chunk, tagEnd, stop, tag === 'ISA' ? this.#isaSyntax : this.#syntax));
      from = stop + 1;
    }
  }

  /**
   * data[from, to) trimmed, as a tag: one of 1-3 printable ASCII characters (every real tag) is the
   * string made when it was first met, so the reader's comparisons find the same string.
   */
  #tag(data: string, from: number, to: number): string {
    let start = from;
    let stop = to;
    while (start < stop && isTrimmed(data.charCodeAt(start))) start++;
    while (stop > start && isTrimmed(data.charCodeAt(stop - 1))) stop--;
    const length = stop - start;
    if (length === 0) return '';
    if (length > 3) return field(data, start, stop, true);
    // Length and characters in one small integer: tags of different lengths never share one.
    let key = length;
    for (let k = start; k < stop; k++) {
      const code = data.charCodeAt(k);
      if (code < 0x20 || code > 0x7e) return field(data, start, stop, true);
      key = key * 128 + code;
    }
    // Open addressing in a table at most half full: a Map's lookup cost more than the strings it saved.
    const keys = this.#tagKeys;
    let slot = Math.imul(key, 0x9e3779b1) >>> (32 - TAG_TABLE_BITS);
    for (let k = keys[slot]; k !== 0; k = keys[slot]) {
      if (k === key) return this.#tagValues[slot] as string;
      slot = (slot + 1) & (TAG_TABLE_SLOTS - 1);
    }
    const tag = internalized(data.slice(start, stop));
    // Bounded: a file of many distinct short tags (garbage) remembers the first ones only.
    if (this.#tagCount < TAG_TABLE_SLOTS / 2) {
      keys[slot] = key;
      this.#tagValues[slot] = tag;
      this.#tagCount++;
    }
    return tag;
  }
}

/** The separators a segment's elements are cut at, as character codes; component -1 splits nothing (the ISA). */
interface Syntax {
  readonly element: number;
  readonly component: number;
}

/** The segment holds a line break after its tag: a value holding one loses it. */
const NEWLINE = 1;

/**
 * The decoded text of one chunk, and the places its segments' elements were found at, in one
 * array for all of them: a segment found its elements into an array of its own before, and those
 * arrays were a good part of the garbage the reader left.
 */
class Chunk {
  readonly data: string;
  /** Runs of positions, one per segment read: where its elements are, then its component separators. */
  places: Int32Array;
  used = 0;

  constructor(data: string, length: number) {
    this.data = data;
    // More than an 837P chunk needs (a position every three to four characters), so that it rarely
    // grows: growing doubled and copied it, once in every 64 KiB chunk of a generated file.
    this.places = new Int32Array(Math.max(64, (length >> 2) + (length >> 3)));
  }

  /** Room for `count` more positions. */
  reserve(count: number): Int32Array {
    if (this.used + count > this.places.length) {
      const larger = new Int32Array(Math.max(this.places.length * 2, this.used + count));
      larger.set(this.places.subarray(0, this.used));
      this.places = larger;
    }
    return this.places;
  }
}

/** Component separators of the segment being read, before they join its run (#findPlaces runs to its end without yielding). */
let componentScratch = new Int32Array(256);

/**
 * A segment as the tokenizer found it: the chunk it lies in and where. On the first value asked
 * for, one pass over its characters notes where its elements and components start, in the chunk's
 * array; a value is sliced and trimmed when read. Segments are read, never changed.
 */
class TextSegment implements Segment {
  readonly tag: string;
  readonly #chunk: Chunk;
  /** The element separator after the tag, or #end when the segment has no elements. */
  readonly #from: number;
  /** The segment's terminator. */
  readonly #end: number;
  readonly #syntax: Syntax;
  /**
   * Where the segment's run starts in the chunk's places, -1 until it is read: #bounds positions
   * (the element separators from #from on, then #end: element n lies between the (n - 1)th and the
   * nth), then #components component separators, in order.
   */
  #at = -1;
  #bounds = 0;
  #components = 0;
  /** NEWLINE, once the segment is read. */
  #flags = 0;

  constructor(tag: string, chunk: Chunk, from: number, end: number, syntax: Syntax) {
    this.tag = tag;
    this.#chunk = chunk;
    this.#from = from;
    this.#end = end;
    this.#syntax = syntax;
  }

  get elementCount(): number {
    if (this.#at < 0) this.#findPlaces();
    return this.#bounds - 1;
  }

  el(n: number, c: number): string {
    if (this.#at < 0) this.#findPlaces();
    if (n < 1 || n >= this.#bounds) return '';
    const places = this.#chunk.places;
    const at = this.#at;
    let start = (places[at + n - 1] as number) + 1;
    let stop = places[at + n] as number;
    if (this.#components > 0) {
      // Component c lies after the (c - 1)th separator inside the element and before the next.
      let k = 1;
      for (let j = at + this.#bounds, last = j + this.#components; j < last; j++) {
        const place = places[j] as number;
        if (place < start) continue;
        if (place >= stop) break;
        if (k === c) {
          stop = place;
          break;
        }
        k++;
        start = place + 1;
      }
      if (k !== c) return '';
    } else if (c !== 1) return '';
    return field(this.#chunk.data, start, stop, this.#flags !== 0);
  }

  componentCount(n: number): number {
    if (this.#at < 0) this.#findPlaces();
    if (n < 1 || n >= this.#bounds) return 0;
    const places = this.#chunk.places;
    const start = places[this.#at + n - 1] as number;
    const stop = places[this.#at + n] as number;
    let count = 1;
    for (let j = this.#at + this.#bounds, last = j + this.#components; j < last; j++) {
      const place = places[j] as number;
      if (place > start && place < stop) count++;
    }
    return count;
  }

  #findPlaces(): void {
    const chunk = this.#chunk;
    const data = chunk.data;
    const { element, component } = this.#syntax;
    const from = this.#from;
    const end = this.#end;
    // Element separators, the end and component separators: at most the segment's length plus two.
    const places = chunk.reserve(end - from + 2);
    const at = chunk.used;
    let w = at;
    places[w++] = from;
    let components = 0;
    let flags = 0;
    for (let i = from + 1; i < end; i++) {
      const code = data.charCodeAt(i);
      if (code === element) places[w++] = i;
      else if (code === component) {
        if (components === componentScratch.length) {
          const larger = new Int32Array(components * 2);
          larger.set(componentScratch);
          componentScratch = larger;
        }
        componentScratch[components++] = i;
      } else if (code === 0x0a) flags = NEWLINE;
    }
    if (from < end) places[w++] = end;
    this.#bounds = w - at;
    for (let j = 0; j < components; j++) places[w++] = componentScratch[j] as number;
    this.#components = components;
    this.#flags = flags;
    chunk.used = w;
    this.#at = at;
  }
}

/**
 * The same text as a property key: V8 keeps one copy of each key, so the tag is the very string of
 * the reader's literals ('CLM', 'SV1'), and comparing with one compares two references.
 */
function internalized(text: string): string {
  return Object.keys({ [text]: 0 })[0] ?? text;
}

/** Slots of the tag table: a claim file has a few dozen tags; half the slots is the bound for a hostile one. */
const TAG_TABLE_BITS = 10;
const TAG_TABLE_SLOTS = 2 ** TAG_TABLE_BITS;

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
