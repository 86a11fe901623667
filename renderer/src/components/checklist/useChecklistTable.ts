// The TanStack table behind the checklist. The screen owns every slice of state (the view and the
// selection) and hands it in; each slice is memoised on its inputs so a keystroke in the search
// box re-runs the filter and nothing else.
import { useMemo } from 'react';
import { functionalUpdate, useTable, type RowSelectionState } from '@tanstack/react-table';
import { columns } from './columns';
import { features, filterBy, type ChecklistTableMeta, type GridRow, type TableRow } from './model';
import { columnFiltersOf, expandedOf, type ChecklistView } from './view';

const rowId = (row: GridRow): string => row.id;
const canSelect = (row: TableRow): boolean => !row.getIsGrouped();
// the search runs once per row (over id, title, owner and note), not once per column
const searchesHere = (column: { id: string }): boolean => column.id === 'title';

export type ChecklistTable = ReturnType<typeof useChecklistTable>;

export function useChecklistTable(args: {
  data: GridRow[];
  view: ChecklistView;
  setView: React.Dispatch<React.SetStateAction<ChecklistView>>;
  selection: RowSelectionState;
  setSelection: React.Dispatch<React.SetStateAction<RowSelectionState>>;
  meta: ChecklistTableMeta;
}) {
  const { data, view, setView, selection, setSelection, meta } = args;
  const { status, domain, framework, owner, grouped, collapsed } = view;
  const columnFilters = useMemo(() => columnFiltersOf({ status, domain, framework, owner }), [status, domain, framework, owner]);
  const grouping = useMemo(() => (grouped ? ['domain'] : []), [grouped]);
  const expanded = useMemo(() => expandedOf(collapsed), [collapsed]);
  // grouped, each domain is a heading row: the domain column would only repeat it
  const columnVisibility = useMemo(() => ({ domain: !grouped }), [grouped]);

  return useTable({
    features,
    columns,
    data,
    meta,
    getRowId: rowId,
    state: { globalFilter: view.text, columnFilters, sorting: view.sorting, grouping, expanded, columnVisibility, rowSelection: selection },
    onSortingChange: (updater) => setView((v) => ({ ...v, sorting: functionalUpdate(updater, v.sorting) })),
    onRowSelectionChange: (updater) => setSelection((s) => functionalUpdate(updater, s)),
    globalFilterFn: filterBy.text,
    getColumnCanGlobalFilter: searchesHere,
    enableRowSelection: canSelect,
    enableMultiSort: true,
    sortDescFirst: false,
    groupedColumnMode: false,
    autoResetExpanded: false,
  });
}
