import type { FieldError } from './validate.ts';

/**
 * Characters that must never reach a terminal raw from a claims file: C0 controls (ESC starts
 * colour and cursor sequences, BEL ends a title-setting OSC, CR overwrites the line), DEL, C1
 * controls (U+009B is an 8-bit CSI), the Unicode line and paragraph separators, and the bidi
 * overrides and isolates that make text read differently from how it is stored.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from a claims file made safe to put in a message: every control character is written as a
 * visible `\u001b`-style escape, so the message shows what the file held and cannot move a
 * terminal's cursor, change its colours or set its title. Used wherever a message quotes input.
 */
export function escapeControls(text: string): string {
  // Almost no text holds one: a test without the global flag is cheaper than a replace that finds nothing.
  return UNSAFE_ANYWHERE.test(text) ? text.replace(UNSAFE, unicodeEscape) : text;
}

const UNSAFE_ANYWHERE = new RegExp(UNSAFE.source);

/** A value from the file in double quotes, for messages: `"…"` with its control characters escaped. */
export function quoteInput(value: string): string {
  return `"${escapeControls(value)}"`;
}

/**
 * JSON text with the characters JSON.stringify leaves raw (DEL, C1 controls, U+2028/2029, bidi
 * controls) written as `\u` escapes: the same JSON value, safe to print on a terminal.
 */
export function terminalSafeJson(json: string): string {
  return json.replace(UNSAFE_IN_JSON, unicodeEscape);
}

/** What JSON.stringify leaves raw inside strings; C0 controls it escapes itself, and it writes none outside strings. */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function unicodeEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** A reader's field errors with any control character in their paths and messages escaped: the last guard before they leave the reader. */
export function escapedErrors(errors: readonly FieldError[]): FieldError[] {
  return errors.map((error) => ({ path: escapeControls(error.path), message: escapeControls(error.message) }));
}
