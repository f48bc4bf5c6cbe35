import { UnreadableInputError } from '../errors.ts';
import { ArraySplitter } from './array-splitter.ts';
import { isJsonWhitespace, NEWLINE, OPEN_BRACE, OPEN_BRACKET } from './json-chars.ts';
import { SequenceSplitter } from './sequence-splitter.ts';
import type { TopValue } from './top-value.ts';

/** Lines that are not JSON, held while no value has parsed, before the file is judged not JSON at all. */
const MAX_LINES_BEFORE_A_VALUE = 1_000;

/**
 * Splits a JSON document into its top-level values as its text arrives, in flat memory: the
 * elements of a top-level array (ArraySplitter), or a sequence of values (SequenceSplitter: NDJSON,
 * values back to back, one value alone). On top of those it keeps the document-wide rules:
 * - a file that is one value alone gives it without a line, as a file of one claim always has;
 * - a file that does not start with `{` and whose first lines parse as nothing is not JSON at all
 *   (`notJson`), rather than one rejection per line;
 * - a first value too large to read makes the file unreadable: nothing of it can be read, not even
 *   its format.
 */
export class DocumentSplitter {
  readonly #notJson: string;
  #line = 1;
  #started = false;
  #startsWithBrace = false;
  #splitter: ArraySplitter | SequenceSplitter | undefined;
  #handedOut = 0;
  /** The first parsed value of a sequence, until a second value shows it is not alone. */
  #first: TopValue | undefined;
  #parsedAny = false;
  #held: TopValue[] = [];

  constructor(notJson: string) {
    this.#notJson = notJson;
  }

  push(text: string): TopValue[] {
    if (this.#splitter) return this.#judge(this.#splitter.push(text), false);
    // Before the first character that is not white space (or a BOM): count lines, then choose.
    let i = 0;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === NEWLINE) this.#line++;
      if (!isJsonWhitespace(c) && c !== 0xfeff) break;
    }
    if (i === text.length) return [];
    const c = text.charCodeAt(i);
    this.#started = true;
    if (c === OPEN_BRACKET) {
      this.#splitter = new ArraySplitter(this.#line);
      return this.#judge(this.#splitter.push(text.slice(i + 1)), false);
    }
    this.#startsWithBrace = c === OPEN_BRACE;
    this.#splitter = new SequenceSplitter(this.#line);
    return this.#judge(this.#splitter.push(text.slice(i)), false);
  }

  end(): TopValue[] {
    if (!this.#started || !this.#splitter) throw new UnreadableInputError('the input holds no claims (it is empty)');
    return this.#judge(this.#splitter.end(), true);
  }

  #judge(values: TopValue[], ended: boolean): TopValue[] {
    if (this.#splitter instanceof ArraySplitter) {
      for (const value of values) this.#checkFirst(value);
      this.#handedOut += values.length;
      return values;
    }
    const out: TopValue[] = [];
    for (const value of values) this.#sequenceValue(value, out);
    if (ended) {
      if (this.#held.length > 0) throw new UnreadableInputError(this.#notJson);
      if (this.#first) {
        // One value alone: the file is that claim (or Bundle), not a sequence.
        const { line: _line, ...alone } = this.#first;
        out.push(alone);
        this.#first = undefined;
      }
    }
    this.#handedOut += out.length;
    return out;
  }

  #sequenceValue(value: TopValue, out: TopValue[]): void {
    this.#checkFirst(value);
    if (this.#first) {
      out.push(this.#first);
      this.#first = undefined;
    }
    if (value.parseError === undefined) {
      const first = !this.#parsedAny && this.#held.length === 0 && this.#handedOut + out.length === 0;
      this.#parsedAny = true;
      out.push(...this.#held.splice(0));
      if (first) this.#first = value;
      else out.push(value);
      return;
    }
    if (this.#parsedAny || this.#startsWithBrace) {
      out.push(value);
      return;
    }
    this.#held.push(value);
    if (this.#held.length >= MAX_LINES_BEFORE_A_VALUE) throw new UnreadableInputError(this.#notJson);
  }

  #checkFirst(value: TopValue): void {
    if (!value.tooLarge || this.#handedOut > 0 || this.#parsedAny || this.#first || this.#held.length > 0) return;
    throw new UnreadableInputError(
      `${value.parseError ?? 'its first value is too large'}, and it is the file's first value, so nothing of the file can be read: ` +
        'send claims as NDJSON or a JSON array, and FHIR resources as NDJSON (bulk export) or in smaller Bundles',
    );
  }
}

/** The top-level values of a JSON document whose text arrives in chunks (see DocumentSplitter). */
export async function* topLevelValues(texts: AsyncIterable<string>, notJson: string): AsyncGenerator<TopValue> {
  const splitter = new DocumentSplitter(notJson);
  for await (const text of texts) yield* splitter.push(text);
  yield* splitter.end();
}

/** The same for a document already in memory. */
export function topLevelValuesOf(text: string, notJson: string): TopValue[] {
  const splitter = new DocumentSplitter(notJson);
  return [...splitter.push(text), ...splitter.end()];
}
