// The checklist grid: a <table> with grid semantics, virtualised so only the rows in view (plus a
// few) are in the DOM, whatever the number of controls. Focus stays on the table and
// aria-activedescendant names the focused row, so rows can come and go as the list scrolls.
// The body is one block as tall as all rows; each rendered row is placed in it with a transform
// and lays out as a CSS grid of fixed size, so a row entering the view lays out and paints only
// itself: no table layout over the rendered rows, no spacer rows changing height on every frame.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import type { RowSelectionState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ControlStatus, DomainId } from '../../../../shared/domain';
import { gridCommand, type GridCommand } from './keys';
import type { TableRow } from './model';
import { GroupRow, HEAD_HEIGHT, HeaderCell, LeafRow, ROW_HEIGHT, rowDomId } from './rows';
import type { ChecklistTable as Table } from './useChecklistTable';

const MIN_TITLE_WIDTH = 240;

export type GridActions = {
  open: (controlId: string) => void;
  toggleRow: (id: string, range: boolean) => void;
  setRows: (ids: readonly string[], selected: boolean, anchor?: string) => void;
  toggleFolded: (domain: DomainId, open?: boolean) => void;
  clearSelection: () => void;
  selectAllShown: () => void;
  setStatus: (status: ControlStatus, focusedId: string | null) => void;
};

