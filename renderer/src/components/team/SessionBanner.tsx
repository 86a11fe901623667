// Shown on every screen of a project while an audit session runs: decisions are tied to it.
import { useState } from 'react';
import { api } from '../../api';
import { write } from '../../data/queries';
import { useToast } from '../Toasts';
import { saveBytes } from '../../download';
import type { AuditSession } from '../../../../shared/team';

export function SessionBanner({ projectId, session }: { projectId: string; session: AuditSession }) {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const end = async () => {
    setBusy(true);
    try {
      const ended = await write('endSession', { projectId, sessionId: session.id });
      const minutes = await api.getSessionMinutes({ projectId, sessionId: ended.session.id, format: 'pdf' });
      saveBytes(minutes.fileName, minutes.mediaType, minutes.contentBase64);
      toast.info('Session ended; the minutes were saved');
    } catch (err) {
      toast.error(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="session-banner" role="status" data-testid="session-banner">
      <span className="live-dot" aria-hidden="true" />
      <span>Audit session <strong>{session.title}</strong> since {session.startedAt.slice(11, 16)} UTC, facilitated by {session.facilitator}. Every decision is recorded in this session.</span>
      <button type="button" className="small" onClick={() => void end()} disabled={busy} data-testid="end-session">End session and save minutes</button>
    </div>
  );
}
