// The rows of the checklist grid: the sortable header, a control, and a domain group.
import { memo } from 'react';
import { FlexRender, type Header, type RowSelectionState } from '@tanstack/react-table';
import { TriCheckbox } from './Checkbox';
import type { Features, GridRow, TableRow } from './model';
import { DOMAIN_LABELS, type ControlStatus, type DomainId } from '../../../../shared/domain';

/** Every body row is this tall (checklist.css sets it too): room for a title on two lines. */
export const ROW_HEIGHT = 52;
export const HEAD_HEIGHT = 38;

/** DOM ids for aria-activedescendant; control ids are [A-Z]+-\d+, group ids `domain:x`. */
export const rowDomId = (rowId: string): string => `cl-row-${rowId.replace(/[^A-Za-z0-9_-]/g, '_')}`;

const SORT_LABEL = { asc: 'ascending', desc: 'descending' } as const;

export function HeaderCell({ header, multiSort, selectAll }: {
  header: Header<Features, GridRow, unknown>;
  multiSort: boolean;
  selectAll: { checked: boolean; some: boolean; shown: number; toggle: () => void };
}) {
  const column = header.column;
  const align = column.columnDef.meta?.align;
  if (column.id === 'select') {
    return (
      <th scope="col" role="columnheader" className="cl-check cl-center">
        <TriCheckbox
          tabbable
          checked={selectAll.checked}
          indeterminate={selectAll.some}
          disabled={selectAll.shown === 0}
          label={selectAll.checked ? 'Clear the selection of all shown controls' : `Select all ${selectAll.shown} shown controls`}
          onToggle={selectAll.toggle}
          testId="select-all"
        />
      </th>
    );
  }
  const label = String(column.columnDef.header ?? column.id);
  if (!column.getCanSort()) return <th scope="col" role="columnheader" className={align ? `cl-${align}` : undefined}>{label}</th>;
  const sorted = column.getIsSorted();
  const index = column.getSortIndex();
  return (
    <th scope="col" role="columnheader" aria-sort={sorted ? SORT_LABEL[sorted] : 'none'} className={align ? `cl-${align}` : undefined}>
      <button
        type="button"
        className={`cl-sort${sorted ? ' sorted' : ''}`}
        onClick={column.getToggleSortingHandler()}
        title="Sort; Shift+click adds a second sort"
        data-testid={`sort-${column.id}`}
      >
        {label}
        <span className="cl-sort-mark" aria-hidden="true">{sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}</span>
        {sorted && multiSort ? <span className="cl-sort-index" aria-hidden="true">{index + 1}</span> : null}
      </button>
    </th>
  );
}

/** Where a body row sits in the list: moved by the compositor, not by layout. */
const placed = (top: number): React.CSSProperties => ({ transform: `translateY(${top}px)` });

/** One control. Memoised: while scrolling only rows that enter the view render. */
export const LeafRow = memo(function LeafRow({ row, rowIndex, top, level, active, selected, onPointer }: {
  row: TableRow;
  /** Its offset from the top of the body, px. */
  top: number;
  /** Not read here, but the cells shown change with it (the domain column hides when grouped). */
  columns: number;
  rowIndex: number;
  /** Depth in the tree grid when grouped by domain. */
  level?: number;
  active: boolean;
  selected: boolean;
  onPointer: (row: TableRow, e: React.MouseEvent) => void;
}) {
  return (
    <tr
      id={rowDomId(row.id)}
      role="row"
      style={placed(top)}
      className={`cl-row${selected ? ' selected' : ''}${active ? ' active' : ''}${row.depth > 0 ? ' nested' : ''}`}
      aria-rowindex={rowIndex}
      aria-level={level}
      aria-selected={selected}
      data-row-id={row.id}
      data-testid="checklist-row"
      onClick={(e) => onPointer(row, e)}
      onDoubleClick={(e) => onPointer(row, e)}
    >
      {row.getVisibleCells().map((cell) => {
        const align = cell.column.columnDef.meta?.align;
        return (
          <td key={cell.id} role="gridcell" className={align ? `cl-${align}` : undefined} data-col={cell.column.id}>
            <FlexRender cell={cell} />
          </td>
        );
      })}
    </tr>
  );
});

export type GroupSummary = { shown: number; selected: number; counts: Partial<Record<ControlStatus, number>> };

export function summarizeGroup(row: TableRow, selection: RowSelectionState): GroupSummary {
  const counts: Partial<Record<ControlStatus, number>> = {};
  let selected = 0;
  const leaves = row.getLeafRows();
  for (const leaf of leaves) {
    counts[leaf.original.status] = (counts[leaf.original.status] ?? 0) + 1;
    if (selection[leaf.id]) selected++;
  }
  return { shown: leaves.length, selected, counts };
}

/** A domain heading when grouped: fold it, select all of it, see how far along it is. */
export const GroupRow = memo(function GroupRow({ row, rowIndex, top, level, active, open, selection, onPointer, onToggleOpen, onToggleSelect }: {
  row: TableRow;
  top: number;
  /** How many columns are shown (the heading cell spans all but the first). */
  columns: number;
  rowIndex: number;
  level?: number;
  active: boolean;
  open: boolean;
  selection: RowSelectionState;
  onPointer: (row: TableRow, e: React.MouseEvent) => void;
  onToggleOpen: (domain: DomainId) => void;
  onToggleSelect: (row: TableRow) => void;
}) {
  const domain = row.original.domain;
  const { shown, selected, counts } = summarizeGroup(row, selection);
  const label = DOMAIN_LABELS[domain];
  const done = (counts.compliant ?? 0) + (counts.not_applicable ?? 0);
  return (
    <tr
      id={rowDomId(row.id)}
      role="row"
      style={placed(top)}
      className={`cl-group${active ? ' active' : ''}`}
      aria-rowindex={rowIndex}
      aria-level={level}
      aria-expanded={open}
      aria-selected={shown > 0 && selected === shown}
      data-row-id={row.id}
      data-testid="checklist-group"
      onClick={(e) => onPointer(row, e)}
    >
      <td role="gridcell" className="cl-check cl-center">
        <TriCheckbox
          checked={shown > 0 && selected === shown}
          indeterminate={selected > 0}
          label={`Select the ${shown} shown controls in ${label}`}
          onToggle={() => onToggleSelect(row)}
        />
      </td>
      <td role="gridcell" className="cl-group-head">
        <button
          type="button"
          tabIndex={-1}
          className="cl-group-toggle"
          aria-label={`${open ? 'Fold' : 'Unfold'} ${label}`}
          onMouseDown={(e) => e.preventDefault()}
          onClick={(e) => { e.stopPropagation(); onToggleOpen(domain); }}
        >
          <span aria-hidden="true" className="cl-caret">{open ? '▾' : '▸'}</span>
        </button>
        <strong>{label}</strong>
        <span className="muted small cl-group-facts">
          {shown} control{shown === 1 ? '' : 's'} · {done} done
          {counts.non_compliant ? ` · ${counts.non_compliant} non-compliant` : ''}
          {selected ? ` · ${selected} selected` : ''}
        </span>
      </td>
    </tr>
  );
});
