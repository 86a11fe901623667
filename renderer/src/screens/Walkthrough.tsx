// The guided walkthrough: one control per step, domain by domain, with the keyboard alone. It
// opens at the first unanswered step, skips to the next unanswered one on request, and ends on a
// finish screen that says what is left and what to do next.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useFrameworkName } from '../data/framework-names';
import { isTyping, useKeyboard } from '../hooks';
import { useMediaQuery } from '../media';
import { useWorkbench, write } from '../data/queries';
import { href, navigate } from '../router';
import { AnswerForm, STATUS_KEYS } from '../components/AnswerForm';
import { ControlGuide } from '../components/ControlGuide';
import { EvidencePanel } from '../components/EvidencePanel';
import { PriorityTag } from '../components/StatusBadge';
import { useToast } from '../components/Toasts';
import { ShortcutSheet } from '../components/ShortcutSheet';
import { AnalysisDrop } from '../components/AnalysisDrop';
import { WalkthroughFinish } from '../components/WalkthroughFinish';
import { isAnswered, nearestUnanswered, resumeAt } from '../components/walkthrough-order';
import { DOMAIN_IDS, DOMAIN_LABELS, STATUS_LABELS } from '../../../shared/domain';

export const WALKTHROUGH_SHORTCUTS: Array<[string, string]> = [
  ['j or →', 'Next control'],
  ['k or ←', 'Previous control'],
  ['u', 'Next unanswered control'],
  ['Shift+U', 'Previous unanswered control'],
  ...STATUS_KEYS.map(([key, status]): [string, string] => [key, `Set status: ${STATUS_LABELS[status]}`]),
  ['n', 'Write in the note'],
  ['Esc', 'Leave the field you are typing in'],
  ['?', 'Show or hide these shortcuts'],
];

/** Below this width the step list folds away so the answer stays in view. */
const NARROW = '(max-width: 1100px)';

