// Answering a control. Status saves on click or key; owner, due date and note save as the person
// types (debounced), on leaving the field, and before the page goes away (pending-saves).
// "Saved" shows only once the core has it.
import { useEffect, useId, useRef, useState } from 'react';
import { useWorkbench, write } from '../data/queries';
import { registerPendingSave } from '../data/pending-saves';
import { useToast } from './Toasts';
import type { ChecklistRow, ControlStatus } from '../../../shared/domain';
import { STATUS_LABELS } from '../../../shared/domain';

/** Keys that set a status in the walkthrough and the detail view. */
export const STATUS_KEYS: Array<[string, ControlStatus]> = [
  ['1', 'compliant'],
  ['2', 'partial'],
  ['3', 'non_compliant'],
  ['4', 'not_applicable'],
  ['0', 'not_assessed'],
];

type Field = 'owner' | 'note' | 'dueDate';

export function AnswerForm({ projectId, row, noteRef }: { projectId: string; row: ChecklistRow; noteRef?: React.RefObject<HTMLTextAreaElement | null> }) {
  const toast = useToast();
  const [draft, setDraft] = useState({ owner: row.owner, note: row.note, dueDate: row.dueDate ?? '' });
  const [state, setState] = useState<'saved' | 'saving' | 'dirty'>('saved');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const pending = useRef<Partial<Record<Field, string>>>({});
  const inFlight = useRef(0);
  const members = useWorkbench('listMembers', { projectId });
  const ownersId = useId();

  useEffect(() => {
    setDraft({ owner: row.owner, note: row.note, dueDate: row.dueDate ?? '' });
    setState('saved');
    // only when the control changes: local edits must not be overwritten by our own save echo
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [row.id]);

  const controlId = row.id;
  const flush = async () => {
    clearTimeout(timer.current);
    const patch = pending.current;
    pending.current = {};
    if (Object.keys(patch).length === 0) return;
    setState('saving');
    inFlight.current += 1;
    try {
      await write('updateControl', {
        projectId, controlId,
        ...(patch.owner !== undefined ? { owner: patch.owner } : {}),
        ...(patch.note !== undefined ? { note: patch.note } : {}),
        ...(patch.dueDate !== undefined ? { dueDate: patch.dueDate || null } : {}),
      });
      setState(Object.keys(pending.current).length ? 'dirty' : 'saved');
    } catch (err) {
      // keep what was typed so the next flush retries it
      pending.current = { ...patch, ...pending.current };
      setState('dirty');
      toast.error(err);
    } finally {
      inFlight.current -= 1;
    }
  };
  const latestFlush = useRef(flush);
  latestFlush.current = flush;

  // leaving the control (or the screen) saves what is typed, and so does a reload or close
  useEffect(() => {
    const unregister = registerPendingSave({
      flush: () => latestFlush.current(),
      unsaved: () => Object.keys(pending.current).length > 0 || inFlight.current > 0,
    });
    return () => { unregister(); void latestFlush.current(); };
  }, [row.id]);

  const edit = (field: Field, value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    pending.current[field] = value;
    setState('dirty');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), 600);
  };

  const setStatus = async (status: ControlStatus) => {
    try {
      await write('updateControl', { projectId, controlId: row.id, status });
    } catch (err) {
      toast.error(err);
    }
  };

  return (
    <section className="answer" aria-label="Answer">
      <div className="status-picker" role="radiogroup" aria-label="Status">
        {STATUS_KEYS.map(([key, status]) => (
          <button
            key={status}
            type="button"
            role="radio"
            aria-checked={row.status === status}
            className={`status-option st-${status}${row.status === status ? ' selected' : ''}`}
            onClick={() => void setStatus(status)}
            data-testid={`status-${status}`}
          >
            {STATUS_LABELS[status]} <kbd>{key}</kbd>
          </button>
        ))}
      </div>
      <div className="answer-grid">
        <label>
          Owner
          <input value={draft.owner} onChange={(e) => edit('owner', e.target.value)} onBlur={() => void flush()} placeholder="Who owns this control" list={ownersId} data-testid="owner" />
          <datalist id={ownersId}>
            {(members.data ?? []).map((m) => <option key={m.key} value={m.name}>{m.email || m.role}</option>)}
          </datalist>
        </label>
        <label>
          Due date
          <input type="date" value={draft.dueDate} onChange={(e) => edit('dueDate', e.target.value)} onBlur={() => void flush()} data-testid="due-date" />
        </label>
      </div>
      <label>
        Note <span className="muted small">(<kbd>n</kbd>)</span>
        <textarea ref={noteRef} rows={4} value={draft.note} onChange={(e) => edit('note', e.target.value)} onBlur={() => void flush()}
          placeholder="What you found, what is left, where the proof is" data-testid="note" />
      </label>
      <p className={`save-state ${state}`} aria-live="polite" data-testid="save-state">
        {state === 'saved' ? 'All changes saved' : state === 'saving' ? 'Saving…' : 'Unsaved changes'}
      </p>
    </section>
  );
}
