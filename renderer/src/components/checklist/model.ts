// The checklist table's features and the plain rules it filters and sorts by. Kept at module
// scope: TanStack Table recomputes its row models whenever features or columns change identity.
import {
  columnFilteringFeature,
  columnGroupingFeature,
  columnVisibilityFeature,
  createExpandedRowModel,
  createFilteredRowModel,
  createGroupedRowModel,
  createSortedRowModel,
  globalFilteringFeature,
  metaHelper,
  rowExpandingFeature,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
  type Row,
} from '@tanstack/react-table';
import type { ChecklistRow, ControlStatus, DomainId, FrameworkRef } from '../../../../shared/domain';
import { CONTROL_STATUSES, DOMAIN_IDS } from '../../../../shared/domain';

/** A checklist row plus the lower-cased text the search box matches against. */
export type GridRow = ChecklistRow & { search: string };

/** What cells need from the screen: where links go, today's date, and how a checkbox toggles. */
export type ChecklistTableMeta = {
  projectId: string;
  today: string;
  /** How a framework reads: a built-in's label, an imported one's name. */
  frameworkName: (id: string) => string;
  toggleRow: (rowId: string, range: boolean) => void;
};

/** Layout of a column: its width in px (0 takes the rest) and how its cells align. */
export type ChecklistColumnMeta = { width: number; align?: 'end' | 'center' };

export const features = tableFeatures({
  tableMeta: metaHelper<ChecklistTableMeta>(),
  columnMeta: metaHelper<ChecklistColumnMeta>(),
  columnFilteringFeature,
  globalFilteringFeature,
  columnGroupingFeature,
  columnVisibilityFeature,
  rowSortingFeature,
  rowExpandingFeature,
  rowSelectionFeature,
  filteredRowModel: createFilteredRowModel(),
  groupedRowModel: createGroupedRowModel(),
  sortedRowModel: createSortedRowModel(),
  expandedRowModel: createExpandedRowModel(),
});

export type Features = typeof features;
export type TableRow = Row<Features, GridRow>;

/** The owner filter's value for "nobody is assigned"; core trims owners, so none starts with a space. */
export const UNASSIGNED = ' unassigned';

export function toGridRows(rows: ChecklistRow[]): GridRow[] {
  return rows.map((r) => ({ ...r, search: `${r.id}\n${r.title}\n${r.owner}\n${r.note}`.toLowerCase() }));
}

/** The search box: every word must appear in the id, title, owner or note. */
export function matchesText(row: GridRow, words: string[]): boolean {
  for (const w of words) if (!row.search.includes(w)) return false;
  return true;
}

export function searchWords(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean);
}

export const isGroupRow = (row: TableRow): boolean => row.getIsGrouped();

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const STATUS_RANK = Object.fromEntries(CONTROL_STATUSES.map((s, i) => [s, i])) as Record<ControlStatus, number>;
const DOMAIN_RANK = Object.fromEntries(DOMAIN_IDS.map((d, i) => [d, i])) as Record<DomainId, number>;

/**
 * A comparator for leaf rows. Group rows (one per domain) compare equal, so the table falls back
 * to their first-seen order, which is the walkthrough's domain order, whichever way a column sorts.
 */
function leafCompare(cmp: (a: GridRow, b: GridRow) => number) {
  // groupingColumnId is set on group rows only; read directly, it is cheaper than getIsGrouped()
  // in a comparator that runs some 60,000 times on 5,000 rows
  return (a: TableRow, b: TableRow): number =>
    (a.groupingColumnId !== undefined || b.groupingColumnId !== undefined ? 0 : cmp(a.original, b.original));
}

export const sortBy = {
  id: leafCompare((a, b) => collator.compare(a.id, b.id)),
  title: leafCompare((a, b) => collator.compare(a.title, b.title)),
  // sorting by domain also orders the domain groups
  domain: (a: TableRow, b: TableRow) => DOMAIN_RANK[a.original.domain] - DOMAIN_RANK[b.original.domain],
  status: leafCompare((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status]),
  owner: leafCompare((a, b) => collator.compare(a.owner, b.owner)),
  dueDate: leafCompare((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? '')),
  evidence: leafCompare((a, b) => a.evidenceCount - b.evidenceCount || a.expiredEvidenceCount - b.expiredEvidenceCount),
};

export const filterBy = {
  status: (row: TableRow, _id: string, value: ControlStatus) => row.original.status === value,
  domain: (row: TableRow, _id: string, value: DomainId) => row.original.domain === value,
  framework: (row: TableRow, _id: string, value: FrameworkRef) => row.original.frameworks.includes(value),
  owner: (row: TableRow, _id: string, value: string) => (value === UNASSIGNED ? row.original.owner === '' : row.original.owner === value),
  /** The global filter receives the already split words (see resolveFilterValue). */
  text: Object.assign((row: TableRow, _id: string, words: string[]) => matchesText(row.original, words), {
    resolveFilterValue: (text: string) => searchWords(text),
  }),
};

export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Overdue: a due date in the past on a control that still needs work. */
export function isOverdue(row: ChecklistRow, today: string): boolean {
  return row.dueDate !== null && row.dueDate < today && row.status !== 'compliant' && row.status !== 'not_applicable';
}
