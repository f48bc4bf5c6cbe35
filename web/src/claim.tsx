import { Fragment, type ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ClaimResponse, ClaimView, CorrectionRequest, FindingView } from '../../shared/application/worklist/api.ts';
import type { WorklistAction } from '../../shared/application/worklist/actions.ts';
import type { Documentation } from '../../shared/claim/contract.ts';
import { ActionsPanel, type PanelKind } from './actions.tsx';
import { ApiError, messageOf } from './api.ts';
import { RiskBadge, StateBadge, StatusBadge } from './badges.tsx';
import { usePage } from './context.ts';
import { CorrectionPanel, type Problem } from './correction.tsx';
import { FindingList } from './findings.tsx';
import { money, shortVersion, when } from './format.ts';
import { AuditTrail, ScrubHistory } from './history.tsx';
import { LIST_HREF } from './router.ts';

/** How often, and how long, the page asks whether a correction has been scrubbed. */
const POLL_EVERY_MS = 1_500;
const POLL_FOR_MS = 180_000;

type Load = { state: 'loading' } | { state: 'loaded'; data: ClaimResponse } | { state: 'failed'; error: ApiError | Error };

/** One claim: `#/claims/<reference>`. */
export function ClaimPage({ reference }: { reference: string }) {
  const { api, announce, alarm } = usePage();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [open, setOpen] = useState<PanelKind | null>(null);
  const [stale, setStale] = useState(false);
  const [waitingFor, setWaitingFor] = useState<{ previous: string; handedIn: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Problem[]>([]);
  const heading = useRef<HTMLHeadingElement>(null);

  const reload = useCallback(async (): Promise<ClaimResponse | null> => {
    try {
      const data = await api.claim(reference);
      setLoad({ state: 'loaded', data });
      setStale(false);
      document.title = `Claim ${data.item.claimId} — Review worklist`;
      return data;
    } catch (error) {
      setLoad({ state: 'failed', error: error instanceof Error ? error : new Error(String(error)) });
      document.title = 'Claim not found — Review worklist';
      return null;
    }
  }, [api, reference]);

  useEffect(() => {
    void reload();
  }, [reload]);

  // After a correction: ask until the item's version moves on (the corrected claim was scrubbed).
  useEffect(() => {
    if (!waitingFor) return;
    let cancelled = false;
    const started = Date.now();
    let timer = 0;
    const tick = async () => {
      try {
        const data = await api.claim(reference);
        if (cancelled) return;
        if (data.item.claimVersion !== waitingFor.previous || data.item.state === 'superseded') {
          setLoad({ state: 'loaded', data });
          setWaitingFor(null);
          setStale(false);
          announce(rescrubOutcome(data));
          return;
        }
      } catch (error) {
        if (cancelled) return;
        setWaitingFor(null);
        alarm(messageOf(error));
        return;
      }
      if (Date.now() - started > POLL_FOR_MS) {
        setWaitingFor(null);
        announce('The correction was handed in, but its scrub is taking longer than usual. Reload the claim later to see the outcome.');
        return;
      }
      timer = window.setTimeout(() => void tick(), POLL_EVERY_MS);
    };
    timer = window.setTimeout(() => void tick(), POLL_EVERY_MS);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [waitingFor, api, reference]);

  function failed(error: unknown) {
    if (error instanceof ApiError && error.kind === 'stale') {
      setStale(true);
      alarm(error.body.message);
    } else {
      alarm(messageOf(error));
    }
  }

  async function act(action: WorklistAction): Promise<boolean> {
    alarm(null);
    try {
      const answer = await api.action(reference, action);
      setOpen(null);
      await reload();
      announce(actionOutcome(action, answer.item.assignee));
      heading.current?.focus();
      return true;
    } catch (error) {
      failed(error);
      return false;
    }
  }

  async function handIn(request: CorrectionRequest): Promise<boolean> {
    if (load.state !== 'loaded') return false;
    alarm(null);
    setProblems([]);
    setBusy(true);
    try {
      const answer = await api.correct(reference, request);
      setOpen(null);
      setWaitingFor({ previous: load.data.item.claimVersion, handedIn: answer.claimVersion });
      announce(`Correction handed in as version ${shortVersion(answer.claimVersion)}. Waiting for it to be scrubbed…`);
      heading.current?.focus();
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.body.problems) setProblems(error.body.problems);
      failed(error);
      return false;
    } finally {
      setBusy(false);
    }
  }

  if (load.state === 'loading')
    return (
      <div class="claim-page" aria-busy="true">
        <p class="back">
          <a href={LIST_HREF}>← Back to the list</a>
        </p>
        <p role="status">Loading the claim…</p>
      </div>
    );

  if (load.state === 'failed') {
    const notFound = load.error instanceof ApiError && load.error.kind === 'not_found';
    return (
      <div class="claim-page">
        <p class="back">
          <a href={LIST_HREF}>← Back to the list</a>
        </p>
        <h1>{notFound ? 'Claim not found' : 'The claim could not be loaded'}</h1>
        <p role="alert">{load.error.message}</p>
        {notFound ? (
          <p>The link may be old, or the claim belongs to another organisation. Search the list by claim id instead.</p>
        ) : (
          <button type="button" onClick={() => void reload()}>
            Try again
          </button>
        )}
      </div>
    );
  }

  const { data } = load;
  const { item, claim } = data;
  const lineNumbers = new Set(claim?.lines.map((line) => line.lineNumber) ?? []);
  const claimFindings = data.findings.filter((f) => f.lineNumber === undefined || !lineNumbers.has(f.lineNumber));

  return (
    <article class="claim-page" aria-labelledby="claim-heading">
      <p class="back">
        <a href={LIST_HREF}>← Back to the list</a>
      </p>
      <header class="claim-header">
        <h1 id="claim-heading" ref={heading} tabIndex={-1}>
          Claim {item.claimId}
        </h1>
        <p class="badges">
          <StatusBadge status={item.scrubStatus} /> <RiskBadge risk={item.medicareDenialRisk} /> <StateBadge state={item.state} />
        </p>
        {claim ? <ClaimFacts claim={claim} data={data} /> : <ItemFacts data={data} />}
      </header>
      {stale ? (
        <div class="stale" role="note">
          <p>This claim was scrubbed again since you opened it. Reload it and act on what it says now.</p>
          <button type="button" class="primary" onClick={() => void reload().then(() => alarm(null))}>
            Reload the claim
          </button>
        </div>
      ) : null}
      {waitingFor ? (
        <p class="waiting">
          <span class="spinner" aria-hidden="true" /> Correction handed in as version <code>{shortVersion(waitingFor.handedIn)}</code>; waiting for its scrub…
        </p>
      ) : null}
      {open === 'correct' && data.allowedActions.includes('correct') ? (
        <CorrectionPanel claimVersion={item.claimVersion} claim={claim} findings={data.findings} onHandIn={handIn} problems={problems} busy={busy || waitingFor !== null} onClose={() => setOpen(null)} />
      ) : null}
      <div class="claim-grid">
        <div class="claim-main">
          {claimFindings.length > 0 ? (
            <section class="panel" aria-labelledby="claim-findings-heading">
              <h2 id="claim-findings-heading">Findings on the whole claim</h2>
              <FindingList findings={claimFindings} label="Findings on the whole claim" />
            </section>
          ) : null}
          {claim ? <Lines claim={claim} findings={data.findings} /> : null}
          {data.rawBody !== null ? (
            <section class="panel" aria-labelledby="raw-heading">
              <h2 id="raw-heading">The claim as received</h2>
              <p class="hint">It could not be read as a claim, so it is shown as it came. Correct it by uploading a corrected file.</p>
              <pre class="raw" tabIndex={0}>
                {data.rawBody}
              </pre>
            </section>
          ) : null}
          {claim ? <DocumentationView documentation={claim.documentation} /> : null}
        </div>
        <div class="claim-side">
          <ActionsPanel data={data} open={open} onOpen={setOpen} onAct={act} />
          <ScrubHistory history={data.history} current={item.claimVersion} />
          <AuditTrail audit={data.audit} />
        </div>
      </div>
    </article>
  );
}

function ClaimFacts({ claim, data }: { claim: ClaimView; data: ClaimResponse }) {
  const { item } = data;
  return (
    <dl class="facts">
      <Fact term="Payer">
        {claim.payer.name ?? claim.payer.id} <span class="muted">({claim.payer.id}, {claim.payer.type.replace('_', ' ')})</span>
      </Fact>
      <Fact term="Billing provider">
        {claim.billingProvider.name ?? '—'} <span class="muted">NPI {claim.billingProvider.npi}</span>
      </Fact>
      {claim.renderingProvider ? (
        <Fact term="Rendering provider">
          {[claim.renderingProvider.credential, claim.renderingProvider.npi ? `NPI ${claim.renderingProvider.npi}` : null].filter(Boolean).join(', ') || '—'}
        </Fact>
      ) : null}
      <Fact term="Member">
        {claim.member.memberId}
        {claim.member.name ? `, ${claim.member.name}` : ''}
      </Fact>
      <Fact term="Place of service">{claim.placeOfService ?? '—'}</Fact>
      <Fact term="Diagnoses">{claim.diagnosisCodes.length > 0 ? claim.diagnosisCodes.join(', ') : '—'}</Fact>
      <ItemFactsList data={data} />
      <Fact term="Version (handed in)">
        <span title={item.claimVersion}>{shortVersion(item.claimVersion)}</span>
      </Fact>
    </dl>
  );
}

function ItemFacts({ data }: { data: ClaimResponse }) {
  return (
    <dl class="facts">
      <Fact term="Payer">{data.item.payerId ?? '—'}</Fact>
      <ItemFactsList data={data} />
      <Fact term="Version (handed in)">
        <span title={data.item.claimVersion}>{shortVersion(data.item.claimVersion)}</span>
      </Fact>
    </dl>
  );
}

function ItemFactsList({ data }: { data: ClaimResponse }) {
  return (
    <>
      <Fact term="Assignee">{data.item.assignee ?? 'Unassigned'}</Fact>
      <Fact term="On the list since">{when(data.item.openedAt)}</Fact>
    </>
  );
}

function Fact({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <div class="fact">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The lines, each followed by the findings about it. */
function Lines({ claim, findings }: { claim: ClaimView; findings: FindingView[] }) {
  return (
    <section class="panel" aria-labelledby="lines-heading">
      <h2 id="lines-heading">Lines</h2>
      <div class="table-wrap">
        <table class="lines">
          <caption class="visually-hidden">The claim's lines; the findings about a line follow it</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Code</th>
              <th scope="col">Modifiers</th>
              <th scope="col">Units</th>
              <th scope="col">Minutes</th>
              <th scope="col">Service date</th>
              <th scope="col">Place of service</th>
              <th scope="col">Performed by</th>
              <th scope="col">Charge</th>
            </tr>
          </thead>
          <tbody>
            {claim.lines.map((line) => {
              const about = findings.filter((f) => f.lineNumber === line.lineNumber);
              return (
                <Fragment key={line.lineNumber}>
                  <tr class={about.length > 0 ? 'line has-findings' : 'line'} data-line={line.lineNumber}>
                    <th scope="row">{line.lineNumber}</th>
                    <td>
                      <code>{line.procedureCode}</code>
                    </td>
                    <td>{line.modifiers.length > 0 ? line.modifiers.map((m) => <code key={m} class="modifier">{m}</code>) : <span class="muted">none</span>}</td>
                    <td>{line.units}</td>
                    <td>{line.infusionMinutes ?? '—'}</td>
                    <td class="nowrap">{line.serviceDate}</td>
                    <td>{line.placeOfService ?? <span class="muted">{claim.placeOfService ? `${claim.placeOfService} (claim)` : '—'}</span>}</td>
                    <td>{line.performedBy ?? '—'}</td>
                    <td class="number">{money(line.chargeAmount)}</td>
                  </tr>
                  {about.length > 0 ? (
                    <tr class="line-findings" data-findings-for={line.lineNumber}>
                      <td colSpan={9}>
                        <FindingList findings={about} label={`Findings on line ${line.lineNumber}`} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function DocumentationView({ documentation }: { documentation: Documentation | null }) {
  const yesNo = (value: boolean | undefined) => (value === undefined ? 'Not stated' : value ? 'Yes' : 'No');
  const list = (values: string[] | undefined) => (values && values.length > 0 ? values.join('; ') : 'None listed');
  return (
    <section class="panel" aria-labelledby="documentation-heading">
      <h2 id="documentation-heading">Documentation</h2>
      {documentation === null ? (
        <p>The claim carries no documentation.</p>
      ) : (
        <dl class="facts documentation">
          <Fact term="Medical necessity">{yesNo(documentation.medicalNecessity)}</Fact>
          <Fact term="Suite rationale">{yesNo(documentation.suiteRationale)}</Fact>
          <Fact term="Therapy type">{documentation.therapyType ?? 'Not stated'}</Fact>
          <Fact term="Infusion minutes">{documentation.infusionMinutes ?? 'Not stated'}</Fact>
          <Fact term="Medications">{list(documentation.medications)}</Fact>
          <Fact term="Supplies">{list(documentation.supplies)}</Fact>
          <Fact term="Suite time in">{documentation.suiteTimeIn ?? 'Not stated'}</Fact>
          <Fact term="Suite time out">{documentation.suiteTimeOut ?? 'Not stated'}</Fact>
          {documentation.attachments && documentation.attachments.length > 0 ? (
            <Fact term="Attachments">
              {documentation.attachments.map((a) => `${a.reportType} by ${a.transmission}${a.controlNumber ? ` (${a.controlNumber})` : ''}`).join('; ')}
            </Fact>
          ) : null}
        </dl>
      )}
    </section>
  );
}

function actionOutcome(action: WorklistAction, assignee: string | null): string {
  switch (action.kind) {
    case 'resolve':
      return 'Resolved: the claim has left the open list.';
    case 'override':
      return 'Overridden: the claim was released to the clean queue.';
    case 'assign':
      return assignee ? `Assigned to ${assignee}.` : 'Unassigned.';
    case 'note':
      return 'Note added.';
    case 'reopen':
      return 'Reopened: the claim is back on the open list.';
  }
}

function rescrubOutcome(data: ClaimResponse): string {
  const { item } = data;
  if (item.state === 'superseded') return `Rescrubbed: the corrected claim ${item.claimId} is clean and has left the open list (superseded).`;
  const rules = item.ruleIds.length > 0 ? `: ${item.ruleIds.join(', ')}` : '';
  return `Rescrubbed: the corrected claim is ${item.scrubStatus}${item.medicareDenialRisk ? ' with Medicare denial risk' : ''}${rules}. It stays open under the new version.`;
}
