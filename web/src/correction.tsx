import { useEffect, useRef, useState } from 'preact/hooks';
import type { ClaimView, CorrectionRequest, FindingView, LineView } from '../../shared/application/worklist/api.ts';
import type { Documentation } from '../../shared/claim/contract.ts';

/**
 * Correct and rescrub: edit the claim's lines and documentation, or upload a corrected claim file. Either
 * way the correction goes to the API, which hands it in through the intake queue as a new version of
 * the claim; the claim page then waits for its scrub.
 */

const PERFORMERS = ['RN', 'LPN', 'pharmacist', 'physician', 'other'] as const;

interface LineDraft {
  key: number;
  lineNumber: number;
  procedureCode: string;
  modifiers: string;
  units: string;
  infusionMinutes: string;
  serviceDate: string;
  placeOfService: string;
  performedBy: string;
  chargeAmount: number | null;
}

type YesNo = '' | 'yes' | 'no';

interface DocumentationDraft {
  medicalNecessity: YesNo;
  suiteRationale: YesNo;
  therapyType: string;
  infusionMinutes: string;
  medications: string;
  supplies: string;
  suiteTimeIn: string;
  suiteTimeOut: string;
}

export interface Problem {
  path: string;
  message: string;
}

interface CorrectionProps {
  claimVersion: string;
  claim: ClaimView | null;
  /** Shown beside the lines they are about, as a reminder of what to fix. */
  findings: FindingView[];
  /** Hands the correction in; resolves true when the API took it. */
  onHandIn: (request: CorrectionRequest) => Promise<boolean>;
  /** The API's problems with the last correction (an `invalid` answer). */
  problems: Problem[];
  busy: boolean;
  onClose: () => void;
}

