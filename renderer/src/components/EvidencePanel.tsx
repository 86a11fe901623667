// Evidence on one control: the list, and attaching a file (picker or drop), a link or a note.
// The file's bytes go to the store; the list shows each item's SHA-256 prefix and expiry, which
// can be set or changed on the item after attaching.
import { useState, type DragEvent } from 'react';
import { api } from '../api';
import { write } from '../data/queries';
import { useToast } from './Toasts';
import { fileToBase64 } from '../bytes';
import { saveBytes } from '../download';
import type { Evidence } from '../../../shared/domain';

function formatSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1048576) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1048576).toFixed(1)} MiB`;
}

/** The full hash, for checking a file with sha256sum; the list shows only its start. */
function CopyHash({ name, sha256 }: { name: string; sha256: string }) {
  const toast = useToast();
  return (
    <button type="button" className="ghost small" aria-label={`Copy the full SHA-256 of ${name}`}
      onClick={() => navigator.clipboard.writeText(sha256).then(() => toast.info('SHA-256 copied'), () => toast.error(`The clipboard is not available here. SHA-256: ${sha256}`))}>
      Copy hash
    </button>
  );
}

/** Sets, changes or clears an item's expiry after it was attached (a certificate renewed, a date corrected). */
function ExpiryEditor({ projectId, item }: { projectId: string; item: Evidence }) {
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState(item.expiresOn ?? '');
  const [busy, setBusy] = useState(false);
  const save = async (expiresOn: string | null) => {
    setBusy(true);
    try {
      await write('setEvidenceExpiry', { projectId, evidenceId: item.id, expiresOn });
      toast.info(expiresOn ? `${item.name} expires ${expiresOn}` : `${item.name} no longer expires`);
      setOpen(false);
    } catch (err) {
      toast.error(err);
    } finally {
      setBusy(false);
    }
  };
  if (!open) {
    return (
      <button type="button" className="ghost small" aria-label={`${item.expiresOn ? 'Change' : 'Set'} expiry of ${item.name}`}
        onClick={() => { setDate(item.expiresOn ?? ''); setOpen(true); }}>
        {item.expiresOn ? 'Change expiry' : 'Set expiry'}
      </button>
    );
  }
  return (
    <form className="inline-form expiry-form" aria-label={`Expiry of ${item.name}`} onSubmit={(e) => { e.preventDefault(); if (date) void save(date); }}>
      <label className="small">
        Expires on
        <input type="date" value={date} min={item.collectedOn} required onChange={(e) => setDate(e.target.value)} autoFocus />
      </label>
      <button type="submit" className="small primary" disabled={busy || !date}>Save expiry</button>
      {item.expiresOn ? <button type="button" className="small" disabled={busy} onClick={() => void save(null)}>No expiry</button> : null}
      <button type="button" className="small ghost" onClick={() => setOpen(false)}>Cancel</button>
    </form>
  );
}

export function EvidencePanel({ projectId, controlId, evidence }: { projectId: string; controlId: string; evidence: Evidence[] }) {
  const toast = useToast();
  const [mode, setMode] = useState<'none' | 'link' | 'note'>('none');
  const [url, setUrl] = useState('');
  const [text, setText] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);

  const attach = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await work();
      toast.info(done);
      setUrl('');
      setText('');
      setMode('none');
    } catch (err) {
      toast.error(err);
    } finally {
      setBusy(false);
    }
  };

  const attachFiles = async (files: FileList | File[]) => {
    for (const file of Array.from(files)) {
      await attach(async () => write('addEvidence', {
        projectId, controlId, kind: 'file', name: file.name, contentBase64: await fileToBase64(file),
        mediaType: file.type || null, expiresOn: expiresOn || null,
      }), `Attached ${file.name}`);
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (e.dataTransfer.files.length) void attachFiles(e.dataTransfer.files);
  };

  const download = async (item: Evidence) => {
    try {
      const content = await api.getEvidenceContent({ projectId, evidenceId: item.id });
      saveBytes(content.name, content.mediaType, content.contentBase64);
    } catch (err) {
      toast.error(err);
    }
  };

  return (
    <section className="evidence" aria-label="Evidence" data-testid="evidence-panel">
      <h3>Evidence <span className="count">{evidence.length}</span></h3>
      {evidence.length === 0 ? <p className="muted">Nothing attached yet.</p> : (
        <ul className="evidence-list">
          {evidence.map((e) => (
            <li key={e.id} className={e.expired ? 'expired' : ''} data-testid="evidence-item">
              <span className={`kind kind-${e.kind}`}>{e.kind}</span>
              {e.kind === 'link' && e.url ? (
                <a href={e.url} target="_blank" rel="noreferrer noopener">{e.name}</a>
              ) : e.kind === 'file' ? (
                <button type="button" className="linklike" onClick={() => void download(e)}>{e.name}</button>
              ) : (
                <span title={e.text ?? ''}>{e.name}</span>
              )}
              <span className="muted small">SHA-256 <code className="mono" title={e.sha256}>{e.sha256.slice(0, 12)}…</code></span>
              <CopyHash name={e.name} sha256={e.sha256} />
              <span className="muted small">{e.kind === 'file' ? formatSize(e.size) : ''} {e.collectedOn} · {e.attachedBy}</span>
              {e.expiresOn ? <span className={e.expired ? 'badge bad' : 'muted small'}>{e.expired ? `expired ${e.expiresOn}` : `expires ${e.expiresOn}`}</span> : null}
              <ExpiryEditor projectId={projectId} item={e} />
              <button type="button" className="ghost small" aria-label={`Remove ${e.name}`}
                onClick={() => void attach(() => write('removeEvidence', { projectId, evidenceId: e.id }), `Removed ${e.name}`)}>Remove</button>
            </li>
          ))}
        </ul>
      )}
      <div
        className={`dropzone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="dropzone"
      >
        <span>Drop files here or</span>
        <label className="button small">
          Choose evidence files
          <input type="file" multiple className="visually-hidden" data-testid="evidence-file" disabled={busy}
            onChange={(e) => { if (e.target.files) void attachFiles(e.target.files); e.target.value = ''; }} />
        </label>
        <button type="button" className="small" onClick={() => setMode(mode === 'link' ? 'none' : 'link')}>Add link</button>
        <button type="button" className="small" onClick={() => setMode(mode === 'note' ? 'none' : 'note')} data-testid="add-note">Add note</button>
      </div>
      <label className="small inline evidence-expiry">
        Expires (optional, for what you attach next)
        <input type="date" value={expiresOn} onChange={(e) => setExpiresOn(e.target.value)} />
      </label>
      {mode === 'link' ? (
        <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void attach(() => write('addEvidence', { projectId, controlId, kind: 'link', url, expiresOn: expiresOn || null }), 'Link attached'); }}>
          <input autoFocus type="url" required placeholder="https://…" value={url} onChange={(e) => setUrl(e.target.value)} aria-label="Link URL" />
          <button type="submit" className="primary small" disabled={busy}>Attach link</button>
        </form>
      ) : null}
      {mode === 'note' ? (
        <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void attach(() => write('addEvidence', { projectId, controlId, kind: 'note', text, expiresOn: expiresOn || null }), 'Note attached'); }}>
          <textarea autoFocus required rows={2} placeholder="What you checked, where, and what you saw" value={text} onChange={(e) => setText(e.target.value)} aria-label="Evidence note" data-testid="evidence-note-text" />
          <button type="submit" className="primary small" disabled={busy} data-testid="attach-note">Attach note</button>
        </form>
      ) : null}
    </section>
  );
}
