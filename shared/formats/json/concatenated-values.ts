/**
 * Splits text made of JSON objects one after another (`cat a.json b.json`: pretty-printed claims
 * back to back) into those values with the line each starts on. Undefined unless the whole text is
 * two or more objects separated by white space only, each of which parses: anything else is left to
 * the NDJSON reading, whose per-line errors say where a file is broken.
 */
export function splitConcatenatedObjects(text: string): Array<{ value: unknown; line: number }> | undefined {
  const values: Array<{ value: unknown; line: number }> = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = -1;
  let line = 1;
  let startLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (depth === 0) {
      if (c === '{') {
        start = i;
        startLine = line;
        depth = 1;
      } else if (c !== ' ' && c !== '\t' && c !== '\r' && c !== '\n') return undefined;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) {
        try {
          values.push({ value: JSON.parse(text.slice(start, i + 1)), line: startLine });
        } catch {
          return undefined;
        }
      }
    }
  }
  return depth === 0 && !inString && values.length >= 2 ? values : undefined;
}
