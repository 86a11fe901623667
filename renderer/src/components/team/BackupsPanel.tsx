// Automatic copies of the database (before migrations, daily) and restoring one.
import { useWorkbench, write } from '../../data/queries';
import { useToast } from '../Toasts';

export function BackupsPanel() {
  const backups = useWorkbench('listBackups', {});
  const toast = useToast();
  const restore = async (name: string) => {
    if (!window.confirm(`Restore ${name}? The current database is backed up first, then replaced.`)) return;
    try {
      const r = await write('restoreBackup', { name });
      toast.info(`Restored ${r.restored}${r.safetyBackup ? `; the previous state is kept as ${r.safetyBackup}` : ''}. Reloading…`);
      setTimeout(() => window.location.reload(), 800);
    } catch (err) {
      toast.error(err);
    }
  };
  const create = async () => {
    try {
      const b = await write('createBackup', {});
      toast.info(`Backed up as ${b.name}`);
    } catch (err) {
      toast.error(err);
    }
  };
  return (
    <section className="panel" aria-labelledby="backups-title" data-testid="backups-panel">
      <div className="panel-head">
        <h2 id="backups-title">Backups</h2>
        <button type="button" className="small" onClick={() => void create()} data-testid="create-backup">Back up now</button>
      </div>
      {backups.data?.length === 0 ? <p className="muted">No backups yet. One is made before every upgrade and once a day while the app is in use.</p> : null}
      <ul className="session-list">
        {backups.data?.map((b) => (
          <li key={b.name}><span className="mono small">{b.name}</span> <span className="muted small">{b.reason} · {(b.size / 1024).toFixed(0)} KiB</span>
            <button type="button" className="small" onClick={() => void restore(b.name)} data-testid="restore-backup">Restore</button></li>
        ))}
      </ul>
    </section>
  );
}
