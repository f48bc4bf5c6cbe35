import { useEffect, useRef, useState } from 'preact/hooks';
import type { ClaimResponse } from '../../shared/application/worklist/api.ts';
import type { WorklistAction } from '../../shared/application/worklist/actions.ts';
import { MAX_DETAIL_LENGTH } from '../../shared/application/worklist/actions.ts';
import { usePage } from './context.ts';

export type ActionKind = WorklistAction['kind'];
export type PanelKind = ActionKind | 'correct';

/** The button that opens each action, and what it asks for. */
const ACTIONS: Record<ActionKind, { button: string; heading: string; field?: { label: string; hint: string; missing: string }; submit: string }> = {
  resolve: {
    button: 'Resolve',
    heading: 'Resolve the claim',
    field: { label: 'Note: how it was fixed', hint: 'Goes in the audit trail. The claim leaves the open list.', missing: 'Write a note saying how it was fixed.' },
    submit: 'Resolve',
  },
  override: {
    button: 'Override',
    heading: 'Override and release',
    field: {
      label: 'Reason for releasing it despite its findings',
      hint: 'Releases the claim to the clean queue as it is. Goes in the audit trail.',
      missing: 'A reason is required to override: say why the claim can go out despite its findings.',
    },
    submit: 'Override and release',
  },
  assign: { button: 'Assign', heading: 'Assign the claim', submit: 'Assign' },
  note: { button: 'Add a note', heading: 'Add a note', field: { label: 'Note', hint: 'Goes in the audit trail; the claim stays as it is.', missing: 'Write the note first.' }, submit: 'Add the note' },
  reopen: {
    button: 'Reopen',
    heading: 'Reopen the claim',
    field: { label: 'Reason for reopening', hint: 'Puts the claim back on the open list. Goes in the audit trail.', missing: 'A reason is required to reopen the claim.' },
    submit: 'Reopen',
  },
};

const ORDER: PanelKind[] = ['resolve', 'correct', 'assign', 'note', 'override', 'reopen'];

interface ActionsProps {
  data: ClaimResponse;
  open: PanelKind | null;
  onOpen: (kind: PanelKind | null) => void;
  /** Sends the action; resolves true when the API took it. */
  onAct: (action: WorklistAction) => Promise<boolean>;
}

/** The actions the API allows this user now (allowedActions), each with the form it needs. */
export function ActionsPanel({ data, open, onOpen, onAct }: ActionsProps) {
  const allowed = ORDER.filter((kind) => data.allowedActions.includes(kind));
  return (
    <section class="panel actions" aria-labelledby="actions-heading">
      <h2 id="actions-heading">Actions</h2>
      {allowed.length === 0 ? (
        <p class="muted">There is nothing you can do to this claim now.</p>
      ) : (
        <div class="action-buttons">
          {allowed.map((kind) => (
            <button
              key={kind}
              type="button"
              class={kind === 'correct' || kind === 'resolve' ? 'primary' : undefined}
              aria-expanded={open === kind ? 'true' : 'false'}
              aria-controls={kind === 'correct' ? 'correction' : 'action-form'}
              onClick={() => onOpen(open === kind ? null : kind)}
            >
              {kind === 'correct' ? 'Correct and rescrub' : ACTIONS[kind].button}
            </button>
          ))}
        </div>
      )}
      {open && open !== 'correct' && allowed.includes(open) ? (
        <div id="action-form">
          {open === 'assign' ? (
            <AssignForm data={data} onAct={onAct} onCancel={() => onOpen(null)} />
          ) : (
            <TextActionForm key={open} kind={open} data={data} onAct={onAct} onCancel={() => onOpen(null)} />
          )}
        </div>
      ) : null}
    </section>
  );
}

