// Air-gapped exchange: export the project as one bundle (optionally encrypted), import a
// teammate's bundle to merge, and resolve what both of you changed.
import { useState } from 'react';
import { api } from '../../api';
import { useWorkbench, write } from '../../data/queries';
import { useToast } from '../Toasts';
import { saveBytes } from '../../download';
import { fileToBase64 } from '../../bytes';
import type { BundleImportResult, Conflict } from '../../../../shared/team';
import { STATUS_LABELS, type ControlStatus } from '../../../../shared/domain';

/** A conflicting value as the rest of the app shows it: a status by its label, nothing as ∅. */
function show(field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '∅';
  if (field === 'status' && typeof v === 'string' && v in STATUS_LABELS) return STATUS_LABELS[v as ControlStatus];
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export function ExchangePanel({ projectId }: { projectId: string }) {
  const conflicts = useWorkbench('listConflicts', { projectId });
  const toast = useToast();
  const [passphrase, setPassphrase] = useState('');
  const [importPassphrase, setImportPassphrase] = useState('');
  const [imported, setImported] = useState<BundleImportResult>();

  const exportBundle = async () => {
    try {
      const b = await api.exportBundle({ projectId, passphrase: passphrase || undefined });
      saveBytes(b.fileName, 'application/octet-stream', b.contentBase64);
      toast.info(`Saved ${b.fileName}${b.encrypted ? ' (encrypted)' : ''}`);
    } catch (err) {
      toast.error(err);
    }
  };
  const importBundle = async (file: File) => {
    try {
      const result = await write('importBundle', { contentBase64: await fileToBase64(file), passphrase: importPassphrase || undefined });
      setImported(result);
    } catch (err) {
      toast.error(err);
    }
  };
  const resolve = async (c: Conflict, value: unknown) => {
    try {
      await write('resolveConflict', { projectId, conflictId: c.id, value });
      toast.info('Conflict resolved');
    } catch (err) {
      toast.error(err);
    }
  };

  return (
    <section className="panel" aria-labelledby="exchange-title" data-testid="exchange-panel">
      <h2 id="exchange-title">Exchange with a teammate</h2>
      <p className="muted">A bundle holds the project, its evidence files and its audit chain, with a SHA-256 manifest. Carry it on a USB stick; no network needed.</p>
      <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void exportBundle(); }}>
        <input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} placeholder="Passphrase to encrypt (optional)" aria-label="Passphrase to encrypt the bundle" autoComplete="new-password" />
        <button type="submit" className="primary small" data-testid="export-bundle">Export bundle</button>
      </form>
      <div className="inline-form">
        <input type="password" value={importPassphrase} onChange={(e) => setImportPassphrase(e.target.value)} placeholder="Passphrase, if encrypted" aria-label="Passphrase of the bundle to import" autoComplete="off" />
        <label className="button small">
          Import a bundle…
          <input type="file" className="visually-hidden" data-testid="import-bundle" onChange={(e) => { const f = e.target.files?.[0]; if (f) void importBundle(f); e.target.value = ''; }} />
        </label>
      </div>
      {imported ? (
        <p className="verdict ok" role="status" data-testid="import-result">
          {imported.outcome === 'created' ? 'Imported' : imported.outcome === 'merged' ? 'Merged' : 'Already up to date:'} <strong>{imported.projectName}</strong> from {imported.exportedBy} ({imported.exportedAt.slice(0, 16).replace('T', ' ')}): {imported.eventsReceived} events, {imported.fieldsChanged} fields changed, {imported.conflicts.length} conflicts.
        </p>
      ) : null}
      <h3>Conflicts</h3>
      {conflicts.data?.length ? (
        <ul className="conflicts" data-testid="conflicts">
          {conflicts.data.map((c) => (
            <li key={c.id} data-testid="conflict">
              <p><span className="mono">{c.entityId}</span> · {c.field}: both copies changed it. Now: <strong>{show(c.field, c.currentValue)}</strong></p>
              <div className="row-actions">
                {c.candidates.map((cand) => (
                  <button key={cand.hash} type="button" className="small" onClick={() => void resolve(c, cand.value)}>
                    Keep “{show(c.field, cand.value)}” ({cand.actor}, {cand.at.slice(0, 16).replace('T', ' ')})
                  </button>
                ))}
              </div>
            </li>
          ))}
        </ul>
      ) : <p className="muted">No open conflicts.</p>}
    </section>
  );
}
