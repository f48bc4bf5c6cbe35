import type { ScrubResult } from '../shared/claim/result.ts';
import { MESSAGE_TRACKING_PREFIX } from '../shared/application/intake-record.ts';
import type { StoredResult } from '../shared/application/stored-result.ts';
import { renderClaimLine, renderClaimReport, renderTotals, tally } from '../cli/ui/report.ts';
import type { Paint } from '../cli/ui/style.ts';

/** What became of one submitted claim, for the biller's summary. */
export interface ClaimOutcome {
  index: number;
  source: string;
  /** The NDJSON line, for a claim that has no id to show. */
  line: number | undefined;
  trackingId: string;
  /** The row for this claim; from an earlier run when `earlierRun`. */
  stored: StoredResult | undefined;
  /** Same claim, same content, already scrubbed before this run: not routed again (idempotency). */
  earlierRun: boolean;
  inDeadLetterQueue: boolean;
}

/** An alert as the topic carries it (a claim reference, no claim id). */
export interface AlertSeen {
  claimReference: string;
  ruleIds: string[];
  text: string;
}

export interface AlertOfRun extends AlertSeen {
  /** The claim the reference stands for, found among this run's claims. */
  claimId: string;
}

export interface SummaryOptions {
  /** Each claim's findings table, explanations and fixes; otherwise one line per claim. */
  details: boolean;
  /** Where flagged and rejected claims wait: the review queue's name. */
  reviewQueue: string;
  /** The review worklist's address, when it runs (`--serve`): the flagged claims are worked there. */
  worklistUrl?: string;
}

/**
 * What `npm start` prints once its files went through the pipeline: a line per claim (or, with
 * details, each claim's full report), the totals, the alerts, and where to look next.
 */
export function renderSummary(outcomes: readonly ClaimOutcome[], alerts: readonly AlertOfRun[], paint: Paint, width: number, options: SummaryOptions): string {
  const out: string[] = [];
  const results: ScrubResult[] = [];
  for (const outcome of outcomes) {
    const { stored } = outcome;
    if (!stored) {
      const where = outcome.inDeadLetterQueue ? 'in the intake dead-letter queue (it failed on every delivery)' : 'not processed';
      out.push(`${paint('bold', `Claim ${outcome.trackingId}`)}  ${paint(['bold', 'red'], 'NOT SCRUBBED')}: ${where}`);
      continue;
    }
    const result: ScrubResult = {
      claimId: outcome.trackingId.startsWith(MESSAGE_TRACKING_PREFIX) ? null : stored.claimId,
      status: stored.status,
      medicareDenialRisk: stored.medicareDenialRisk,
      findings: stored.findings,
      codeRelease: stored.codeRelease,
      rulesetVersion: stored.rulesetVersion,
    };
    results.push(result);
    const route = stored.destination === 'review' ? 'sent to the review queue' : 'sent to the clean-claims queue';
    const note = outcome.earlierRun ? `${route} in an earlier run (${stored.scrubbedAt}); same content, so not sent again` : route;
    const origin = { index: outcome.index, ...(outcome.line === undefined ? {} : { line: outcome.line }) };
    if (options.details) out.push(`${renderClaimReport(result, origin, paint, width)}\n  ${paint('dim', `${outcome.source} → ${note}`)}`);
    else out.push(`${renderClaimLine(result, origin, paint)}  ${paint('dim', `(${outcome.source} → ${note})`)}`);
  }
  out.push('');
  out.push(renderTotals(tally(results), paint));
  const dead = outcomes.filter((o) => o.inDeadLetterQueue).length;
  const missing = outcomes.filter((o) => !o.stored && !o.inDeadLetterQueue).length;
  if (dead > 0 || missing > 0) out.push(paint('red', `${dead} in the dead-letter queue, ${missing} not processed`));
  const repeated = outcomes.filter((o) => o.earlierRun).length;
  if (repeated > 0) out.push(`${repeated} claim(s) had been scrubbed in an earlier run and were not routed again (use --reset to start afresh).`);
  out.push(paint('bold', `Alerts raised on medicare-denial-alerts: ${alerts.length}`));
  for (const alert of alerts) out.push(`  ${paint('red', '!')} ${alert.text} ${paint('dim', `(claim ${alert.claimId})`)}`);
  const toReview = results.filter((r) => r.status !== 'clean').length;
  if (toReview > 0) {
    out.push('');
    if (options.worklistUrl) {
      out.push(`${paint('bold', `${toReview} claim(s) to review`)} go to the review worklist: ${options.worklistUrl}/`);
    } else {
      out.push(`${paint('bold', `${toReview} claim(s) to review`)} wait on the review queue (${options.reviewQueue}).`);
      out.push(`  Work them in the browser, in the review worklist: npm start -- --serve --examples`);
    }
    if (!options.details) out.push(`  Each claim's findings, why and how to fix them: npm start -- --details. One rule explained: npx claim-scrubber explain <RULE-ID>.`);
  }
  return out.join('\n');
}
