// The checklist: every control in scope as one table to sort, filter, group by domain and change
// many at a time. Thousands of rows stay quick: the table only draws the rows in view.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { isTyping, useKeyboard } from '../hooks';
import { useWorkbench, write } from '../data/queries';
import { useFrameworkName } from '../data/framework-names';
import { href, navigate } from '../router';
import { useToast } from '../components/Toasts';
import { ShortcutSheet } from '../components/ShortcutSheet';
import { ChecklistTable, type GridActions } from '../components/checklist/ChecklistTable';
import { BulkBar, type BulkChange } from '../components/checklist/BulkBar';
import { Filters, facetsOf } from '../components/checklist/Filters';
import { CHECKLIST_SHORTCUTS, gridCommand } from '../components/checklist/keys';
import { toGridRows, todayIso, type ChecklistTableMeta, type GridRow } from '../components/checklist/model';
import { useSelection } from '../components/checklist/selection';
import { useChecklistTable } from '../components/checklist/useChecklistTable';
import { hasFilters, loadView, saveView, type ChecklistView } from '../components/checklist/view';
import { STATUS_LABELS, type ControlStatus } from '../../../shared/domain';
import '../checklist.css';

const NO_ROWS: GridRow[] = [];

export function ChecklistScreen({ projectId }: { projectId: string }) {
  return <Checklist key={projectId} projectId={projectId} />;
}

function describeChange(change: BulkChange, changed: number, asked: number): string {
  const what = [
    change.status ? `status ${STATUS_LABELS[change.status]}` : '',
    change.owner !== undefined ? `owner ${change.owner}` : '',
  ].filter(Boolean).join(' and ');
  const unchanged = asked - changed;
  return `Set ${what} on ${changed.toLocaleString()} control${changed === 1 ? '' : 's'}` +
    (unchanged > 0 ? ` (${unchanged.toLocaleString()} already had it)` : '');
}

