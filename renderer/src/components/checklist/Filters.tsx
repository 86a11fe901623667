// The filter bar: free text, then status, domain, framework and owner.
// Each choice shows how many controls of the whole checklist it would match.
import type { ChecklistRow, ControlStatus, DomainId, FrameworkRef } from '../../../../shared/domain';
import { useFrameworkName } from '../../data/framework-names';
import { CONTROL_STATUSES, DOMAIN_IDS, DOMAIN_LABELS, orderFrameworks, STATUS_LABELS } from '../../../../shared/domain';
import { UNASSIGNED } from './model';
import { hasFilters, type ChecklistView } from './view';

export type Facets = {
  status: Record<ControlStatus, number>;
  domain: Record<DomainId, number>;
  framework: Record<FrameworkRef, number>;
  owners: Array<[string, number]>;
  unassigned: number;
};

export function facetsOf(rows: readonly ChecklistRow[]): Facets {
  const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  const f: Facets = { status: zero(CONTROL_STATUSES), domain: zero(DOMAIN_IDS), framework: {}, owners: [], unassigned: 0 };
  const owners = new Map<string, number>();
  for (const r of rows) {
    f.status[r.status]++;
    f.domain[r.domain]++;
    for (const fw of r.frameworks) f.framework[fw] = (f.framework[fw] ?? 0) + 1;
    if (r.owner) owners.set(r.owner, (owners.get(r.owner) ?? 0) + 1);
    else f.unassigned++;
  }
  f.owners = [...owners].sort((a, b) => a[0].localeCompare(b[0]));
  return f;
}

export function Filters({ view, onChange, facets, searchRef, onLeaveSearch }: {
  view: ChecklistView;
  onChange: (patch: Partial<ChecklistView>) => void;
  facets: Facets;
  searchRef: React.RefObject<HTMLInputElement | null>;
  /** Escape or ↓ in the search box hands the keyboard back to the table. */
  onLeaveSearch: () => void;
}) {
  const frameworkName = useFrameworkName();
  const count = (n: number) => ` (${n.toLocaleString()})`;
  return (
    <div className="cl-filters" role="search" aria-label="Filter the checklist">
      <label className="cl-search">
        <span className="visually-hidden">Search controls</span>
        <input
          ref={searchRef}
          type="search"
          value={view.text}
          placeholder="Search id, title, owner, note…"
          onChange={(e) => onChange({ text: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'Escape' || e.key === 'ArrowDown' || (e.key === 'Enter' && !e.nativeEvent.isComposing)) {
              e.preventDefault();
              onLeaveSearch();
            }
          }}
          data-testid="filter-text"
        />
        <kbd aria-hidden="true">/</kbd>
      </label>
      <select aria-label="Status" className={view.status ? 'active' : undefined} value={view.status} onChange={(e) => onChange({ status: e.target.value as ChecklistView['status'] })} data-testid="filter-status">
        <option value="">All statuses</option>
        {CONTROL_STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}{count(facets.status[s])}</option>)}
      </select>
      <select aria-label="Domain" className={view.domain ? 'active' : undefined} value={view.domain} onChange={(e) => onChange({ domain: e.target.value as ChecklistView['domain'] })} data-testid="filter-domain">
        <option value="">All domains</option>
        {DOMAIN_IDS.filter((d) => facets.domain[d] > 0).map((d) => <option key={d} value={d}>{DOMAIN_LABELS[d]}{count(facets.domain[d])}</option>)}
      </select>
      <select aria-label="Framework" className={view.framework ? 'active' : undefined} value={view.framework} onChange={(e) => onChange({ framework: e.target.value as ChecklistView['framework'] })} data-testid="filter-framework">
        <option value="">All frameworks</option>
        {orderFrameworks(Object.keys(facets.framework)).map((f) => <option key={f} value={f}>{frameworkName(f)}{count(facets.framework[f] ?? 0)}</option>)}
      </select>
      <select aria-label="Owner" className={view.owner ? 'active' : undefined} value={view.owner} onChange={(e) => onChange({ owner: e.target.value })} data-testid="filter-owner">
        <option value="">Any owner</option>
        <option value={UNASSIGNED}>Unassigned{count(facets.unassigned)}</option>
        {facets.owners.map(([name, n]) => <option key={name} value={name}>{name}{count(n)}</option>)}
        {view.owner && view.owner !== UNASSIGNED && !facets.owners.some(([name]) => name === view.owner)
          ? <option value={view.owner}>{view.owner}{count(0)}</option>
          : null}
      </select>
      {hasFilters(view) ? (
        <button type="button" className="ghost small" onClick={() => onChange({ text: '', status: '', domain: '', framework: '', owner: '' })} data-testid="clear-filters">
          Clear filters
        </button>
      ) : null}
    </div>
  );
}
