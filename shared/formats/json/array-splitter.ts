import { UnreadableInputError } from '../errors.ts';
import {
  BACKSLASH,
  BracketStack,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COMMA,
  describeCharacter,
  isJsonWhitespace,
  NEWLINE,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
} from './json-chars.ts';
import { MAX_VALUE_CHARACTERS, MAX_VALUE_DESCRIPTION, parseValue, type TopValue } from './top-value.ts';

type Expecting = 'first' | 'value' | 'comma' | 'done';
type ElementKind = 'container' | 'string' | 'scalar';

/**
 * Splits the inside of a top-level JSON array (`[` already read) into its elements as text
 * arrives, holding only the element being read, and parses each one on its own. An element that
 * is not valid JSON is handed out as a parse error (that claim is rejected, not the file); an
 * array whose structure breaks (a missing comma, a bracket that closes the wrong thing, the end of
 * the file before `]`) is unreadable as a whole, since no later element can be found for sure.
 */
export class ArraySplitter {
  #line: number;
  #expecting: Expecting = 'first';
  #elements = 0;
  #kind: ElementKind | undefined;
  #startLine = 0;
  #parts: string[] = [];
  #size = 0;
  #brackets = new BracketStack();
  #inString = false;
  #escaped = false;

  /** `line` is the line the `[` is on. */
  constructor(line: number) {
    this.#line = line;
  }

  /** An error found after elements that were not handed out yet: thrown once they have been. */
  #pending: UnreadableInputError | undefined;

  push(text: string): TopValue[] {
    const out: TopValue[] = [];
    try {
      this.#read(text, out);
    } catch (error) {
      if (!(error instanceof UnreadableInputError) || out.length === 0) throw error;
      this.#pending = error;
    }
    return out;
  }

  #read(text: string, out: TopValue[]): void {
    if (this.#pending) throw this.#pending;
    // Where the element being read starts in this chunk: its text is copied once, when it ends or the chunk does.
    let from = this.#kind === undefined ? -1 : 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === NEWLINE) this.#line++;
      if (this.#kind === undefined) {
        if (isJsonWhitespace(c)) continue;
        if (this.#between(c)) continue;
        this.#start(c);
        from = i;
        continue;
      }
      if (this.#inString) {
        if (this.#escaped) this.#escaped = false;
        else if (c === BACKSLASH) this.#escaped = true;
        else if (c === QUOTE) {
          this.#inString = false;
          if (this.#kind === 'string') {
            out.push(this.#finish(text.slice(from, i + 1), 'comma'));
            from = -1;
          }
        }
        continue;
      }
      if (this.#kind === 'scalar') {
        if (c === COMMA || c === CLOSE_BRACKET) {
          out.push(this.#finish(text.slice(from, i), c === COMMA ? 'value' : 'done'));
          from = -1;
        }
        continue;
      }
      if (c === QUOTE) this.#inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.#brackets.open(c);
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (!this.#brackets.close(c)) this.#fail(`at line ${this.#line}, ${describeCharacter(c)} does not match the bracket it should close`);
        if (this.#brackets.depth === 0) {
          out.push(this.#finish(text.slice(from, i + 1), 'comma'));
          from = -1;
        }
      }
    }
    if (from !== -1) this.#keep(text.slice(from));
  }

  /** The input ended. */
  end(): TopValue[] {
    if (this.#pending) throw this.#pending;
    if (this.#expecting === 'done' && this.#kind === undefined) return [];
    this.#fail(`the file ends before the array's closing ] (after ${this.#elements} element${this.#elements === 1 ? '' : 's'})`);
  }

  /** A character between elements: a comma, the closing bracket, or the start of the next element (false). */
  #between(c: number): boolean {
    switch (this.#expecting) {
      case 'done':
        return this.#fail(`at line ${this.#line}, ${describeCharacter(c)} follows the array's closing ]`);
      case 'comma':
        if (c === COMMA) this.#expecting = 'value';
        else if (c === CLOSE_BRACKET) this.#expecting = 'done';
        else this.#fail(`at line ${this.#line}, ${describeCharacter(c)} follows element ${this.#elements} where a comma or ] belongs`);
        return true;
      case 'first':
        if (c === CLOSE_BRACKET) throw new UnreadableInputError('the input holds no claims (the array is empty)');
        if (c === COMMA) this.#fail(`at line ${this.#line}, the array starts with a comma`);
        return false;
      case 'value':
        if (c === CLOSE_BRACKET || c === COMMA) this.#fail(`at line ${this.#line}, ${describeCharacter(c)} follows a comma where an element belongs`);
        return false;
    }
  }

  #start(c: number): void {
    this.#startLine = this.#line;
    this.#parts = [];
    this.#size = 0;
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      this.#kind = 'container';
      this.#brackets.open(c);
    } else if (c === QUOTE) {
      this.#kind = 'string';
      this.#inString = true;
    } else {
      this.#kind = 'scalar';
    }
  }

  #keep(part: string): void {
    this.#size += part.length;
    // Past the limit nothing more is kept: the element is only followed to its end.
    if (this.#size <= MAX_VALUE_CHARACTERS) this.#parts.push(part);
    else this.#parts = [];
  }

  #finish(last: string, next: Expecting): TopValue {
    this.#keep(last);
    this.#kind = undefined;
    this.#expecting = next;
    this.#elements++;
    const where = `array element ${this.#elements} (line ${this.#startLine})`;
    if (this.#size > MAX_VALUE_CHARACTERS) return { parseError: `${where} is larger than ${MAX_VALUE_DESCRIPTION}, the most one claim or resource may take`, tooLarge: true };
    const text = this.#parts.length === 1 ? (this.#parts[0] ?? '') : this.#parts.join('');
    this.#parts = [];
    return parseValue(text.trim(), where, this.#startLine);
  }

  #fail(what: string): never {
    throw new UnreadableInputError(`the input looks like a JSON array but is not valid JSON: ${what}`);
  }
}
