/** Character codes the JSON splitters look at. */
export const NEWLINE = 0x0a;
export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const COMMA = 0x2c;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;

/** JSON's four white-space characters. */
export function isJsonWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** The opener a closer must match: `{` for `}`, `[` for `]`. */
export function openerOf(closer: number): number {
  return closer === CLOSE_BRACE ? OPEN_BRACE : OPEN_BRACKET;
}

/**
 * Brackets still open, innermost last. Only the innermost MAX_TRACKED are remembered (a claim
 * nests a handful deep): deeper ones are counted, so a hostile `[[[[…` costs a number, not memory.
 */
export class BracketStack {
  static readonly MAX_TRACKED = 256;
  #open: number[] = [];
  #depth = 0;

  get depth(): number {
    return this.#depth;
  }

  open(opener: number): void {
    if (this.#depth < BracketStack.MAX_TRACKED) this.#open.push(opener);
    this.#depth++;
  }

  /** Closes the innermost bracket; false when `closer` does not match it or nothing is open. */
  close(closer: number): boolean {
    if (this.#depth === 0) return false;
    if (this.#depth <= BracketStack.MAX_TRACKED && this.#open.pop() !== openerOf(closer)) return false;
    this.#depth--;
    return true;
  }
}

/** A character named for a message: printable ASCII as itself, anything else by its code. */
export function describeCharacter(c: number): string {
  return c > 0x20 && c < 0x7f ? `"${String.fromCharCode(c)}"` : `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}
