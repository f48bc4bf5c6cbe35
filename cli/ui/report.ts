import type { Finding, ScrubResult, Severity } from '../../shared/claim/result.ts';
import { escapeControls } from '../../shared/formats/index.ts';
import type { Paint } from './style.ts';
import { renderTable, wrap } from './table.ts';

const SEVERITY_STYLE: Record<Severity, Parameters<Paint>[0]> = { error: 'red', warning: 'yellow', info: 'cyan' };
const STATUS_STYLE = { clean: 'green', flagged: 'yellow', rejected: 'red' } as const;

/** Where a result came from in the input, for claims that could not be identified by id. */
export interface ResultOrigin {
  index: number;
  line?: number;
}

/**
 * A biller's view of one scrubbed claim: status line, a table of findings, then why and how to fix
 * each rule. The claim id and the finding messages may quote the file: their control characters
 * are escaped before any colour is added, so the file cannot drive the terminal.
 */
export function renderClaimReport(result: ScrubResult, origin: ResultOrigin, paint: Paint, width: number): string {
  const header = claimHeader(result, origin, paint);
  if (result.findings.length === 0) return `${header}\n  No findings.`;

  const rows = result.findings.map((f) => [
    f.lineNumber === undefined ? 'claim' : String(f.lineNumber),
    paint(SEVERITY_STYLE[f.severity], f.severity),
    f.ruleId,
    escapeControls(f.message),
  ]);
  const table = renderTable(['Line', 'Severity', 'Rule', 'Finding'], rows, width);
  return [header, table, renderGuidance(result.findings, paint, width)].join('\n');
}

/** One claim on one line: its name, status, denial risk and the rules it broke (each once). */
export function renderClaimLine(result: ScrubResult, origin: ResultOrigin, paint: Paint): string {
  const ruleIds = [...new Set(result.findings.map((f) => f.ruleId))];
  return [claimHeader(result, origin, paint), ruleIds.length > 0 ? ruleIds.join(', ') : 'no findings'].join('  ');
}

function claimHeader(result: ScrubResult, origin: ResultOrigin, paint: Paint): string {
  const name = escapeControls(result.claimId ?? `#${origin.index + 1}${origin.line === undefined ? '' : ` (line ${origin.line})`}`);
  return [
    paint('bold', `Claim ${name}`),
    paint(['bold', STATUS_STYLE[result.status]], result.status.toUpperCase()),
    ...(result.medicareDenialRisk ? [paint(['bold', 'red'], 'MEDICARE DENIAL RISK')] : []),
  ].join('  ');
}

/** Explanation and fix once per rule, however many lines it fired on. */
function renderGuidance(findings: readonly Finding[], paint: Paint, width: number): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const finding of findings) {
    if (seen.has(finding.ruleId)) continue;
    seen.add(finding.ruleId);
    out.push(paint('bold', `  ${finding.ruleId}`));
    out.push(...indent(wrap(finding.explanation, width - 4), '    '));
    out.push(...indent(wrap(`To fix: ${finding.remediation}`, width - 4), '    '));
  }
  return out.join('\n');
}

function indent(lines: string[], prefix: string): string[] {
  return lines.map((l) => prefix + l);
}

export interface RunTotals {
  clean: number;
  flagged: number;
  rejected: number;
  medicareDenialRisk: number;
}

export function emptyTally(): RunTotals {
  return { clean: 0, flagged: 0, rejected: 0, medicareDenialRisk: 0 };
}

/** Counts one more result, so a run of any size keeps only its totals. */
export function addToTally(totals: RunTotals, result: ScrubResult): void {
  totals[result.status]++;
  if (result.medicareDenialRisk) totals.medicareDenialRisk++;
}

export function tally(results: readonly ScrubResult[]): RunTotals {
  const totals = emptyTally();
  for (const r of results) addToTally(totals, r);
  return totals;
}

export function renderTotals(totals: RunTotals, paint: Paint): string {
  const count = totals.clean + totals.flagged + totals.rejected;
  return [
    paint('bold', `${count} claim${count === 1 ? '' : 's'}:`),
    paint('green', `${totals.clean} clean`),
    paint('yellow', `${totals.flagged} flagged`),
    paint('red', `${totals.rejected} rejected`),
    `· ${totals.medicareDenialRisk} with Medicare denial risk`,
  ].join(' ');
}
