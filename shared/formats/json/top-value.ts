import { escapeControls } from '../../claim/safe-text.ts';

/**
 * One top-level value of a JSON document as the splitters hand it out: an element of a top-level
 * array, or a value of a sequence (NDJSON, values back to back, or the one value of the file).
 */
export interface TopValue {
  /** The parsed value, when it parsed. */
  value?: unknown;
  /** Why it could not be parsed; never holds raw control characters. */
  parseError?: string;
  /** 1-based line it starts on: for a sequence of two or more values only (NDJSON, values back to back). */
  line?: number;
  /** True when it was not read because it is larger than MAX_VALUE_CHARACTERS. */
  tooLarge?: boolean;
}

/**
 * The most one value (a claim, an NDJSON line, a FHIR Bundle) may take. Every value is held whole
 * to be parsed, so this bounds the memory one value can take; a Bundle larger than this should
 * come as NDJSON (bulk export). Counted in UTF-16 code units, which never outnumber UTF-8 bytes,
 * so a value refused is larger than this in bytes too.
 */
export const MAX_VALUE_CHARACTERS = 64 * 2 ** 20;
export const MAX_VALUE_DESCRIPTION = '64 MiB';

/** JSON.parse of one value's text; a failure says where the value is and why, in the file's lines. */
export function parseValue(text: string, describe: string, firstLine: number): { value: unknown } | { parseError: string } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { parseError: `${describe} is not valid JSON: ${jsonErrorMessage(error, firstLine)}` };
  }
}

/**
 * JSON.parse's message with its line made a line of the file (it counts from the value's start),
 * and with control characters escaped: V8 quotes the text around the fault, which is input.
 */
export function jsonErrorMessage(error: unknown, firstLine: number): string {
  const message = error instanceof Error ? error.message : String(error);
  const inFile = message.replace(/\(line (\d+) column (\d+)\)/, (_all, line: string, column: string) => `(line ${firstLine + Number(line) - 1} column ${column})`);
  return escapeControls(inFile);
}