export function CorrectionPanel({ claimVersion, claim, findings, onHandIn, problems, busy, onClose }: CorrectionProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  // The line numbers of the claim last handed in from the editor, to name a problem's line as the editor does.
  const [handedLines, setHandedLines] = useState<number[] | null>(null);
  const handIn = (request: CorrectionRequest) => {
    setHandedLines('claim' in request && Array.isArray(request.claim.lines) ? (request.claim.lines as Array<{ lineNumber: number }>).map((l) => l.lineNumber) : null);
    return onHandIn(request);
  };
  useEffect(() => heading.current?.focus(), []);
  return (
    <section id="correction" class="panel correction" aria-labelledby="correction-heading">
      <h2 id="correction-heading" ref={heading} tabIndex={-1}>
        Correct and rescrub
      </h2>
      <p class="hint">
        The corrected claim is handed in as a new version and scrubbed again. If it comes back clean it leaves the open list; if not, it stays open with its new
        findings. The member's details are kept as they were received.
      </p>
      {problems.length > 0 ? (
        <div class="problems" role="alert">
          <p>The correction was not handed in:</p>
          <ul>
            {problems.map((problem) => (
              <li key={`${problem.path}-${problem.message}`}>
                {problem.path ? `${describePath(problem.path, handedLines)}: ` : ''}
                {problem.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {claim ? <ClaimEditor claimVersion={claimVersion} claim={claim} findings={findings} onHandIn={handIn} busy={busy} /> : <p>This claim could not be read, so it cannot be edited here: upload a corrected file.</p>}
      <FileUpload claimVersion={claimVersion} onHandIn={handIn} busy={busy} />
      <p>
        <button type="button" onClick={onClose}>
          Close without correcting
        </button>
      </p>
    </section>
  );
}

function ClaimEditor({ claimVersion, claim, findings, onHandIn, busy }: { claimVersion: string; claim: ClaimView; findings: FindingView[]; onHandIn: CorrectionProps['onHandIn']; busy: boolean }) {
  const [lines, setLines] = useState<LineDraft[]>(() => claim.lines.map((line, i) => lineDraft(line, i)));
  const [documentation, setDocumentation] = useState<DocumentationDraft>(() => documentationDraft(claim.documentation));
  const [claimPlace, setClaimPlace] = useState(claim.placeOfService ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const nextKey = useRef(claim.lines.length);

  const setLine = (key: number, change: Partial<LineDraft>) => setLines((all) => all.map((line) => (line.key === key ? { ...line, ...change } : line)));
  const setDoc = (change: Partial<DocumentationDraft>) => setDocumentation((doc) => ({ ...doc, ...change }));

  function addLine() {
    const last = lines[lines.length - 1];
    const key = nextKey.current++;
    setLines([
      ...lines,
      {
        key,
        lineNumber: Math.max(0, ...lines.map((l) => l.lineNumber)) + 1,
        procedureCode: '',
        modifiers: '',
        units: '1',
        infusionMinutes: '',
        serviceDate: last?.serviceDate ?? '',
        placeOfService: '',
        performedBy: '',
        chargeAmount: null,
      },
    ]);
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (lines.length === 0) {
      setProblem('A claim needs at least one line.');
      return;
    }
    const bad = lines.find((line) => !/^\d+(\.\d+)?$/.test(line.units.trim()) || (line.infusionMinutes.trim() !== '' && !/^\d+$/.test(line.infusionMinutes.trim())));
    if (bad) {
      setProblem(`Line ${bad.lineNumber}: units must be a number, and minutes a whole number (or empty).`);
      return;
    }
    if (documentation.infusionMinutes.trim() !== '' && !/^\d+$/.test(documentation.infusionMinutes.trim())) {
      setProblem('Documented infusion minutes must be a whole number (or empty).');
      return;
    }
    setProblem(null);
    await onHandIn({ claimVersion, claim: correctedClaim(claim, lines, documentation, claimPlace) });
  }

  return (
    <form class="editor" aria-labelledby="editor-heading" onSubmit={(e) => void submit(e)} noValidate>
      <h3 id="editor-heading">Edit the claim</h3>
      <div class="table-wrap">
        <table class="edit-lines">
          <caption class="visually-hidden">The claim's lines, editable</caption>
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
              <th scope="col">Findings now</th>
              <th scope="col">
                <span class="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => {
              const name = `Line ${line.lineNumber}`;
              return (
                <tr key={line.key} data-line={line.lineNumber}>
                  <th scope="row">{line.lineNumber}</th>
                  <td>
                    <input class="w-code" aria-label={`${name} procedure code`} value={line.procedureCode} maxLength={5} autocomplete="off" spellcheck={false} onInput={(e) => setLine(line.key, { procedureCode: e.currentTarget.value })} />
                  </td>
                  <td>
                    <input
                      class="w-modifiers"
                      aria-label={`${name} modifiers`}
                      aria-describedby="modifiers-hint"
                      value={line.modifiers}
                      autocomplete="off"
                      spellcheck={false}
                      onInput={(e) => setLine(line.key, { modifiers: e.currentTarget.value })}
                    />
                  </td>
                  <td>
                    <input class="w-number" aria-label={`${name} units`} inputMode="decimal" value={line.units} onInput={(e) => setLine(line.key, { units: e.currentTarget.value })} />
                  </td>
                  <td>
                    <input class="w-number" aria-label={`${name} infusion minutes`} inputMode="numeric" value={line.infusionMinutes} onInput={(e) => setLine(line.key, { infusionMinutes: e.currentTarget.value })} />
                  </td>
                  <td>
                    <input class="w-date" type="date" aria-label={`${name} service date`} value={line.serviceDate} onInput={(e) => setLine(line.key, { serviceDate: e.currentTarget.value })} />
                  </td>
                  <td>
                    <input
                      class="w-pos"
                      aria-label={`${name} place of service`}
                      inputMode="numeric"
                      maxLength={2}
                      placeholder={claimPlace || undefined}
                      value={line.placeOfService}
                      onInput={(e) => setLine(line.key, { placeOfService: e.currentTarget.value })}
                    />
                  </td>
                  <td>
                    <select aria-label={`${name} performed by`} value={line.performedBy} onChange={(e) => setLine(line.key, { performedBy: e.currentTarget.value })}>
                      <option value="">Not stated</option>
                      {PERFORMERS.map((p) => (
                        <option key={p} value={p}>
                          {p}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td class="rules">
                    {findings
                      .filter((f) => f.lineNumber === line.lineNumber)
                      .map((f) => (
                        <code key={f.ruleId} class="rule" title={f.message}>
                          {f.ruleId}
                        </code>
                      ))}
                  </td>
                  <td>
                    <button type="button" class="link-button" aria-label={`Remove line ${line.lineNumber}`} onClick={() => setLines(lines.filter((l) => l.key !== line.key))}>
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p id="modifiers-hint" class="hint">
        Modifiers separated by spaces, e.g. <kbd>SS SD</kbd>. An empty place of service on a line uses the claim's.
      </p>
      <p>
        <button type="button" onClick={addLine}>
          Add a line
        </button>
      </p>
      <div class="field inline">
        <label for="edit-claim-pos">Place of service of the claim</label>
        <input id="edit-claim-pos" class="w-pos" inputMode="numeric" maxLength={2} value={claimPlace} onInput={(e) => setClaimPlace(e.currentTarget.value)} />
      </div>
      <fieldset class="documentation-editor">
        <legend>Documentation</legend>
        <div class="doc-grid">
          <YesNoField id="edit-doc-necessity" label="Medical necessity documented" value={documentation.medicalNecessity} onChange={(v) => setDoc({ medicalNecessity: v })} />
          <YesNoField id="edit-doc-rationale" label="Suite rationale documented" value={documentation.suiteRationale} onChange={(v) => setDoc({ suiteRationale: v })} />
          <div class="field">
            <label for="edit-doc-therapy">Therapy type</label>
            <input id="edit-doc-therapy" value={documentation.therapyType} onInput={(e) => setDoc({ therapyType: e.currentTarget.value })} />
          </div>
          <div class="field">
            <label for="edit-doc-minutes">Infusion minutes</label>
            <input id="edit-doc-minutes" class="w-number" inputMode="numeric" value={documentation.infusionMinutes} onInput={(e) => setDoc({ infusionMinutes: e.currentTarget.value })} />
          </div>
          <div class="field">
            <label for="edit-doc-medications">Medications (one a line)</label>
            <textarea id="edit-doc-medications" rows={3} value={documentation.medications} onInput={(e) => setDoc({ medications: e.currentTarget.value })} />
          </div>
          <div class="field">
            <label for="edit-doc-supplies">Supplies (one a line)</label>
            <textarea id="edit-doc-supplies" rows={3} value={documentation.supplies} onInput={(e) => setDoc({ supplies: e.currentTarget.value })} />
          </div>
          <div class="field">
            <label for="edit-doc-in">Suite time in</label>
            <input id="edit-doc-in" aria-describedby="suite-time-hint" value={documentation.suiteTimeIn} onInput={(e) => setDoc({ suiteTimeIn: e.currentTarget.value })} />
          </div>
          <div class="field">
            <label for="edit-doc-out">Suite time out</label>
            <input id="edit-doc-out" aria-describedby="suite-time-hint" value={documentation.suiteTimeOut} onInput={(e) => setDoc({ suiteTimeOut: e.currentTarget.value })} />
          </div>
        </div>
        <p id="suite-time-hint" class="hint">
          Suite times as date, time and offset, e.g. <kbd>2026-03-02T09:00:00-06:00</kbd>.
        </p>
      </fieldset>
      {problem ? (
        <p class="field-problem" role="alert">
          {problem}
        </p>
      ) : null}
      <button type="submit" class="primary" disabled={busy}>
        Hand in the correction and rescrub
      </button>
    </form>
  );
}

/**
 * A problem's place in words: `lines[0].procedureCode` → "Line 1 procedure code" (the line's number as
 * the editor shows it, else its position), `documentation.suiteTimeIn` → "Documentation suite time in".
 */
export function describePath(path: string, lineNumbers: number[] | null): string {
  const words = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const parts = path.match(/[^.[\]]+/g) ?? [];
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    const next = parts[i + 1];
    if (part === 'lines' && next !== undefined && /^\d+$/.test(next)) {
      out.push(`line ${lineNumbers?.[Number(next)] ?? Number(next) + 1}`);
      i++;
    } else if (/^\d+$/.test(part)) out.push(`#${Number(part) + 1}`);
    else out.push(words(part));
  }
  const text = out.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function YesNoField({ id, label, value, onChange }: { id: string; label: string; value: YesNo; onChange: (value: YesNo) => void }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value as YesNo)}>
        <option value="">Not stated</option>
        <option value="yes">Yes</option>
        <option value="no">No</option>
      </select>
    </div>
  );
}

function FileUpload({ claimVersion, onHandIn, busy }: { claimVersion: string; onHandIn: CorrectionProps['onHandIn']; busy: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) {
      setProblem('Choose the corrected claim file first.');
      return;
    }
    let text: string;
    try {
      text = await readAsText(file);
    } catch {
      setProblem(`${file.name} could not be read.`);
      return;
    }
    if (text.trim() === '') {
      setProblem(`${file.name} is empty.`);
      return;
    }
    setProblem(null);
    await onHandIn({ claimVersion, file: { name: file.name, text } });
  }

  return (
    <form class="upload" aria-labelledby="upload-heading" onSubmit={(e) => void submit(e)} noValidate>
      <h3 id="upload-heading">Or upload a corrected claim file</h3>
      <div class="field">
        <label for="correction-file">Corrected claim file (JSON, X12 837P or FHIR)</label>
        <input id="correction-file" ref={input} type="file" accept=".json,.ndjson,.x12,.837,.edi,.txt,.xml,application/json,text/plain" aria-describedby="correction-file-hint" />
        <p id="correction-file-hint" class="hint">
          The file must hold this one claim, with the same claim id and billing NPI.
        </p>
      </div>
      {problem ? (
        <p class="field-problem" role="alert">
          {problem}
        </p>
      ) : null}
      <button type="submit" disabled={busy}>
        Upload and rescrub
      </button>
    </form>
  );
}

function readAsText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsText(file);
  });
}

function lineDraft(line: LineView, key: number): LineDraft {
  return {
    key,
    lineNumber: line.lineNumber,
    procedureCode: line.procedureCode,
    modifiers: line.modifiers.join(' '),
    units: String(line.units),
    infusionMinutes: line.infusionMinutes === null ? '' : String(line.infusionMinutes),
    serviceDate: line.serviceDate,
    placeOfService: line.placeOfService ?? '',
    performedBy: line.performedBy ?? '',
    chargeAmount: line.chargeAmount,
  };
}

function documentationDraft(doc: Documentation | null): DocumentationDraft {
  const yesNo = (value: boolean | undefined): YesNo => (value === undefined ? '' : value ? 'yes' : 'no');
  return {
    medicalNecessity: yesNo(doc?.medicalNecessity),
    suiteRationale: yesNo(doc?.suiteRationale),
    therapyType: doc?.therapyType ?? '',
    infusionMinutes: doc?.infusionMinutes === undefined ? '' : String(doc.infusionMinutes),
    medications: (doc?.medications ?? []).join('\n'),
    supplies: (doc?.supplies ?? []).join('\n'),
    suiteTimeIn: doc?.suiteTimeIn ?? '',
    suiteTimeOut: doc?.suiteTimeOut ?? '',
  };
}

/** The claim as the contract takes it: the view's nulls left out, the edits applied. The API adds the patient. */
export function correctedClaim(claim: ClaimView, lines: LineDraft[], doc: DocumentationDraft, claimPlace: string): Record<string, unknown> {
  const text = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const list = (value: string) => value.split('\n').map((v) => v.trim()).filter(Boolean);
  const yesNo = (value: YesNo) => (value === '' ? undefined : value === 'yes');
  const documentation = {
    ...(claim.documentation ?? {}),
    medicalNecessity: yesNo(doc.medicalNecessity),
    suiteRationale: yesNo(doc.suiteRationale),
    therapyType: text(doc.therapyType),
    infusionMinutes: text(doc.infusionMinutes) === undefined ? undefined : Number(doc.infusionMinutes.trim()),
    medications: list(doc.medications).length > 0 ? list(doc.medications) : undefined,
    supplies: list(doc.supplies).length > 0 ? list(doc.supplies) : undefined,
    suiteTimeIn: text(doc.suiteTimeIn),
    suiteTimeOut: text(doc.suiteTimeOut),
  };
  const hasDocumentation = Object.values(documentation).some((v) => v !== undefined);
  return withoutEmpty({
    claimId: claim.claimId,
    payer: { id: claim.payer.id, name: claim.payer.name ?? undefined, type: claim.payer.type },
    billingProvider: { npi: claim.billingProvider.npi, name: claim.billingProvider.name ?? undefined },
    renderingProvider: claim.renderingProvider ? { npi: claim.renderingProvider.npi ?? undefined, credential: claim.renderingProvider.credential ?? undefined } : undefined,
    placeOfService: text(claimPlace),
    diagnosisCodes: claim.diagnosisCodes.length > 0 ? claim.diagnosisCodes : undefined,
    lines: lines.map((line) => ({
      lineNumber: line.lineNumber,
      procedureCode: line.procedureCode.trim().toUpperCase(),
      modifiers: line.modifiers.split(/[\s,]+/).map((m) => m.trim().toUpperCase()).filter(Boolean),
      units: Number(line.units.trim()),
      serviceDate: line.serviceDate,
      infusionMinutes: text(line.infusionMinutes) === undefined ? undefined : Number(line.infusionMinutes.trim()),
      placeOfService: text(line.placeOfService),
      performedBy: text(line.performedBy),
      chargeAmount: line.chargeAmount ?? undefined,
    })),
    documentation: hasDocumentation ? documentation : undefined,
  }) as Record<string, unknown>;
}

/** Drops undefined fields and empty modifier lists, as the contract's optional fields are absent, not null. */
function withoutEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmpty);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry === undefined || (key === 'modifiers' && Array.isArray(entry) && entry.length === 0)) continue;
    out[key] = withoutEmpty(entry);
  }
  return out;
}
