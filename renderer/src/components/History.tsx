// The history of a control from its audit events: who changed what, from what to what, when.
// A long value (a note pasted from a report) is folded to its first characters with "Show all".
import { useState } from 'react';
import { foldText } from './fold';
import type { AuditEvent, ControlStatus } from '../../../shared/domain';
import { STATUS_LABELS } from '../../../shared/domain';

const FIELD_LABELS: Record<string, string> = { status: 'Status', owner: 'Owner', note: 'Note', dueDate: 'Due date' };

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

type Change = { label: string; from?: string; to: string };

function describe(e: AuditEvent): Change[] {
  if (e.action === 'evidence.add') return [{ label: 'attached', to: show((e.after as { name?: string })?.name) }];
  if (e.action === 'evidence.remove') return [{ label: 'removed evidence', to: show((e.before as { name?: string })?.name) }];
  const before = (e.before ?? {}) as Record<string, unknown>;
  const after = (e.after ?? {}) as Record<string, unknown>;
  const value = (k: string, v: unknown) => (k === 'status' && typeof v === 'string' && v in STATUS_LABELS ? STATUS_LABELS[v as ControlStatus] : show(v));
  return Object.keys(after).map((k) => ({ label: `${FIELD_LABELS[k] ?? k}:`, from: value(k, before[k]), to: value(k, after[k]) }));
}

function Folded({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  const folded = foldText(text);
  if (!folded) return <>{text}</>;
  return (
    <>
      <span className="folded-text">{open ? text : folded.head}</span>{' '}
      <button type="button" className="linklike small" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {open ? 'Show less' : `Show all ${folded.length} characters`}
      </button>
    </>
  );
}

export function History({ events }: { events: AuditEvent[] }) {
  return (
    <section className="history" aria-label="History">
      <h3>History</h3>
      {events.length === 0 ? <p className="muted">No changes yet.</p> : (
        <ol className="timeline" data-testid="history">
          {events.map((e) => (
            <li key={e.id}>
              <p className="muted small"><time dateTime={e.at}>{e.at.replace('T', ' ').slice(0, 16)}</time> · {e.actor}{e.sessionId ? ` · session ${e.sessionId}` : ''}</p>
              <ul>{describe(e).map((c, i) => <li key={i}>{c.label} {c.from !== undefined ? <><Folded text={c.from} /> → </> : null}<Folded text={c.to} /></li>)}</ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
