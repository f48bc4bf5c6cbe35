/** One row of the table `npm run bench` ends with; a bench section (rules, pipeline, ...) returns its rows. */
export interface SummaryRow {
  section: string;
  metric: string;
  value: string;
  target?: string;
  verdict?: 'PASS' | 'MISS';
}

export function isSummaryRow(value: unknown): value is SummaryRow {
  if (typeof value !== 'object' || value === null) return false;
  const row = value as Record<string, unknown>;
  return typeof row.section === 'string' && typeof row.metric === 'string' && typeof row.value === 'string';
}

export function header(title: string): void {
  console.log(`\n=== ${title} ${'='.repeat(Math.max(0, 74 - title.length))}`);
}

export function formatInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function formatRatio(n: number): string {
  return `${n.toFixed(1)}x`;
}

export function verdict(pass: boolean): 'PASS' | 'MISS' {
  return pass ? 'PASS' : 'MISS';
}

export function peakRssMb(): number {
  // maxRSS is in kilobytes.
  return process.resourceUsage().maxRSS / 1024;
}

export function printTable(rows: readonly SummaryRow[]): void {
  const columns = ['section', 'metric', 'value', 'target', 'verdict'] as const;
  const cells = rows.map((row) => columns.map((c) => row[c] ?? ''));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => (r[i] ?? '').length)));
  const render = (values: readonly string[]): string =>
    values
      .map((v, i) => (i === 2 ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  console.log(render(columns));
  console.log(render(widths.map((w) => '-'.repeat(w))));
  for (const row of cells) console.log(render(row));
}
