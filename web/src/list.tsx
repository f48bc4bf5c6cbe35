import { useEffect, useRef, useState } from 'preact/hooks';
import type { CountsResponse, ListFilters, ListResponse, ListRow } from '../../shared/application/worklist/api.ts';
import { messageOf } from './api.ts';
import { RiskBadge, StateBadge, StatusBadge } from './badges.tsx';
import { usePage } from './context.ts';
import { Filters } from './filters.tsx';
import { isTyping } from './keys.ts';
import { age, ageInWords, serviceDates, STATE_LABEL } from './format.ts';
import { claimHref, navigate } from './router.ts';

export const PAGE_SIZE = 50;

/** The list's state, kept by the page while a claim is open, so coming back finds the same page. */
export interface ListState {
  filters: ListFilters;
  /** The cursor of every page shown so far, the current one last (`undefined`: the first page). */
  cursors: Array<string | undefined>;
  /** The row selected with the keyboard (-1: none). */
  selected: number;
}

export const initialListState: ListState = { filters: { state: 'open' }, cursors: [undefined], selected: -1 };

interface ListViewProps {
  state: ListState;
  onStateChange: (state: ListState) => void;
  /** The shortcuts dialog is open: its keys are its own. */
  dialogOpen: boolean;
}

/** The landing view: open claims, Medicare-denial risk first, then the oldest. */
export function ListView({ state, onStateChange, dialogOpen }: ListViewProps) {
  const { api, me, alarm } = usePage();
  const [page, setPage] = useState<ListResponse | null>(null);
  const [counts, setCounts] = useState<CountsResponse | null>(null);
  const [loading, setLoading] = useState(true);
  const [search, setSearch] = useState(state.filters.claimId ?? '');
  const searchRef = useRef<HTMLInputElement>(null);
  const rowLinks = useRef<Array<HTMLAnchorElement | null>>([]);
  const stateRef = useRef(state);
  stateRef.current = state;
  const cursor = state.cursors[state.cursors.length - 1];
  const filterKey = JSON.stringify(state.filters);

  useEffect(() => {
    document.title = 'Review worklist';
  }, []);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    const request = { filters: state.filters, ...(cursor === undefined ? {} : { cursor }), limit: PAGE_SIZE };
    api.list(request).then(
      (answer) => {
        if (cancelled) return;
        setPage(answer);
        setLoading(false);
        alarm(null);
      },
      (error: unknown) => {
        if (cancelled) return;
        setPage({ items: [] });
        setLoading(false);
        alarm(messageOf(error));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, filterKey, cursor]);

  useEffect(() => {
    let cancelled = false;
    api.counts({ filters: state.filters }).then(
      (answer) => !cancelled && setCounts(answer),
      () => !cancelled && setCounts(null),
    );
    return () => {
      cancelled = true;
    };
  }, [api, filterKey]);

  const rows = page?.items ?? [];

  // Coming back from a claim: the row it was opened from has the focus again.
  useEffect(() => {
    if (!loading && state.selected >= 0) rowLinks.current[Math.min(state.selected, rows.length - 1)]?.focus();
  }, [loading]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (dialogOpen || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target)) return;
      const current = stateRef.current;
      const select = (index: number) => {
        if (rows.length === 0) return;
        const next = Math.max(0, Math.min(rows.length - 1, index));
        rowLinks.current[next]?.focus();
        onStateChange({ ...current, selected: next });
      };
      switch (event.key) {
        case '/':
          event.preventDefault();
          searchRef.current?.focus();
          searchRef.current?.select();
          return;
        case 'j':
        case 'ArrowDown':
          event.preventDefault();
          select(current.selected + 1);
          return;
        case 'k':
        case 'ArrowUp':
          event.preventDefault();
          select(current.selected < 0 ? 0 : current.selected - 1);
          return;
        case 'Enter': {
          // A focused link or button does its own thing.
          if (event.target instanceof HTMLAnchorElement || event.target instanceof HTMLButtonElement) return;
          const row = rows[current.selected];
          if (row) {
            event.preventDefault();
            navigate(claimHref(row.reference));
          }
          return;
        }
        default:
          return;
      }
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [rows, dialogOpen, onStateChange]);

  const setFilters = (filters: ListFilters) => onStateChange({ filters, cursors: [undefined], selected: -1 });

  function submitSearch(event: Event) {
    event.preventDefault();
    const claimId = search.trim();
    const { claimId: _previous, ...rest } = state.filters;
    setFilters(claimId ? { ...rest, claimId } : rest);
  }

  const pageNumber = state.cursors.length;
  const first = (pageNumber - 1) * PAGE_SIZE + 1;
  const stateLabel = STATE_LABEL[state.filters.state ?? 'open'];
  const summary = loading
    ? 'Loading claims…'
    : rows.length === 0
      ? state.filters.claimId
        ? `No ${stateLabel.toLowerCase()} claim has the claim id ${state.filters.claimId}.`
        : `No ${stateLabel.toLowerCase()} claims match these filters.`
      : `Showing ${first}–${first + rows.length - 1}${counts ? ` of ${counts.matching}` : ''} ${stateLabel.toLowerCase()} claims.`;

  return (
    <div class="list-view">
      <aside class="sidebar" aria-label="Filters">
        <Filters filters={state.filters} counts={counts} meId={me.user.id} onChange={setFilters} />
      </aside>
      <section class="results" aria-labelledby="list-heading">
        <div class="results-head">
          <h1 id="list-heading">{stateLabel} claims</h1>
          <form role="search" class="search" aria-label="Find a claim by claim id" onSubmit={submitSearch}>
            <label for="claim-search">Claim id</label>
            <input
              id="claim-search"
              ref={searchRef}
              type="search"
              value={search}
              autocomplete="off"
              spellcheck={false}
              placeholder="Exact claim id"
              aria-describedby="claim-search-hint"
              onInput={(e) => setSearch(e.currentTarget.value)}
            />
            <button type="submit">Find</button>
            {state.filters.claimId ? (
              <button
                type="button"
                onClick={() => {
                  setSearch('');
                  const { claimId: _previous, ...rest } = state.filters;
                  setFilters(rest);
                }}
              >
                Show all
              </button>
            ) : null}
            <span id="claim-search-hint" class="hint">
              Press <kbd>/</kbd> to search
            </span>
          </form>
        </div>
        <p class="summary" role="status">
          {summary}
          {counts && (state.filters.state ?? 'open') !== 'open' ? ` ${counts.open} open in all.` : ''}
        </p>
        <div class="table-wrap" aria-busy={loading ? 'true' : 'false'}>
          <table class="worklist" data-loaded={loading ? 'false' : 'true'}>
            <caption class="visually-hidden">{stateLabel} claims, Medicare denial risk first, then the oldest. Use j and k or the arrow keys to move, Enter to open.</caption>
            <thead>
              <tr>
                <th scope="col">Risk</th>
                <th scope="col">Claim id</th>
                <th scope="col">Status</th>
                <th scope="col">Rules</th>
                <th scope="col">Payer</th>
                <th scope="col">Service dates</th>
                <th scope="col">Assignee</th>
                <th scope="col">Age</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <Row
                  key={row.reference}
                  row={row}
                  meId={me.user.id}
                  selected={index === state.selected}
                  linkRef={(element) => {
                    rowLinks.current[index] = element;
                  }}
                  onFocus={() => index !== state.selected && onStateChange({ ...state, selected: index })}
                />
              ))}
            </tbody>
          </table>
        </div>
        <nav class="pager" aria-label="Pages">
          <button type="button" disabled={pageNumber === 1 || loading} onClick={() => onStateChange({ ...state, cursors: state.cursors.slice(0, -1), selected: -1 })}>
            Previous page
          </button>
          <span class="page-number">Page {pageNumber}</span>
          <button
            type="button"
            disabled={!page?.next || loading}
            onClick={() => page?.next && onStateChange({ ...state, cursors: [...state.cursors, page.next], selected: -1 })}
          >
            Next page
          </button>
        </nav>
      </section>
    </div>
  );
}

