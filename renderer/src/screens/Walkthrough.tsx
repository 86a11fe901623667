// The guided walkthrough: one control per step, domain by domain, with the keyboard alone.
import { useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api';
import { isTyping, useKeyboard, useLoad } from '../hooks';
import { href, navigate } from '../router';
import { AnswerForm, STATUS_KEYS } from '../components/AnswerForm';
import { ControlGuide } from '../components/ControlGuide';
import { EvidencePanel } from '../components/EvidencePanel';
import { PriorityTag } from '../components/StatusBadge';
import { useToast } from '../components/Toasts';
import { ShortcutSheet } from '../components/ShortcutSheet';
import { AnalysisDrop } from '../components/AnalysisDrop';
import { DOMAIN_IDS, DOMAIN_LABELS, FRAMEWORK_LABELS, STATUS_LABELS } from '../../../shared/domain';
import type { ChecklistRow } from '../../../shared/domain';

export const WALKTHROUGH_SHORTCUTS: Array<[string, string]> = [
  ['j or →', 'Next control'],
  ['k or ←', 'Previous control'],
  ...STATUS_KEYS.map(([key, status]): [string, string] => [key, `Set status: ${STATUS_LABELS[status]}`]),
  ['n', 'Write in the note'],
  ['Esc', 'Leave the field you are typing in'],
  ['?', 'Show or hide these shortcuts'],
];

export function Walkthrough({ projectId, controlId, onChanged }: { projectId: string; controlId?: string; onChanged: () => void }) {
  const checklist = useLoad(() => api.getChecklist({ projectId }), [projectId]);
  const project = useLoad(() => api.getOverview({ projectId }), [projectId]);
  const session = useLoad(async () => (await api.getActiveSession({ projectId })).session, [projectId]);
  const [rows, setRows] = useState<ChecklistRow[]>([]);
  const [help, setHelp] = useState(false);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const toast = useToast();

  // in session mode the walkthrough keeps to the session's scope of domains and frameworks
  const scope = session.data?.scope;
  useEffect(() => {
    if (!checklist.data) return;
    setRows(checklist.data.filter((r) =>
      (!scope?.domains.length || scope.domains.includes(r.domain)) &&
      (!scope?.frameworks.length || r.frameworks.some((f) => scope.frameworks.includes(f)))));
  }, [checklist.data, scope]);

  const currentId = controlId ?? project.data?.project.walkthroughAt ?? rows[0]?.id;
  const index = Math.max(0, rows.findIndex((r) => r.id === currentId));
  const row = rows[index];
  const detail = useLoad(async () => (row ? api.getControlDetail({ projectId, controlId: row.id }) : undefined), [projectId, row?.id]);

  useEffect(() => {
    if (row) void api.setWalkthroughPosition({ projectId, controlId: row.id }).catch(() => undefined);
  }, [projectId, row?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const go = (i: number) => {
    const target = rows[Math.min(rows.length - 1, Math.max(0, i))];
    if (target) navigate({ screen: 'walkthrough', projectId, controlId: target.id }, true);
  };

  const saved = (next: ChecklistRow) => {
    setRows((rs) => rs.map((r) => (r.id === next.id ? next : r)));
    void detail.reload();
    onChanged();
  };

  useKeyboard((e) => {
    if (e.key === 'Escape' && isTyping(e.target)) { (e.target as HTMLElement).blur(); return; }
    if (isTyping(e.target) || e.metaKey || e.ctrlKey || e.altKey || !row) return;
    if (document.querySelector('dialog[open]') && e.key !== '?') return;
    const status = STATUS_KEYS.find(([key]) => key === e.key)?.[1];
    if (status) {
      e.preventDefault();
      void api.updateControl({ projectId, controlId: row.id, status }).then(saved, (err) => toast.error(err));
    } else if (e.key === 'j' || e.key === 'ArrowRight') { e.preventDefault(); go(index + 1); }
    else if (e.key === 'k' || e.key === 'ArrowLeft') { e.preventDefault(); go(index - 1); }
    else if (e.key === 'n') { e.preventDefault(); noteRef.current?.focus(); }
    else if (e.key === '?') { e.preventDefault(); setHelp((h) => !h); }
  });

  const answered = rows.filter((r) => r.status !== 'not_assessed').length;
  const byDomain = useMemo(() => DOMAIN_IDS.map((d) => ({ domain: d, rows: rows.filter((r) => r.domain === d) })).filter((g) => g.rows.length), [rows]);
  const ready = Boolean(row && detail.data && detail.data.row.id === row.id);

  return (
    <main className="screen walkthrough" data-testid="screen-walkthrough" data-state={ready ? 'ready' : 'loading'} data-control={row?.id}>
      <nav className="steps-nav" aria-label="Walkthrough steps">
        {session.data && (scope?.domains.length || scope?.frameworks.length) ? (
          <p className="session-scope small" data-testid="session-scope">
            Session “{session.data.title}”: {[...(scope?.domains ?? []).map((d) => DOMAIN_LABELS[d]), ...(scope?.frameworks ?? []).map((f) => FRAMEWORK_LABELS[f])].join(', ')}
          </p>
        ) : null}
        <div className="progress" aria-label={`${answered} of ${rows.length} answered`}>
          <div className="progress-text"><strong>{answered}</strong> of {rows.length} answered</div>
          <div className="progress-track"><div className="progress-fill" style={{ width: `${rows.length ? (answered / rows.length) * 100 : 0}%` }} /></div>
        </div>
        {byDomain.map((g) => (
          <section key={g.domain}>
            <h2>{DOMAIN_LABELS[g.domain]} <span className="muted small">{g.rows.filter((r) => r.status !== 'not_assessed').length}/{g.rows.length}</span></h2>
            <ol>
              {g.rows.map((r) => (
                <li key={r.id}>
                  <a href={href({ screen: 'walkthrough', projectId, controlId: r.id })} aria-current={r.id === row?.id ? 'step' : undefined} className="step-link">
                    <span className={`dot st-${r.status}`} aria-label={STATUS_LABELS[r.status]} />
                    <span className="mono">{r.id}</span>
                    <span className="step-title">{r.title}</span>
                  </a>
                </li>
              ))}
            </ol>
          </section>
        ))}
      </nav>
      {row && detail.data ? (
        <article className="step" aria-labelledby="step-title">
          <header className="step-head">
            <p className="muted small">
              Step {index + 1} of {rows.length} · {DOMAIN_LABELS[row.domain]} · <PriorityTag priority={row.priority} /> ·{' '}
              {row.frameworks.map((f) => FRAMEWORK_LABELS[f]).join(', ')}
            </p>
            <h1 id="step-title"><span className="mono">{row.id}</span> {row.title}</h1>
          </header>
          <div className="step-body">
            <ControlGuide detail={detail.data} />
            <div className="step-answer">
              <AnswerForm projectId={projectId} row={row} onSaved={saved} noteRef={noteRef} />
              <EvidencePanel projectId={projectId} controlId={row.id} evidence={detail.data.evidence} onChanged={() => { void detail.reload(); void checklist.reload(); onChanged(); }} />
              {detail.data.control.verification.commands.length ? (
                <AnalysisDrop key={row.id} projectId={projectId} onlyControl={row.id} label="Drop the JSON those commands printed to check it"
                  onAnalysed={() => { void detail.reload(); void checklist.reload(); onChanged(); }} />
              ) : null}
            </div>
          </div>
          <footer className="step-foot">
            <button type="button" onClick={() => go(index - 1)} disabled={index === 0} data-testid="prev">← Previous <kbd>k</kbd></button>
            <a href={href({ screen: 'control', projectId, controlId: row.id })}>Details and history</a>
            <button type="button" className="ghost" onClick={() => setHelp(true)}>Shortcuts <kbd>?</kbd></button>
            <button type="button" className="primary" onClick={() => go(index + 1)} disabled={index >= rows.length - 1} data-testid="next">Next <kbd>j</kbd> →</button>
          </footer>
        </article>
      ) : <div className="step placeholder" aria-busy="true">Loading…</div>}
      <ShortcutSheet open={help} onClose={() => setHelp(false)} shortcuts={WALKTHROUGH_SHORTCUTS} />
    </main>
  );
}
