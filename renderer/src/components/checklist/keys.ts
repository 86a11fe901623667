// The checklist grid's keyboard: which key does what. Pure, so the shortcut sheet and the grid
// read the same table.
import type { ControlStatus } from '../../../../shared/domain';
import { STATUS_LABELS } from '../../../../shared/domain';
import { STATUS_KEYS } from '../AnswerForm';

export type GridCommand =
  | { kind: 'move'; to: 'next' | 'prev' | 'first' | 'last' | 'pageDown' | 'pageUp'; extend: boolean }
  | { kind: 'open' }
  | { kind: 'toggle'; range: boolean }
  | { kind: 'fold'; open: boolean | 'toggle' }
  | { kind: 'clearSelection' }
  | { kind: 'selectAll' }
  | { kind: 'status'; status: ControlStatus };

type KeyLike = Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>;

export function gridCommand(e: KeyLike): GridCommand | null {
  if (e.altKey) return null;
  if (e.ctrlKey || e.metaKey) return e.key.toLowerCase() === 'a' ? { kind: 'selectAll' } : null;
  const extend = e.shiftKey;
  switch (e.key) {
    case 'ArrowDown': case 'j': case 'J': return { kind: 'move', to: 'next', extend };
    case 'ArrowUp': case 'k': case 'K': return { kind: 'move', to: 'prev', extend };
    case 'Home': return { kind: 'move', to: 'first', extend };
    case 'End': return { kind: 'move', to: 'last', extend };
    case 'PageDown': return { kind: 'move', to: 'pageDown', extend };
    case 'PageUp': return { kind: 'move', to: 'pageUp', extend };
    case 'Enter': return { kind: 'open' };
    case ' ': case 'x': case 'X': return { kind: 'toggle', range: e.shiftKey };
    case 'ArrowRight': return { kind: 'fold', open: true };
    case 'ArrowLeft': return { kind: 'fold', open: false };
    case 'Escape': return { kind: 'clearSelection' };
    default: {
      const status = STATUS_KEYS.find(([key]) => key === e.key)?.[1];
      return status ? { kind: 'status', status } : null;
    }
  }
}

export const CHECKLIST_SHORTCUTS: Array<[string, string]> = [
  ['/', 'Search the checklist'],
  ['j or ↓', 'Next row'],
  ['k or ↑', 'Previous row'],
  ['Home / End', 'First or last row'],
  ['PgDn / PgUp', 'A page down or up'],
  ['Enter', 'Open the control; on a domain row, fold or unfold it'],
  ['x or Space', 'Select or unselect the row'],
  ['Shift+j/k', 'Move and select as you go'],
  ['Shift+click', 'Select every row from the last one toggled'],
  ['Ctrl+A', 'Select every control shown'],
  ['← / →', 'Fold or unfold a domain group'],
  [STATUS_KEYS.map(([key]) => key).join(' '), `Set the status of the selection (or of the focused row): ${STATUS_KEYS.map(([key, status]) => `${key} ${STATUS_LABELS[status]}`).join(', ')}`],
  ['Esc', 'Clear the selection; in the search box, back to the table'],
  ['?', 'Show or hide these shortcuts'],
];