interface RowProps {
  row: ListRow;
  meId: string;
  selected: boolean;
  linkRef: (element: HTMLAnchorElement | null) => void;
  onFocus: () => void;
}

function Row({ row, meId, selected, linkRef, onFocus }: RowProps) {
  return (
    <tr
      class={selected ? 'selected' : undefined}
      data-reference={row.reference}
      onClick={(event) => {
        // The whole row opens the claim for a mouse; the link stays the keyboard's and the screen reader's way in.
        if (!(event.target instanceof HTMLAnchorElement)) navigate(claimHref(row.reference));
      }}
    >
      <td>
        <RiskBadge risk={row.medicareDenialRisk} compact />
      </td>
      <th scope="row">
        <a href={claimHref(row.reference)} ref={linkRef} onFocus={onFocus} class="claim-link">
          {row.claimId}
        </a>
      </th>
      <td>
        <StatusBadge status={row.scrubStatus} />
        {row.state === 'open' ? null : (
          <>
            {' '}
            <StateBadge state={row.state} />
          </>
        )}
      </td>
      <td class="rules">
        {row.ruleIds.length === 0
          ? '—'
          : row.ruleIds.map((id) => (
              <code key={id} class="rule">
                {id}
              </code>
            ))}
      </td>
      <td>{row.payerId ?? '—'}</td>
      <td class="dates">{serviceDates(row.serviceDates)}</td>
      <td>{row.assignee === null ? <span class="muted">Unassigned</span> : row.assignee === meId ? `${row.assignee} (me)` : row.assignee}</td>
      <td class="nowrap">
        <span aria-hidden="true">{age(row.openedAt)}</span>
        <span class="visually-hidden">{ageInWords(row.openedAt)}</span>
      </td>
    </tr>
  );
}
