// Sign-off freezes a baseline; later changes show as a diff against it. The audit trail check
// names the first broken event, if any.
import { useState } from 'react';
import { api } from '../../api';
import { useWorkbench, write } from '../../data/queries';
import { useToast } from '../Toasts';
import type { ProjectVerification } from '../../../../shared/team';

function show(v: unknown): string {
  return v === null || v === undefined || v === '' ? '∅' : typeof v === 'string' ? v : JSON.stringify(v);
}

/** `roleKnown` is false while the screen still asks who you are: signing off waits for the answer. */
export function SignOffPanel({ projectId, roleKnown }: { projectId: string; roleKnown: boolean }) {
  const diff = useWorkbench('getBaselineDiff', { projectId });
  const toast = useToast();
  const [note, setNote] = useState('');
  const [verification, setVerification] = useState<ProjectVerification>();
  // a head written down earlier (a report, a package, a sign-off): verify fails unless the chain still holds it
  const [expectHead, setExpectHead] = useState('');

  const signOff = async () => {
    try {
      await write('signOff', { projectId, note });
      toast.info('Signed off: a baseline was frozen');
      setNote('');
    } catch (err) {
      toast.error(err);
    }
  };
  const verify = async () => {
    try {
      setVerification(await api.verifyAuditHistory({ projectId, ...(expectHead.trim() ? { expectHead: expectHead.trim() } : {}) }));
    } catch (err) {
      toast.error(err);
    }
  };

  const d = diff.data;
  return (
    <section className="panel" aria-labelledby="signoff-title" data-testid="signoff-panel">
      <h2 id="signoff-title">Sign-off and audit trail</h2>
      {d?.baseline ? (
        <p>Baseline signed by <strong>{d.baseline.signedBy}</strong> ({d.baseline.signedRole}) on {d.baseline.signedAt.slice(0, 16).replace('T', ' ')}{d.baseline.note ? `: “${d.baseline.note}”` : ''}.{' '}
          {d.unchanged ? <span className="badge st-compliant">No changes since</span> : <span className="badge st-partial" data-testid="baseline-changed">{d.changes.length} {d.changes.length === 1 ? "change" : "changes"} since</span>}
        </p>
      ) : <p className="muted">Not signed off yet. An assessor or owner signs off to freeze the current answers as a baseline.</p>}
      {d && !d.unchanged && d.baseline ? (
        <table className="table small" data-testid="baseline-diff">
          <thead><tr><th scope="col">Control</th><th scope="col">Field</th><th scope="col">At sign-off</th><th scope="col">Now</th></tr></thead>
          <tbody>
            {d.changes.map((c, i) => <tr key={i}><td className="mono">{c.controlId}</td><td>{c.field}</td><td>{show(c.baseline)}</td><td>{show(c.current)}</td></tr>)}
            {d.evidenceAdded.map((e) => <tr key={e.evidenceId}><td className="mono">{e.controlId}</td><td>evidence</td><td>∅</td><td>added</td></tr>)}
            {d.evidenceRemoved.map((e) => <tr key={e.evidenceId}><td className="mono">{e.controlId}</td><td>evidence</td><td>present</td><td>removed</td></tr>)}
          </tbody>
        </table>
      ) : null}
      <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void signOff(); }}>
        <input value={note} onChange={(e) => setNote(e.target.value)} placeholder="Sign-off note (optional)" aria-label="Sign-off note" />
        <button type="submit" className="primary small" disabled={!roleKnown} data-testid="sign-off">Sign off</button>
      </form>
      <div className="verify-row">
        <input value={expectHead} onChange={(e) => setExpectHead(e.target.value)} placeholder="Expected head SEQ:HASH (optional)" aria-label="Expected head (SEQ:HASH)" data-testid="expect-head" className="mono" size={28} />
        <button type="button" onClick={() => void verify()} data-testid="verify-audit">Verify the audit trail</button>
        {verification ? (
          <span className={`verdict inline ${verification.ok ? 'ok' : 'bad'}`} role="status" data-testid="audit-verdict">
            {verification.ok
              ? `Intact: ${verification.chain.events} events${verification.branches.length ? ` and ${verification.branches.length} merged copies` : ''} check out.`
              : verification.chain.firstBroken
                ? `Broken at event ${verification.chain.firstBroken.seq}: ${verification.chain.firstBroken.problem}.`
                : `Does not verify: ${verification.problems[0]?.sentence ?? 'a check failed'}${verification.problems.length > 1 ? ` (and ${verification.problems.length - 1} more)` : ''}.`}
          </span>
        ) : null}
      </div>
    </section>
  );
}