export function ChecklistTable({ table, selection, shownSelected, activeId, onActive, initialScrollTop, scrollTopRef, actions, gridRef, paintKey, viewKey, empty }: {
  table: Table;
  selection: RowSelectionState;
  /** How many of the rows the filters let through are selected. */
  shownSelected: number;
  activeId: string | null;
  onActive: (id: string) => void;
  initialScrollTop: number;
  scrollTopRef: React.RefObject<number>;
  actions: GridActions;
  gridRef: React.RefObject<HTMLTableElement | null>;
  /** Written to data-painted once the rows for it are on screen (the benchmark waits on it). */
  paintKey: string;
  /** Changes when filters, sort or grouping change: the focused row is brought back into view. */
  viewKey: string;
  empty: ReactNode;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = table.getRowModel().rows;
  const indexById = useMemo(() => new Map(rows.map((r, i) => [r.id, i])), [rows]);
  const activeIndex = activeId !== null && indexById.has(activeId) ? indexById.get(activeId)! : rows.length ? 0 : -1;
  const active = rows[activeIndex];

  // we do not use the React Compiler; the virtualizer is read fresh on every render
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    // the scroll event does not force a synchronous React render; the new window renders before the next frame
    useFlushSync: false,
    paddingStart: HEAD_HEIGHT,
    scrollPaddingStart: HEAD_HEIGHT,
    initialOffset: initialScrollTop,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0];
  const last = items.at(-1);
  const bodyHeight = Math.max(0, virtualizer.getTotalSize() - HEAD_HEIGHT);
  const activeRendered = first !== undefined && last !== undefined && activeIndex >= first.index && activeIndex <= last.index;

  useLayoutEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = initialScrollTop;
    // only on mount: afterwards the person scrolls
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const firstView = useRef(true);
  useEffect(() => {
    if (firstView.current) { firstView.current = false; return; }
    if (activeId !== null && indexById.has(activeId)) virtualizer.scrollToIndex(indexById.get(activeId)!, { align: 'auto' });
    else virtualizer.scrollToOffset(0);
    // only when the view changes, not on every move of the focus
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [viewKey]);

  // Tell whoever waits (the benchmark, tests) that these rows are painted: after the next frame.
  useEffect(() => {
    const grid = gridRef.current;
    if (!grid) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        grid.dataset.painted = paintKey;
        grid.dispatchEvent(new CustomEvent('checklist-painted', { detail: paintKey }));
      }, 0);
    });
    return () => { cancelAnimationFrame(frame); clearTimeout(timer); };
  }, [paintKey, rows, gridRef]);

  const moveTo = (index: number, extend: boolean) => {
    const target = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (!target) return;
    if (extend) {
      const from = active && !active.getIsGrouped() ? [active.id] : [];
      const to = target.getIsGrouped() ? [] : [target.id];
      actions.setRows([...from, ...to], true, target.id);
    }
    onActive(target.id);
    virtualizer.scrollToIndex(indexById.get(target.id) ?? 0, { align: 'auto' });
  };

  const run = (command: GridCommand) => {
    const page = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 400) - HEAD_HEIGHT) / ROW_HEIGHT) - 1);
    switch (command.kind) {
      case 'move': {
        const to = { next: activeIndex + 1, prev: activeIndex - 1, first: 0, last: rows.length - 1, pageDown: activeIndex + page, pageUp: activeIndex - page }[command.to];
        moveTo(to, command.extend);
        return;
      }
      case 'open':
        if (!active) return;
        if (active.getIsGrouped()) actions.toggleFolded(active.original.domain);
        else actions.open(active.id);
        return;
      case 'toggle':
        if (!active) return;
        if (active.getIsGrouped()) toggleGroup(active);
        else actions.toggleRow(active.id, command.range);
        return;
      case 'fold':
        if (active?.getIsGrouped()) actions.toggleFolded(active.original.domain, command.open === 'toggle' ? undefined : command.open);
        return;
      case 'clearSelection': actions.clearSelection(); return;
      case 'selectAll': actions.selectAllShown(); return;
      case 'status': actions.setStatus(command.status, active && !active.getIsGrouped() ? active.id : null);
    }
  };

  // rows are memoised components: their handlers must keep one identity and read the latest props
  const latest = useRef({ actions, onActive, gridRef });
  latest.current = { actions, onActive, gridRef };

  const toggleGroup = useCallback((group: TableRow) => {
    const leaves = group.getLeafRows();
    const all = leaves.length > 0 && leaves.every((l) => l.getIsSelected());
    latest.current.actions.setRows(leaves.map((l) => l.id), !all);
  }, []);
  const toggleFolded = useCallback((domain: DomainId) => latest.current.actions.toggleFolded(domain), []);

  const onKeyDown = (e: React.KeyboardEvent<HTMLTableElement>) => {
    if (e.target instanceof HTMLButtonElement && (e.key === 'Enter' || e.key === ' ')) return; // a header button
    if (e.target instanceof HTMLInputElement && e.target.tabIndex >= 0) return; // the select-all checkbox
    const command = gridCommand(e);
    if (!command) return;
    e.preventDefault();
    run(command);
  };

  const onPointer = useCallback((row: TableRow, e: React.MouseEvent) => {
    const { actions, onActive, gridRef } = latest.current;
    onActive(row.id);
    if (e.target instanceof HTMLAnchorElement) return; // the id link navigates
    if (e.type === 'dblclick' && !row.getIsGrouped()) { actions.open(row.id); return; }
    if (row.getIsGrouped()) return;
    if (e.shiftKey) actions.toggleRow(row.id, true);
    else if (e.ctrlKey || e.metaKey) actions.toggleRow(row.id, false);
    gridRef.current?.focus({ preventScroll: true });
  }, []);

  const filteredIds = table.getFilteredRowModel().rows;
  const shown = filteredIds.length;
  const selectAll = useMemo(() => ({
    shown,
    checked: shown > 0 && shownSelected === shown,
    some: shownSelected > 0,
    toggle: () => (shownSelected === shown
      ? latest.current.actions.setRows(filteredIds.map((r) => r.id), false)
      : latest.current.actions.selectAllShown()),
  }), [filteredIds, shown, shownSelected]);
  const multiSort = (table.state.sorting?.length ?? 0) > 1;
  const grouped = (table.state.grouping?.length ?? 0) > 0;
  const visibleColumns = table.getVisibleLeafColumns();
  const columnCount = visibleColumns.length;
  // one column template for the header and every row; the title takes what the others leave
  const template = visibleColumns.map((c) => (c.columnDef.meta?.width ? `${c.columnDef.meta.width}px` : `minmax(${MIN_TITLE_WIDTH}px, 1fr)`)).join(' ');
  const tableStyle = useMemo(() => ({
    // below this width the title would vanish: the table scrolls sideways instead
    minWidth: visibleColumns.reduce((w, c) => w + (c.columnDef.meta?.width ?? 0), 0) + MIN_TITLE_WIDTH,
    '--cl-cols': template,
  }) as React.CSSProperties, [visibleColumns, template]);

  return (
    <div className="cl-scroll" ref={scrollRef} onScroll={(e) => { scrollTopRef.current = e.currentTarget.scrollTop; }}>
      <table
        ref={gridRef}
        className="cl-table"
        // grouped, the domain rows fold and unfold: a tree grid, whose rows may be expanded
        role={grouped ? 'treegrid' : 'grid'}
        aria-label="Controls"
        aria-multiselectable="true"
        aria-rowcount={rows.length + 1}
        aria-colcount={columnCount}
        aria-activedescendant={activeRendered && active ? rowDomId(active.id) : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        data-testid="checklist-grid"
        data-shown={shown}
        style={tableStyle}
      >
        <thead role="rowgroup">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} role="row" aria-rowindex={1}>
              {group.headers.map((h) => <HeaderCell key={h.id} header={h} multiSort={multiSort} selectAll={selectAll} />)}
            </tr>
          ))}
        </thead>
        <tbody role="rowgroup" style={{ height: bodyHeight }}>
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            const props = { row, rowIndex: item.index + 2, top: item.start - HEAD_HEIGHT, level: grouped ? row.depth + 1 : undefined, columns: columnCount, active: item.index === activeIndex, onPointer };
            return row.getIsGrouped()
              ? <GroupRow key={row.id} {...props} open={row.getIsExpanded()} selection={selection} onToggleOpen={toggleFolded} onToggleSelect={toggleGroup} />
              : <LeafRow key={row.id} {...props} selected={selection[row.id] === true} />;
          })}
          {rows.length === 0 ? <tr role="row" className="cl-empty"><td role="gridcell">{empty}</td></tr> : null}
        </tbody>
      </table>
    </div>
  );
}
