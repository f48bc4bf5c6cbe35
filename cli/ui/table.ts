/** Renders rows as a box-drawn table whose last column wraps to fit the width. */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[], maxWidth: number): string {
  const columns = header.length;
  const widths = header.map((h, c) => Math.max(visibleLength(h), ...rows.map((r) => visibleLength(r[c] ?? ''))));
  // Borders and padding take 3 characters per column plus one.
  const fixed = widths.slice(0, -1).reduce((a, b) => a + b, 0) + columns * 3 + 1;
  const lastWidth = Math.max(20, Math.min(widths[columns - 1] ?? 20, maxWidth - fixed));
  widths[columns - 1] = lastWidth;

  const rule = (l: string, m: string, r: string) => l + widths.map((w) => '─'.repeat(w + 2)).join(m) + r;
  const line = (cells: readonly string[]) => '│' + cells.map((cell, c) => ` ${padVisible(cell, widths[c] ?? 0)} `).join('│') + '│';

  const out = [rule('┌', '┬', '┐'), line(header), rule('├', '┼', '┤')];
  for (const row of rows) {
    const wrapped = wrap(stripAnsi(row[columns - 1] ?? ''), lastWidth);
    wrapped.forEach((part, i) => out.push(line([...(i === 0 ? row.slice(0, -1) : row.slice(0, -1).map(() => '')), part])));
  }
  out.push(rule('└', '┴', '┘'));
  return out.join('\n');
}

export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/)) {
    if (current && current.length + 1 + word.length > width) {
      lines.push(current);
      current = '';
    }
    current = current ? `${current} ${word}` : word;
    while (current.length > width) {
      lines.push(current.slice(0, width));
      current = current.slice(width);
    }
  }
  lines.push(current);
  return lines;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

function visibleLength(text: string): number {
  return stripAnsi(text).length;
}

function padVisible(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visibleLength(text)));
}
