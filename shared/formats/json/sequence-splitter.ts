import { BACKSLASH, BracketStack, CLOSE_BRACE, CLOSE_BRACKET, isJsonWhitespace, NEWLINE, OPEN_BRACE, OPEN_BRACKET, QUOTE } from './json-chars.ts';
import { jsonErrorMessage, MAX_VALUE_CHARACTERS, MAX_VALUE_DESCRIPTION, parseValue, type TopValue } from './top-value.ts';

/** Brackets and strings of a value being read across lines. */
interface ScanState {
  brackets: BracketStack;
  inString: boolean;
  escaped: boolean;
}

/** A value that spans lines (a pretty-printed claim), read so far. */
interface OpenValue {
  startLine: number;
  lines: string[];
  size: number;
  state: ScanState;
}

type Outcome = 'open' | 'complete' | 'broken';

/**
 * Splits a sequence of JSON values into values as text arrives: NDJSON (one value a line), values
 * back to back (`cat a.json b.json`: pretty-printed claims, each starting on its own line or right
 * after the last one closes), or one value alone. It reads line by line, holding only the line or
 * the value being read:
 * - a line that parses is a value (the common NDJSON case costs one JSON.parse);
 * - a line that opens a bracket it does not close starts a value that spans lines, read until its
 *   brackets close at the end of a line;
 * - anything else is a line that is not JSON, rejected by its number.
 * A value spanning lines that turns out broken (a string running past its line, a bracket that
 * closes the wrong thing, the end of the file, the size limit) is read again line by line, as
 * NDJSON with a broken line would be: lines that parse are values, the others are rejected. When
 * none of its lines parses it was one value, rejected once by the lines it spans.
 */
export class SequenceSplitter {
  /** Line number of the line being read. */
  #line: number;
  #partial: string[] = [];
  #partialSize = 0;
  #open: OpenValue | undefined;

  constructor(line: number) {
    this.#line = line;
  }

  push(text: string): TopValue[] {
    const out: TopValue[] = [];
    let from = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', from)) {
      this.#keepPartial(text.slice(from, newline));
      this.#completeLine(out);
      from = newline + 1;
    }
    if (from < text.length) this.#keepPartial(text.slice(from));
    return out;
  }

  end(): TopValue[] {
    const out: TopValue[] = [];
    if (this.#partialSize > 0) this.#completeLine(out, true);
    if (this.#open) this.#readLineByLine(this.#open, out, 'end');
    this.#open = undefined;
    return out;
  }

  #keepPartial(part: string): void {
    this.#partialSize += part.length;
    if (this.#partialSize <= MAX_VALUE_CHARACTERS) this.#partial.push(part);
    else this.#partial = [];
  }

  /** `last`: the file ends with this line, so a value it leaves open is cut short, whatever else is wrong with it. */
  #completeLine(out: TopValue[], last = false): void {
    const tooLong = this.#partialSize > MAX_VALUE_CHARACTERS;
    // A CRLF line loses its CR; looked for in the last part, so a long line is not copied for it.
    const cr = this.#partial.at(-1)?.endsWith('\r') === true;
    const joined = this.#partial.length === 1 ? (this.#partial[0] ?? '') : this.#partial.join('');
    const line = cr ? joined.slice(0, -1) : joined;
    this.#partial = [];
    this.#partialSize = 0;
    const number = this.#line++;
    if (tooLong) this.#tooLongLine(number, out);
    else if (this.#open) this.#continueValue(this.#open, line, out, last);
    else this.#freshLine(line, number, out);
  }

  #tooLongLine(number: number, out: TopValue[]): void {
    const open = this.#open;
    this.#open = undefined;
    if (open) {
      // The value it belongs to cannot be read whole: its other lines may still be values of their own.
      open.lines.push('');
      this.#readLineByLine(open, out, 'too large');
      return;
    }
    out.push({ parseError: `line ${number} is larger than ${MAX_VALUE_DESCRIPTION}, the most one claim or resource may take`, line: number, tooLarge: true });
  }

  #freshLine(line: string, number: number, out: TopValue[]): void {
    if (isBlank(line)) return;
    try {
      out.push({ value: JSON.parse(line) as unknown, line: number });
      return;
    } catch {
      // Not one value on its own line: several back to back, the start of one spanning lines, or not JSON.
    }
    const state: ScanState = { brackets: new BracketStack(), inString: false, escaped: false };
    const outcome = scan(state, line);
    if (outcome === 'open') {
      this.#open = { startLine: number, lines: [line], size: line.length, state };
      return;
    }
    const values = outcome === 'complete' ? valuesIn(line, number) : undefined;
    if (values && values.length > 1 && values.every((v) => v.parseError === undefined)) out.push(...values);
    else out.push({ ...parseValue(line, `line ${number}`, number), line: number });
  }

  #continueValue(open: OpenValue, line: string, out: TopValue[], last: boolean): void {
    open.lines.push(line);
    open.size += line.length + 1;
    const outcome = scan(open.state, line);
    if (outcome === 'open' && open.size <= MAX_VALUE_CHARACTERS && !last) return;
    this.#open = undefined;
    if (last && outcome !== 'complete') return this.#readLineByLine(open, out, 'end');
    if (outcome === 'broken') return this.#readLineByLine(open, out, 'broken');
    if (outcome === 'open') return this.#readLineByLine(open, out, 'too large');
    const values = valuesIn(open.lines.join('\n'), open.startLine);
    if (values && values.every((v) => v.parseError === undefined)) out.push(...values);
    else this.#readLineByLine(open, out, 'broken');
  }

  /** A value spanning lines could not be read whole: its lines as NDJSON, or one rejection when none of them parses. */
  #readLineByLine(open: OpenValue, out: TopValue[], why: 'broken' | 'end' | 'too large'): void {
    const lines: TopValue[] = [];
    open.lines.forEach((text, i) => {
      if (isBlank(text)) return;
      const number = open.startLine + i;
      lines.push({ ...parseValue(text, `line ${number}`, number), line: number });
    });
    const span = () => `lines ${open.startLine}–${open.startLine + open.lines.length - 1}`;
    const tooLarge = { parseError: `the value starting on line ${open.startLine} is larger than ${MAX_VALUE_DESCRIPTION}, the most one claim or resource may take`, line: open.startLine, tooLarge: true };
    // Lines that parse were NDJSON after a broken line; a lone line is named as a line.
    if (lines.some((l) => l.parseError === undefined)) out.push(...lines);
    else if (why === 'too large') out.push(tooLarge);
    else if (lines.length <= 1) out.push(...lines);
    else if (why === 'end') out.push({ parseError: `${span()} are not valid JSON: the file ends before the value that starts on line ${open.startLine} is closed`, line: open.startLine });
    else out.push({ parseError: `${span()} are not valid JSON: ${whyNotJson(open)}`, line: open.startLine });
  }
}