export function Walkthrough({ projectId, controlId, finished }: { projectId: string; controlId?: string; finished: boolean }) {
  const frameworkName = useFrameworkName();
  const checklist = useWorkbench('getChecklist', { projectId });
  const overview = useWorkbench('getOverview', { projectId });
  const active = useWorkbench('getActiveSession', { projectId });
  const [help, setHelp] = useState(false);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const toast = useToast();
  const narrow = useMediaQuery(NARROW);

  // in session mode the walkthrough keeps to the session's scope of domains and frameworks
  const session = active.data?.session ?? null;
  const scope = session?.scope;
  const rows = useMemo(() => (checklist.data ?? []).filter((r) =>
    (!scope?.domains.length || scope.domains.includes(r.domain)) &&
    (!scope?.frameworks.length || r.frameworks.some((f) => scope.frameworks.includes(f)))), [checklist.data, scope]);
  const loaded = checklist.data !== undefined && overview.data !== undefined && active.data !== undefined;

  // opened without a step: resume at the first unanswered one, or finish when none is left
  const resume = loaded && !controlId && !finished ? resumeAt(rows, overview.data?.project.walkthroughAt) : undefined;
  const showFinish = finished || (loaded && !controlId && rows.length > 0 && resume === undefined);
  const currentId = controlId ?? resume;
  const index = Math.max(0, rows.findIndex((r) => r.id === currentId));
  const row = showFinish ? undefined : rows[index];
  const detail = useWorkbench('getControlDetail', row ? { projectId, controlId: row.id } : undefined);

  // pin the resumed step in the address, so answering it does not move the walkthrough on by itself
  useEffect(() => {
    if (resume) navigate({ screen: 'walkthrough', projectId, controlId: resume }, true);
  }, [projectId, resume]);

  useEffect(() => {
    if (row) void write('setWalkthroughPosition', { projectId, controlId: row.id }).catch(() => undefined);
  }, [projectId, row?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const goTo = (id: string) => navigate({ screen: 'walkthrough', projectId, controlId: id }, true);
  const finish = () => navigate({ screen: 'walkthrough', projectId, finished: true }, true);
  const go = (i: number) => {
    if (i >= rows.length) { finish(); return; }
    const target = rows[Math.max(0, i)];
    if (target) goTo(target.id);
  };
  const goUnanswered = (dir: 1 | -1) => {
    const i = nearestUnanswered(rows, showFinish ? (dir === 1 ? -1 : rows.length) : index, dir);
    if (i >= 0) goTo(rows[i]!.id);
    else if (dir === 1) finish();
    else toast.info('No unanswered control before this one.');
  };

  useKeyboard((e) => {
    if (e.key === 'Escape' && isTyping(e.target)) { (e.target as HTMLElement).blur(); return; }
    if (isTyping(e.target) || e.metaKey || e.ctrlKey || e.altKey) return;
    if (document.querySelector('dialog[open]') && e.key !== '?') return;
    if (e.key === '?') { e.preventDefault(); setHelp((h) => !h); return; }
    if (e.key === 'u' || e.key === 'U') { e.preventDefault(); goUnanswered(e.shiftKey ? -1 : 1); return; }
    if (!row) return;
    const status = STATUS_KEYS.find(([key]) => key === e.key)?.[1];
    if (status) {
      e.preventDefault();
      void write('updateControl', { projectId, controlId: row.id, status }).catch((err: unknown) => toast.error(err));
    } else if (e.key === 'j' || e.key === 'ArrowRight') { e.preventDefault(); go(index + 1); }
    else if (e.key === 'k' || e.key === 'ArrowLeft') { e.preventDefault(); go(index - 1); }
    else if (e.key === 'n') { e.preventDefault(); noteRef.current?.focus(); }
  });

  const answered = rows.filter(isAnswered).length;
  const byDomain = useMemo(() => DOMAIN_IDS.map((d) => ({ domain: d, rows: rows.filter((r) => r.domain === d) })).filter((g) => g.rows.length), [rows]);
  const ready = showFinish ? loaded : Boolean(row && detail.data && detail.data.row.id === row.id);
  const stepLinks = byDomain.map((g) => (
    <section key={g.domain}>
      <h2>{DOMAIN_LABELS[g.domain]} <span className="muted small">{g.rows.filter(isAnswered).length}/{g.rows.length}</span></h2>
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
  ));

  return (
    <main className="screen walkthrough" data-testid="screen-walkthrough" data-state={ready ? 'ready' : 'loading'} data-control={row?.id}>
      <nav className="steps-nav" aria-label="Walkthrough steps">
        {session && (scope?.domains.length || scope?.frameworks.length) ? (
          <p className="session-scope small" data-testid="session-scope">
            Session “{session.title}”: {[...(scope?.domains ?? []).map((d) => DOMAIN_LABELS[d]), ...(scope?.frameworks ?? []).map((f) => frameworkName(f))].join(', ')}
          </p>
        ) : null}
        <div className="progress" role="group" aria-label={`${answered} of ${rows.length} answered`}>
          <div className="progress-text"><strong>{answered}</strong> of {rows.length} answered</div>
          <div className="progress-track"><div className="progress-fill" style={{ width: `${rows.length ? (answered / rows.length) * 100 : 0}%` }} /></div>
        </div>
        {narrow ? (
          <details className="steps-fold">
            <summary>All steps</summary>
            {stepLinks}
          </details>
        ) : stepLinks}
      </nav>
      {showFinish && loaded ? (
        <WalkthroughFinish projectId={projectId} rows={rows} />
      ) : row && detail.data ? (
        <article className="step" aria-labelledby="step-title">
          <header className="step-head">
            <p className="muted small">
              Step {index + 1} of {rows.length} · {DOMAIN_LABELS[row.domain]} · <PriorityTag priority={row.priority} /> ·{' '}
              {row.frameworks.map((f) => frameworkName(f)).join(', ')}
            </p>
            <h1 id="step-title"><span className="mono">{row.id}</span> {row.title}</h1>
          </header>
          <div className="step-body">
            <ControlGuide detail={detail.data} />
            <div className="step-answer">
              <AnswerForm projectId={projectId} row={row} noteRef={noteRef} />
              <EvidencePanel projectId={projectId} controlId={row.id} evidence={detail.data.evidence} />
              {detail.data.control.verification.commands.length ? (
                <AnalysisDrop key={row.id} projectId={projectId} onlyControl={row.id} label="Drop the JSON those commands printed to check it" />
              ) : null}
            </div>
          </div>
          <footer className="step-foot">
            <button type="button" onClick={() => go(index - 1)} disabled={index === 0} data-testid="prev">← Previous <kbd>k</kbd></button>
            <button type="button" onClick={() => goUnanswered(-1)}>Previous unanswered <kbd>⇧U</kbd></button>
            <a href={href({ screen: 'control', projectId, controlId: row.id })}>Details and history</a>
            <button type="button" className="ghost" onClick={() => setHelp(true)}>Shortcuts <kbd>?</kbd></button>
            <button type="button" onClick={() => goUnanswered(1)}>Next unanswered <kbd>u</kbd></button>
            {index >= rows.length - 1
              ? <button type="button" className="primary" onClick={finish} data-testid="next">Finish →</button>
              : <button type="button" className="primary" onClick={() => go(index + 1)} data-testid="next">Next <kbd>j</kbd> →</button>}
          </footer>
        </article>
      ) : <div className="step placeholder" aria-busy="true">{checklist.error?.message ?? detail.error?.message ?? 'Loading…'}</div>}
      <ShortcutSheet open={help} onClose={() => setHelp(false)} shortcuts={WALKTHROUGH_SHORTCUTS} />
    </main>
  );
}
