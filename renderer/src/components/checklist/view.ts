// What the person has set up on the checklist (filters, sort, grouping, the focused row). It is
// kept per project for the browser tab, so opening a control and coming back finds the table as
// it was left. The selection lives only in memory: after a reload nothing is silently selected.
import type { ColumnFiltersState, ExpandedState, SortingState } from '@tanstack/react-table';
import type { ControlStatus, DomainId } from '../../../../shared/domain';
import { CONTROL_STATUSES, DOMAIN_IDS, FrameworkRef } from '../../../../shared/domain';

export type ChecklistView = {
  text: string;
  status: ControlStatus | '';
  domain: DomainId | '';
  framework: FrameworkRef | '';
  /** An owner's name, UNASSIGNED, or '' for anyone. */
  owner: string;
  sorting: SortingState;
  grouped: boolean;
  /** Domains whose group is folded. */
  collapsed: DomainId[];
  /** The row the keyboard is on: a control id, or a group row id such as `domain:governance`. */
  activeId: string | null;
  scrollTop: number;
};

export const DEFAULT_VIEW: ChecklistView = {
  text: '', status: '', domain: '', framework: '', owner: '',
  sorting: [], grouped: false, collapsed: [], activeId: null, scrollTop: 0,
};

export type FilterKey = 'status' | 'domain' | 'framework' | 'owner';
export const FILTER_KEYS: FilterKey[] = ['status', 'domain', 'framework', 'owner'];

export const hasFilters = (v: ChecklistView): boolean => v.text.trim() !== '' || FILTER_KEYS.some((k) => v[k] !== '');

const storageKey = (projectId: string) => `cwb.checklist.${projectId}`;

/** Reads the saved view, keeping only values that still make sense. */
export function loadView(projectId: string): ChecklistView {
  let saved: Partial<ChecklistView> = {};
  try {
    saved = JSON.parse(sessionStorage.getItem(storageKey(projectId)) ?? '{}') as Partial<ChecklistView>;
  } catch {
    saved = {};
  }
  const oneOf = <T extends string>(value: unknown, allowed: readonly T[]): T | '' => (allowed.includes(value as T) ? (value as T) : '');
  return {
    text: typeof saved.text === 'string' ? saved.text : '',
    status: oneOf(saved.status, CONTROL_STATUSES),
    domain: oneOf(saved.domain, DOMAIN_IDS),
    framework: FrameworkRef.safeParse(saved.framework).data ?? '',
    owner: typeof saved.owner === 'string' ? saved.owner : '',
    sorting: Array.isArray(saved.sorting)
      ? saved.sorting.filter((s): s is SortingState[number] => typeof s?.id === 'string' && typeof s?.desc === 'boolean')
      : [],
    grouped: saved.grouped === true,
    collapsed: Array.isArray(saved.collapsed) ? saved.collapsed.filter((d): d is DomainId => DOMAIN_IDS.includes(d)) : [],
    activeId: typeof saved.activeId === 'string' ? saved.activeId : null,
    scrollTop: typeof saved.scrollTop === 'number' && saved.scrollTop >= 0 ? saved.scrollTop : 0,
  };
}

export function saveView(projectId: string, view: ChecklistView): void {
  try {
    sessionStorage.setItem(storageKey(projectId), JSON.stringify(view));
  } catch {
    // storage full or disabled: the view simply is not remembered
  }
}

export function columnFiltersOf(v: Pick<ChecklistView, FilterKey>): ColumnFiltersState {
  return FILTER_KEYS.filter((k) => v[k] !== '').map((k) => ({ id: k, value: v[k] }));
}

export const groupRowId = (domain: DomainId): string => `domain:${domain}`;

/** Every domain group open except the folded ones. */
export function expandedOf(collapsed: DomainId[]): ExpandedState {
  if (collapsed.length === 0) return true;
  return Object.fromEntries(DOMAIN_IDS.filter((d) => !collapsed.includes(d)).map((d) => [groupRowId(d), true]));
}

/** Selection kept across screens of this window (not across reloads), per project. */
const selections = new Map<string, Record<string, true>>();
export const rememberedSelection = (projectId: string): Record<string, true> => selections.get(projectId) ?? {};
export const rememberSelection = (projectId: string, selection: Record<string, true>): void => {
  selections.set(projectId, selection);
};
