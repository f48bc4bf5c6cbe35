import type { ComponentChildren } from 'preact';
import type { CountsResponse, ListFilters } from '../../shared/application/worklist/api.ts';
import type { ItemState } from '../../shared/application/worklist/model.ts';
import { countOf, STATE_LABEL } from './format.ts';

const ME = '__me';
const UNASSIGNED = '__unassigned';

interface FiltersProps {
  filters: ListFilters;
  counts: CountsResponse | null;
  meId: string;
  onChange: (filters: ListFilters) => void;
}

/**
 * The list's filters, each a labelled control; beside each option, how many open claims have it (the
 * counts answer). Every change asks the API again from the first page.
 */
export function Filters({ filters, counts, meId, onChange }: FiltersProps) {
  const set = (change: Partial<ListFilters>) => {
    const next: ListFilters = { ...filters, ...change };
    for (const key of Object.keys(next) as Array<keyof ListFilters>) if (next[key] === undefined) delete next[key];
    onChange(next);
  };
  const count = (n: number | undefined) => (counts ? ` (${n ?? 0})` : '');
  const state = filters.state ?? 'open';
  const assigneeValue = filters.assignee === null ? UNASSIGNED : filters.assignee === undefined ? '' : filters.assignee === meId ? ME : filters.assignee;
  const ruleIds = withSelected(Object.keys(counts?.byRule ?? {}), filters.ruleId);
  const payerIds = withSelected(Object.keys(counts?.byPayer ?? {}), filters.payerId);
  const assignees = withSelected(
    Object.keys(counts?.byAssignee ?? {}).filter((id) => id !== meId),
    filters.assignee === null || filters.assignee === meId ? undefined : filters.assignee,
  );
  const active = Object.keys(filters).filter((key) => key !== 'state' && key !== 'claimId').length > 0 || state !== 'open';

  return (
    <form class="filters" aria-labelledby="filters-heading" onSubmit={(e) => e.preventDefault()}>
      <h2 id="filters-heading">Filters</h2>
      <Field id="filter-state" label="State">
        <select id="filter-state" value={state} onChange={(e) => set({ state: e.currentTarget.value as ItemState })}>
          {(Object.keys(STATE_LABEL) as ItemState[]).map((value) => (
            <option key={value} value={value}>
              {STATE_LABEL[value]}
              {value === 'open' ? count(counts?.open) : ''}
            </option>
          ))}
        </select>
      </Field>
      <Field id="filter-status" label="Scrub status">
        <select id="filter-status" value={filters.status ?? ''} onChange={(e) => set({ status: (e.currentTarget.value || undefined) as ListFilters['status'] })}>
          <option value="">Any</option>
          <option value="flagged">Flagged{count(counts?.byStatus.flagged)}</option>
          <option value="rejected">Rejected{count(counts?.byStatus.rejected)}</option>
        </select>
      </Field>
      <Field id="filter-risk" label="Medicare denial risk">
        <select
          id="filter-risk"
          value={filters.medicareDenialRisk === undefined ? '' : String(filters.medicareDenialRisk)}
          onChange={(e) => set({ medicareDenialRisk: e.currentTarget.value === '' ? undefined : e.currentTarget.value === 'true' })}
        >
          <option value="">Any</option>
          <option value="true">Denial risk{count(counts?.byRisk.risk)}</option>
          <option value="false">No denial risk{count(counts?.byRisk.noRisk)}</option>
        </select>
      </Field>
      <Field id="filter-rule" label="Rule">
        <select id="filter-rule" value={filters.ruleId ?? ''} onChange={(e) => set({ ruleId: e.currentTarget.value || undefined })}>
          <option value="">Any rule</option>
          {ruleIds.map((id) => (
            <option key={id} value={id}>
              {id}
              {count(countOf(counts?.byRule, id))}
            </option>
          ))}
        </select>
      </Field>
      <Field id="filter-payer" label="Payer">
        <select id="filter-payer" value={filters.payerId ?? ''} onChange={(e) => set({ payerId: e.currentTarget.value || undefined })}>
          <option value="">Any payer</option>
          {payerIds.map((id) => (
            <option key={id} value={id}>
              {id}
              {count(countOf(counts?.byPayer, id))}
            </option>
          ))}
        </select>
      </Field>
      <Field id="filter-assignee" label="Assignee">
        <select
          id="filter-assignee"
          value={assigneeValue}
          onChange={(e) => {
            const value = e.currentTarget.value;
            set({ assignee: value === '' ? undefined : value === UNASSIGNED ? null : value === ME ? meId : value });
          }}
        >
          <option value="">Anyone</option>
          <option value={ME}>Me{count(countOf(counts?.byAssignee, meId))}</option>
          <option value={UNASSIGNED}>Unassigned{count(counts?.unassigned)}</option>
          {assignees.map((id) => (
            <option key={id} value={id}>
              {id}
              {count(countOf(counts?.byAssignee, id))}
            </option>
          ))}
        </select>
      </Field>
      <fieldset class="dates">
        <legend>Service dates</legend>
        <Field id="filter-from" label="From">
          <input id="filter-from" type="date" value={filters.serviceFrom ?? ''} max={filters.serviceTo} onChange={(e) => set({ serviceFrom: e.currentTarget.value || undefined })} />
        </Field>
        <Field id="filter-to" label="To">
          <input id="filter-to" type="date" value={filters.serviceTo ?? ''} min={filters.serviceFrom} onChange={(e) => set({ serviceTo: e.currentTarget.value || undefined })} />
        </Field>
      </fieldset>
      <button type="button" disabled={!active} onClick={() => onChange(filters.claimId ? { state: 'open', claimId: filters.claimId } : { state: 'open' })}>
        Clear filters
      </button>
    </form>
  );
}

function Field({ id, label, children }: { id: string; label: string; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
    </div>
  );
}

function withSelected(values: string[], selected: string | undefined): string[] {
  const all = selected === undefined || values.includes(selected) ? values : [...values, selected];
  return all.sort((a, b) => a.localeCompare(b));
}
