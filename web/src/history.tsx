import type { AuditEntry } from '../../shared/application/worklist/model.ts';
import type { HistoryEntry } from '../../shared/application/worklist/api.ts';
import { RiskBadge, StatusBadge } from './badges.tsx';
import { AUDIT_LABEL, shortVersion, when } from './format.ts';

/** Every version of the claim the worklist saw scrubbed, newest first. */
export function ScrubHistory({ history, current }: { history: HistoryEntry[]; current: string }) {
  const entries = [...history].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <section class="panel" aria-labelledby="history-heading">
      <h2 id="history-heading">Scrub history</h2>
      {entries.length === 0 ? (
        <p class="muted">No scrubs recorded.</p>
      ) : (
        <div class="table-wrap">
        <table class="compact">
          <caption class="visually-hidden">Every scrub of this claim, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Version (handed in)</th>
              <th scope="col">Status and rules</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={`${entry.claimVersion}-${entry.at}`}>
                <td>
                  <span title={`${entry.claimVersion}, scrubbed ${when(entry.at)}`}>{shortVersion(entry.claimVersion)}</span>
                  {entry.claimVersion === current ? <span class="muted"> (current)</span> : null}
                </td>
                <td>
                  <p class="status-line">
                    <StatusBadge status={entry.status} /> <RiskBadge risk={entry.medicareDenialRisk} />
                  </p>
                  <p class="rules">{entry.ruleIds.length === 0 ? <span class="muted">No findings</span> : entry.ruleIds.map((id) => <code key={id} class="rule">{id}</code>)}</p>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </section>
  );
}

/** Who did what, when, and why: the item's append-only trail, newest first. */
export function AuditTrail({ audit }: { audit: AuditEntry[] }) {
  const entries = [...audit].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <section class="panel" aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit trail</h2>
      {entries.length === 0 ? (
        <p class="muted">Nothing recorded yet.</p>
      ) : (
        <div class="table-wrap">
        <table class="compact">
          <caption class="visually-hidden">What was done to this claim, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What, and why</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry, index) => (
              <tr key={`${entry.at}-${index}`}>
                <td class="nowrap">{when(entry.at)}</td>
                <td>{entry.by}</td>
                <td class="detail">
                  <span class="audit-action">{AUDIT_LABEL[entry.action] ?? entry.action}</span>
                  {entry.detail ? <span class="audit-detail">{entry.detail}</span> : null}
                  <span class="muted version" title={entry.claimVersion}>
                    version {shortVersion(entry.claimVersion)}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </section>
  );
}