function TextActionForm({ kind, data, onAct, onCancel }: { kind: Exclude<ActionKind, 'assign'>; data: ClaimResponse; onAct: ActionsProps['onAct']; onCancel: () => void }) {
  const spec = ACTIONS[kind];
  const field = spec.field ?? { label: 'Text', hint: '', missing: 'Required.' };
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => ref.current?.focus(), []);

  async function submit(event: Event) {
    event.preventDefault();
    const value = text.trim();
    if (!value) {
      setProblem(field.missing);
      ref.current?.focus();
      return;
    }
    setProblem(null);
    setBusy(true);
    const claimVersion = data.item.claimVersion;
    const action: WorklistAction =
      kind === 'resolve' || kind === 'note' ? { kind, claimVersion, note: value } : { kind, claimVersion, reason: value };
    const done = await onAct(action);
    setBusy(false);
    if (done) setText('');
  }

  const id = `action-${kind}`;
  return (
    <form class="action-form" aria-labelledby={`${id}-heading`} onSubmit={(e) => void submit(e)} noValidate>
      <h3 id={`${id}-heading`}>{spec.heading}</h3>
      <div class="field">
        <label for={`${id}-text`}>{field.label}</label>
        <textarea
          id={`${id}-text`}
          ref={ref}
          rows={3}
          maxLength={MAX_DETAIL_LENGTH}
          value={text}
          required
          aria-invalid={problem ? 'true' : undefined}
          aria-describedby={`${id}-hint${problem ? ` ${id}-problem` : ''}`}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <p id={`${id}-hint`} class="hint">
          {field.hint}
        </p>
        {problem ? (
          <p id={`${id}-problem`} class="field-problem" role="alert">
            {problem}
          </p>
        ) : null}
      </div>
      <div class="form-buttons">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Sending…' : spec.submit}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function AssignForm({ data, onAct, onCancel }: { data: ClaimResponse; onAct: ActionsProps['onAct']; onCancel: () => void }) {
  const { me } = usePage();
  const [choice, setChoice] = useState<'me' | 'user' | 'nobody'>(data.item.assignee === me.user.id ? 'user' : 'me');
  const [userId, setUserId] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  async function submit(event: Event) {
    event.preventDefault();
    const assignee = choice === 'me' ? me.user.id : choice === 'nobody' ? null : userId.trim();
    if (assignee === '') {
      setProblem('Enter the user id to assign the claim to.');
      return;
    }
    setProblem(null);
    setBusy(true);
    await onAct({ kind: 'assign', claimVersion: data.item.claimVersion, assignee });
    setBusy(false);
  }

  return (
    <form class="action-form" aria-labelledby="action-assign-heading" onSubmit={(e) => void submit(e)} noValidate>
      <h3 id="action-assign-heading">Assign the claim</h3>
      <p class="hint">Now: {data.item.assignee ?? 'unassigned'}.</p>
      <fieldset>
        <legend>Assign to</legend>
        <div class="choice">
          <input ref={first} type="radio" id="assign-me" name="assign" checked={choice === 'me'} onChange={() => setChoice('me')} />
          <label for="assign-me">Me ({me.user.id})</label>
        </div>
        <div class="choice">
          <input type="radio" id="assign-user" name="assign" checked={choice === 'user'} onChange={() => setChoice('user')} />
          <label for="assign-user">Another user</label>
        </div>
        <div class="field nested">
          <label for="assign-user-id">User id</label>
          <input
            id="assign-user-id"
            value={userId}
            disabled={choice !== 'user'}
            autocomplete="off"
            aria-invalid={problem ? 'true' : undefined}
            aria-describedby={problem ? 'assign-problem' : undefined}
            onInput={(e) => setUserId(e.currentTarget.value)}
          />
        </div>
        {data.item.assignee !== null ? (
          <div class="choice">
            <input type="radio" id="assign-nobody" name="assign" checked={choice === 'nobody'} onChange={() => setChoice('nobody')} />
            <label for="assign-nobody">Nobody (unassign)</label>
          </div>
        ) : null}
      </fieldset>
      {problem ? (
        <p id="assign-problem" class="field-problem" role="alert">
          {problem}
        </p>
      ) : null}
      <div class="form-buttons">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Sending…' : 'Assign'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
