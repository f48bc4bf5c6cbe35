import { readFileSync } from 'node:fs';

/**
 * Reads and JSON-parses a data file. `what` names the kind of file in both messages ("payer policy",
 * "project code file"); `toError` wraps them in the caller's own error class, so callers that catch
 * e.g. PayerPolicyError still see unreadable and malformed files as that error.
 */
export function readJsonFile(path: string, what: string, toError: (message: string) => Error): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw toError(`cannot read ${what} ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw toError(`${what} ${path} is not valid JSON: ${(error as Error).message}`);
  }
}
