// Audit sessions: start one with attendees and scope; past sessions with their minutes.
import { useState } from 'react';
import { useFrameworkName } from '../../data/framework-names';
import { api } from '../../api';
import { useWorkbench, write } from '../../data/queries';
import { useToast } from '../Toasts';
import { Dialog } from '../Dialog';
import { saveBytes } from '../../download';
import { DOMAIN_IDS, DOMAIN_LABELS, type DomainId, type FrameworkRef } from '../../../../shared/domain';
import type { Attendee } from '../../../../shared/team';

/** `roleKnown` is false while the screen still asks who you are: starting a session waits for the answer. */
export function SessionsPanel({ projectId, frameworks, active, roleKnown }: { projectId: string; frameworks: FrameworkRef[]; active: boolean; roleKnown: boolean }) {
  const frameworkName = useFrameworkName();
  const sessions = useWorkbench('listSessions', { projectId });
  const members = useWorkbench('listMembers', { projectId });
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [attending, setAttending] = useState<string[]>([]);
  const [guests, setGuests] = useState('');
  const [domains, setDomains] = useState<DomainId[]>([]);
  const [scopeFrameworks, setScopeFrameworks] = useState<FrameworkRef[]>([]);

  const start = async () => {
    const attendees: Attendee[] = [
      ...(members.data ?? []).filter((m) => attending.includes(m.key)).map((m) => ({ name: m.name, email: m.email, role: m.role, guest: false })),
      ...guests.split(',').map((g) => g.trim()).filter(Boolean).map((name) => ({ name, guest: true })),
    ];
    try {
      await write('startSession', { projectId, title, attendees, scope: { domains, frameworks: scopeFrameworks } });
      setOpen(false);
      setTitle('');
      toast.info('Session started');
    } catch (err) {
      toast.error(err);
    }
  };

  const minutes = async (sessionId: string, format: 'markdown' | 'pdf') => {
    try {
      const file = await api.getSessionMinutes({ projectId, sessionId, format });
      saveBytes(file.fileName, file.mediaType, file.contentBase64);
    } catch (err) {
      toast.error(err);
    }
  };

  return (
    <section className="panel" aria-labelledby="sessions-title" data-testid="sessions-panel">
      <div className="panel-head">
        <h2 id="sessions-title">Audit sessions</h2>
        <button type="button" className="primary small" disabled={active || !roleKnown} onClick={() => setOpen(true)} data-testid="start-session">{active ? 'A session is running' : 'Start a session'}</button>
      </div>
      {sessions.data?.length === 0 ? <p className="muted">No sessions yet. A session records who was in the room and ties each decision to it.</p> : null}
      <ul className="session-list">
        {sessions.data?.map((s) => (
          <li key={s.id} data-testid="session-row">
            <strong>{s.title}</strong> <span className="muted small">{s.startedAt.slice(0, 16).replace('T', ' ')}{s.endedAt ? ` – ${s.endedAt.slice(11, 16)}` : ' (running)'} · {s.facilitator} · {s.attendees.length} attendees</span>
            {s.endedAt ? (
              <span className="row-actions">
                <button type="button" className="small" onClick={() => void minutes(s.id, 'pdf')}>Minutes (PDF)</button>
                <button type="button" className="small" onClick={() => void minutes(s.id, 'markdown')}>Minutes (Markdown)</button>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      <Dialog open={open} title="Start an audit session" onClose={() => setOpen(false)} testId="session-dialog">
        <form className="form" onSubmit={(e) => { e.preventDefault(); void start(); }}>
          <label>Title<input autoFocus required value={title} onChange={(e) => setTitle(e.target.value)} placeholder="e.g. Data security review with the DPO" data-testid="session-title" /></label>
          <fieldset>
            <legend>Attendees</legend>
            {members.data?.map((m) => (
              <label key={m.key} className="check">
                <input type="checkbox" checked={attending.includes(m.key)} onChange={(e) => setAttending((a) => (e.target.checked ? [...a, m.key] : a.filter((k) => k !== m.key)))} />
                {m.name}
              </label>
            ))}
          </fieldset>
          <label>Guests (comma-separated)<input value={guests} onChange={(e) => setGuests(e.target.value)} placeholder="e.g. Dana Auditor, Lee from Legal" data-testid="session-guests" /></label>
          <fieldset>
            <legend>Domains in scope (none: all)</legend>
            {DOMAIN_IDS.map((d) => (
              <label key={d} className="check"><input type="checkbox" checked={domains.includes(d)} onChange={(e) => setDomains((x) => (e.target.checked ? [...x, d] : x.filter((y) => y !== d)))} />{DOMAIN_LABELS[d]}</label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Frameworks in scope (none: all)</legend>
            {frameworks.map((f) => (
              <label key={f} className="check"><input type="checkbox" checked={scopeFrameworks.includes(f)} onChange={(e) => setScopeFrameworks((x) => (e.target.checked ? [...x, f] : x.filter((y) => y !== f)))} />{frameworkName(f)}</label>
            ))}
          </fieldset>
          <div className="form-actions">
            <button type="button" onClick={() => setOpen(false)}>Cancel</button>
            <button type="submit" className="primary" data-testid="session-start">Start session</button>
          </div>
        </form>
      </Dialog>
    </section>
  );
}
