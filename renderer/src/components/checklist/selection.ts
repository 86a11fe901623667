// Which controls are selected for a bulk change. Selection is by control id, so it survives
// sorting and filtering; a Shift range runs from the last row toggled to the one clicked, in the
// order the table shows them.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RowSelectionState } from '@tanstack/react-table';
import { rememberedSelection, rememberSelection } from './view';

/** The ids from `from` to `to`, both included, in display order; just `to` when `from` is gone. */
export function rangeIds(order: readonly string[], from: string | null, to: string): string[] {
  const end = order.indexOf(to);
  if (end < 0) return [];
  const start = from === null ? -1 : order.indexOf(from);
  if (start < 0) return [to];
  return start <= end ? order.slice(start, end + 1) : order.slice(end, start + 1);
}

export function withIds(selection: RowSelectionState, ids: readonly string[], selected: boolean): RowSelectionState {
  const next = { ...selection };
  for (const id of ids) {
    if (selected) next[id] = true;
    else delete next[id];
  }
  return next;
}

export type Selection = {
  selection: RowSelectionState;
  setSelection: React.Dispatch<React.SetStateAction<RowSelectionState>>;
  /** Toggles one row, or with `range` selects from the anchor to it in `order`. */
  toggle: (id: string, range: boolean, order: () => readonly string[]) => void;
  /** Sets many rows at once (a domain group, everything shown) and moves the anchor to `anchor`. */
  set: (ids: readonly string[], selected: boolean, anchor?: string) => void;
  clear: () => void;
};

export function useSelection(projectId: string): Selection {
  const [selection, setSelection] = useState<RowSelectionState>(() => rememberedSelection(projectId));
  const anchor = useRef<string | null>(null);

  useEffect(() => rememberSelection(projectId, selection), [projectId, selection]);

  const toggle = useCallback((id: string, range: boolean, order: () => readonly string[]) => {
    if (range) {
      const ids = rangeIds(order(), anchor.current, id);
      setSelection((s) => withIds(s, ids, true));
    } else {
      setSelection((s) => withIds(s, [id], !s[id]));
    }
    anchor.current = id;
  }, []);

  const set = useCallback((ids: readonly string[], selected: boolean, at?: string) => {
    setSelection((s) => withIds(s, ids, selected));
    if (at !== undefined) anchor.current = at;
  }, []);

  const clear = useCallback(() => {
    setSelection({});
    anchor.current = null;
  }, []);

  return { selection, setSelection, toggle, set, clear };
}
