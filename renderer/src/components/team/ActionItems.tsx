// Action items on a control: who does what by when, added in a session or any time.
import { useState } from 'react';
import { useWorkbench, write } from '../../data/queries';
import { useToast } from '../Toasts';

export function ActionItems({ projectId, controlId }: { projectId: string; controlId: string }) {
  const items = useWorkbench('listActionItems', { projectId, controlId });
  const toast = useToast();
  const [text, setText] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const run = async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (err) {
      toast.error(err);
    }
  };
  return (
    <section className="actions-list" aria-label="Action items" data-testid="action-items">
      <h3>Action items</h3>
      <ul className="session-list">
        {items.data?.map((i) => (
          <li key={i.id} className={i.status === 'done' ? 'done' : ''} data-testid="action-item">
            <label className="check">
              <input type="checkbox" checked={i.status === 'done'} onChange={(e) => void run(() => write('updateActionItem', { projectId, itemId: i.id, status: e.target.checked ? 'done' : 'open' }))} />
              {i.text}
            </label>
            <span className="muted small">{i.owner || 'no owner'}{i.dueDate ? ` · due ${i.dueDate}` : ''}{i.sessionId ? ' · from a session' : ''}</span>
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void run(() => write('addActionItem', { projectId, controlId, text, owner, dueDate: due || null })).then(() => { setText(''); setOwner(''); setDue(''); }); }}>
        <input required value={text} onChange={(e) => setText(e.target.value)} placeholder="What needs doing" aria-label="Action item" data-testid="action-text" />
        <input value={owner} onChange={(e) => setOwner(e.target.value)} placeholder="Owner" aria-label="Action item owner" />
        <input type="date" value={due} onChange={(e) => setDue(e.target.value)} aria-label="Action item due date" />
        <button type="submit" className="small" data-testid="add-action">Add</button>
      </form>
    </section>
  );
}
