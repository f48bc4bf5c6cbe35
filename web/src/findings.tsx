import type { FindingView } from '../../shared/application/worklist/api.ts';
import { SeverityBadge } from './badges.tsx';

/** Findings as the claim page shows them: what the rule found, in plain words, and what to change. */
export function FindingList({ findings, label }: { findings: FindingView[]; label: string }) {
  return (
    <ul class="findings" aria-label={label}>
      {findings.map((finding, index) => (
        <FindingItem key={`${finding.ruleId}-${finding.lineNumber ?? 0}-${index}`} finding={finding} />
      ))}
    </ul>
  );
}

function FindingItem({ finding }: { finding: FindingView }) {
  return (
    <li class={`finding finding-${finding.severity}`} data-rule={finding.ruleId}>
      <p class="finding-head">
        <SeverityBadge severity={finding.severity} /> <code class="rule">{finding.ruleId}</code>
        {finding.medicareDenial ? (
          <>
            {' '}
            <span class="badge badge-risk">
              <span aria-hidden="true">▲ </span>Medicare denial
            </span>
          </>
        ) : null}
      </p>
      <p class="finding-message">{finding.message}</p>
      <p class="finding-explanation">
        <span class="label">What it means: </span>
        {finding.explanation}
      </p>
      <p class="finding-remediation">
        <span class="label">What to change: </span>
        {finding.remediation}
      </p>
    </li>
  );
}
