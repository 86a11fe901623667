// The history of a control from its audit events: who changed what, from what to what, when.
import type { AuditEvent, ControlStatus } from '../../../shared/domain';
import { STATUS_LABELS } from '../../../shared/domain';

const FIELD_LABELS: Record<string, string> = { status: 'Status', owner: 'Owner', note: 'Note', dueDate: 'Due date' };

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function describe(e: AuditEvent): string[] {
  if (e.action === 'evidence.add') return [`attached ${show((e.after as { name?: string })?.name)}`];
  if (e.action === 'evidence.remove') return [`removed evidence ${show((e.before as { name?: string })?.name)}`];
  const before = (e.before ?? {}) as Record<string, unknown>;
  const after = (e.after ?? {}) as Record<string, unknown>;
  const value = (k: string, v: unknown) => (k === 'status' && typeof v === 'string' && v in STATUS_LABELS ? STATUS_LABELS[v as ControlStatus] : show(v));
  return Object.keys(after).map((k) => `${FIELD_LABELS[k] ?? k}: ${value(k, before[k])} → ${value(k, after[k])}`);
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
              <ul>{describe(e).map((line, i) => <li key={i}>{line}</li>)}</ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
