import type { ScrubStatus, Severity } from '../../shared/claim/result.ts';
import type { ItemState } from '../../shared/application/worklist/model.ts';
import { STATE_LABEL, STATUS_LABEL } from './format.ts';

/** Badges say what they mean in words; the colour only repeats it. */

export function RiskBadge({ risk, compact = false }: { risk: boolean; compact?: boolean }) {
  if (!risk) return compact ? <span class="muted">None</span> : null;
  return (
    <span class="badge badge-risk">
      <span aria-hidden="true">▲ </span>
      {compact ? 'Denial risk' : 'Medicare denial risk'}
    </span>
  );
}

export function StatusBadge({ status }: { status: ScrubStatus }) {
  return <span class={`badge badge-${status}`}>{STATUS_LABEL[status]}</span>;
}

export function StateBadge({ state }: { state: ItemState }) {
  return <span class={`badge badge-state badge-state-${state}`}>{STATE_LABEL[state]}</span>;
}

const SEVERITY_LABEL: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Info' };

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span class={`badge badge-severity-${severity}`}>{SEVERITY_LABEL[severity] ?? severity}</span>;
}