/** JSON.parse's reason for the text of a broken value, with lines counted in the file. */
function whyNotJson(open: OpenValue): string {
  try {
    JSON.parse(open.lines.join('\n'));
    return 'it holds more than one value or something that is not a value';
  } catch (error) {
    return jsonErrorMessage(error, open.startLine);
  }
}

/**
 * Follows brackets and strings through `text`, carrying on from `state`. Broken: a bracket closing
 * the wrong thing, something other than `{` or `[` outside any value, or a string left open at the
 * end of a line (JSON strings hold no raw line breaks).
 */
function scan(state: ScanState, text: string, onValue?: (start: number, end: number) => void): Outcome {
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (state.inString) {
      if (state.escaped) state.escaped = false;
      else if (c === BACKSLASH) state.escaped = true;
      else if (c === QUOTE) state.inString = false;
      else if (c === NEWLINE) return 'broken';
      continue;
    }
    if (state.brackets.depth === 0) {
      if (isJsonWhitespace(c)) continue;
      if (c !== OPEN_BRACE && c !== OPEN_BRACKET) return 'broken';
      start = i;
      state.brackets.open(c);
      continue;
    }
    if (c === QUOTE) state.inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) state.brackets.open(c);
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (!state.brackets.close(c)) return 'broken';
      if (state.brackets.depth === 0) onValue?.(start, i + 1);
    }
  }
  if (state.inString) return 'broken';
  return state.brackets.depth === 0 ? 'complete' : 'open';
}

/** The values of text that holds whole values back to back, each parsed, with the line it starts on. */
function valuesIn(text: string, firstLine: number): TopValue[] | undefined {
  const values: TopValue[] = [];
  let line = firstLine;
  let counted = 0;
  const outcome = scan({ brackets: new BracketStack(), inString: false, escaped: false }, text, (start, end) => {
    for (let at = text.indexOf('\n', counted); at !== -1 && at < start; at = text.indexOf('\n', counted)) {
      line++;
      counted = at + 1;
    }
    values.push({ ...parseValue(text.slice(start, end), `the value starting on line ${line}`, line), line });
  });
  return outcome === 'complete' ? values : undefined;
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) if (!isJsonWhitespace(line.charCodeAt(i))) return false;
  return true;
}