function Checklist({ projectId }: { projectId: string }) {
  const checklist = useWorkbench('getChecklist', { projectId });
  const data = useMemo(() => (checklist.data ? toGridRows(checklist.data) : NO_ROWS), [checklist.data]);
  const facets = useMemo(() => facetsOf(data), [data]);
  const [view, setView] = useState<ChecklistView>(() => loadView(projectId));
  const scrollTop = useRef(view.scrollTop);
  const { selection, setSelection, toggle, set: setRows, clear } = useSelection(projectId);
  const [saving, setSaving] = useState(false);
  const [help, setHelp] = useState(false);
  const gridRef = useRef<HTMLTableElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const toast = useToast();
  const ready = checklist.data !== undefined;

  const latestView = useRef(view);
  latestView.current = view;
  useEffect(() => saveView(projectId, { ...view, scrollTop: scrollTop.current }), [projectId, view]);
  useEffect(() => {
    // leaving the screen, or the page (a reload): keep where the list was scrolled to
    const keep = () => saveView(projectId, { ...latestView.current, scrollTop: scrollTop.current });
    addEventListener('pagehide', keep);
    return () => { removeEventListener('pagehide', keep); keep(); };
  }, [projectId]);

  // cells call back through the table's meta; the ref always sees this render's table
  const frameworkName = useFrameworkName();
  const tableRef = useRef<ReturnType<typeof useChecklistTable> | null>(null);
  const leafOrder = useCallback(() => (tableRef.current?.getRowModel().rows ?? []).filter((r) => !r.getIsGrouped()).map((r) => r.id), []);
  const meta = useMemo<ChecklistTableMeta>(
    () => ({ projectId, today: todayIso(), frameworkName, toggleRow: (id, range) => toggle(id, range, leafOrder) }),
    [projectId, frameworkName, toggle, leafOrder],
  );
  const table = useChecklistTable({ data, view, setView, selection, setSelection, meta });
  tableRef.current = table;

  const filtered = table.getFilteredRowModel().rows;
  const selectedIds = useMemo(() => Object.keys(selection), [selection]);
  const shownSelected = useMemo(() => {
    if (selectedIds.length === 0) return 0;
    let n = 0;
    for (const r of filtered) if (selection[r.id]) n++;
    return n;
  }, [filtered, selection, selectedIds]);
  const hiddenSelected = selectedIds.length - shownSelected;

  const patchView = (patch: Partial<ChecklistView>) => setView((v) => ({ ...v, ...patch }));

  /** Sends one change for many controls; the table shows it only after the core has committed it. */
  const apply = async (change: BulkChange, ids: string[]): Promise<boolean> => {
    if (ids.length === 0 || saving) return false;
    setSaving(true);
    try {
      const { changed } = await write('bulkUpdateControls', { projectId, controlIds: ids, ...change });
      toast.info(describeChange(change, changed, ids.length));
      return true;
    } catch (err) {
      toast.error(err);
      return false;
    } finally {
      setSaving(false);
    }
  };

  const focusGrid = () => gridRef.current?.focus({ preventScroll: true });

  const actions: GridActions = {
    open: (controlId) => navigate({ screen: 'control', projectId, controlId }),
    toggleRow: (id, range) => toggle(id, range, leafOrder),
    setRows,
    toggleFolded: (domain, open) => setView((v) => {
      const folded = v.collapsed.includes(domain);
      const fold = open === undefined ? !folded : !open;
      if (fold === folded) return v;
      return { ...v, collapsed: fold ? [...v.collapsed, domain] : v.collapsed.filter((d) => d !== domain) };
    }),
    clearSelection: clear,
    selectAllShown: () => setRows(filtered.map((r) => r.id), true),
    setStatus: (status: ControlStatus, focusedId) => {
      const ids = selectedIds.length > 0 ? selectedIds : focusedId ? [focusedId] : [];
      void apply({ status }, ids);
    },
  };

  // once the rows are there, the keyboard works in the table straight away
  useEffect(() => {
    if (ready && (document.activeElement === document.body || document.activeElement === null || document.activeElement.tagName === 'MAIN')) focusGrid();
  }, [ready]);

  useKeyboard((e) => {
    if (document.querySelector('dialog[open]')) return;
    if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === '/') { e.preventDefault(); searchRef.current?.focus(); searchRef.current?.select(); return; }
    if (e.key === '?') { e.preventDefault(); setHelp((h) => !h); return; }
    // keys pressed with nothing focused go to the table, as if it had focus
    const grid = gridRef.current;
    if (grid && (e.target === document.body || (e.target as HTMLElement).tagName === 'MAIN') && gridCommand(e)) {
      e.preventDefault();
      focusGrid();
      grid.dispatchEvent(new KeyboardEvent('keydown', { key: e.key, shiftKey: e.shiftKey, bubbles: true }));
    }
  });

  const activeId = view.activeId;
  const onActive = useCallback((id: string) => setView((v) => (v.activeId === id ? v : { ...v, activeId: id })), []);

  return (
    <main className="screen checklist" data-testid="screen-checklist" data-state={ready ? 'ready' : 'loading'}>
      <header className="screen-head cl-head">
        <div>
          <h1>Checklist</h1>
          <p className="muted">
            {ready ? `${data.length.toLocaleString()} controls in scope. ` : ''}
            Select rows with <kbd>x</kbd> or Shift+click, then set their status or owner together.
          </p>
        </div>
        <div className="actions">
          <a className="button" href={href({ screen: 'walkthrough', projectId })}>Walkthrough</a>
          <button type="button" className="ghost" onClick={() => setHelp(true)}>Shortcuts <kbd>?</kbd></button>
        </div>
      </header>
      <Filters view={view} onChange={patchView} facets={facets} searchRef={searchRef} onLeaveSearch={focusGrid} />
      <div className="cl-bar">
        <div className="cl-bar-start">
          <p className="cl-counts" role="status" data-testid="checklist-counts">
            Showing <strong data-testid="count-shown">{filtered.length.toLocaleString()}</strong> of {data.length.toLocaleString()}
            {' · '}<strong data-testid="count-selected">{selectedIds.length.toLocaleString()}</strong> selected
          </p>
          <label className="check">
            <input type="checkbox" checked={view.grouped} onChange={(e) => patchView({ grouped: e.target.checked })} data-testid="group-by-domain" />
            Group by domain
          </label>
        </div>
        <BulkBar
          selected={selectedIds.length}
          hidden={hiddenSelected}
          owners={facets.owners.map(([name]) => name)}
          saving={saving}
          onApply={(change) => apply(change, selectedIds)}
          onClear={clear}
        />
      </div>
      {checklist.error ? <p className="error-text" role="alert">{checklist.error.message}</p> : null}
      {ready ? (
        <ChecklistTable
          table={table}
          selection={selection}
          shownSelected={shownSelected}
          activeId={activeId}
          onActive={onActive}
          initialScrollTop={view.scrollTop}
          scrollTopRef={scrollTop}
          actions={actions}
          gridRef={gridRef}
          paintKey={view.text}
          viewKey={JSON.stringify([view.text, view.status, view.domain, view.framework, view.owner, view.sorting, view.grouped])}
          empty={hasFilters(view) ? (
            <p className="cl-empty-text">
              No controls match these filters.{' '}
              <button type="button" className="linklike" onClick={() => patchView({ text: '', status: '', domain: '', framework: '', owner: '' })}>Clear filters</button>
            </p>
          ) : <p className="cl-empty-text">No controls are in scope for this project’s frameworks.</p>}
        />
      ) : <div className="cl-scroll placeholder" aria-busy="true">Loading the checklist…</div>}
      <ShortcutSheet open={help} onClose={() => setHelp(false)} shortcuts={CHECKLIST_SHORTCUTS} />
    </main>
  );
}
