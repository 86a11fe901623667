// Sync with the team server: when this project last synced, what waits to be pushed, open
// conflicts, and a button that runs the same sync as `cwb sync` (through the contract).
import { useEffect, useState } from 'react';
import { useWorkbench, write } from '../../data/queries';
import { useToast } from '../Toasts';

export function SyncPanel({ projectId }: { projectId: string }) {
  const status = useWorkbench('getSyncStatus', { projectId });
  const toast = useToast();
  const [server, setServer] = useState('');
  const [busy, setBusy] = useState(false);
  // why the last sync failed, kept in the panel until the next one succeeds (a toast would vanish)
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (status.data?.server && !server) setServer(status.data.server);
  }, [status.data?.server, server]);

  const sync = async () => {
    setBusy(true);
    try {
      const r = await write('syncProject', { projectId, server });
      setProblem(null);
      toast.info(`Synced: ${r.pushed} pushed, ${r.pulled} pulled${r.conflicts ? `, ${r.conflicts} conflict${r.conflicts === 1 ? '' : 's'} to resolve` : ''}`);
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const s = status.data;
  return (
    <section className="panel" aria-labelledby="sync-title" data-testid="sync-panel">
      <h2 id="sync-title">Sync with the team server</h2>
      <p className="muted" role="status" data-testid="sync-status" aria-busy={s ? undefined : true}>
        {status.error ? status.error.message : !s ? 'Loading…' : (
          <>
            {s.lastSyncedAt ? `Last synced ${s.lastSyncedAt.slice(0, 16).replace('T', ' ')} UTC` : 'Never synced'} · {s.pendingEvents} change{s.pendingEvents === 1 ? '' : 's'} to push · {s.openConflicts} open conflict{s.openConflicts === 1 ? '' : 's'}
          </>
        )}
      </p>
      <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void sync(); }}>
        <input type="url" required value={server} onChange={(e) => setServer(e.target.value)} placeholder="https://sync.example.org" aria-label="Sync server address" data-testid="sync-server" />
        <button type="submit" className="primary small" disabled={busy || !server} data-testid="sync-now">{busy ? 'Syncing…' : 'Sync now'}</button>
      </form>
      {problem ? <p className="verdict bad" role="alert" data-testid="sync-problem">{problem}</p> : null}
    </section>
  );
}
