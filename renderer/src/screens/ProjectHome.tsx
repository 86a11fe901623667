// Project home: where the project stands (readiness per framework and domain, counts, evidence
// freshness, top gaps) and what to do next.
import { useState } from 'react';
import { useWorkbench, write } from '../data/queries';
import { href } from '../router';
import { ReadinessRing, StatusBar, StatusLegend, formatPercent } from '../components/charts';
import { ReadinessOverTime } from '../components/ReadinessOverTime';
import { PriorityTag, StatusBadge } from '../components/StatusBadge';
import { Dialog } from '../components/Dialog';
import { useToast } from '../components/Toasts';
import { DOMAIN_LABELS } from '../../../shared/domain';
import { useFrameworkName } from '../data/framework-names';
import type { ProjectOverview } from '../../../shared/domain';

export function ProjectHome({ projectId }: { projectId: string }) {
  const overview = useWorkbench('getOverview', { projectId });
  const frameworkName = useFrameworkName();
  const [renaming, setRenaming] = useState(false);
  const o = overview.data;
  return (
    <main className="screen" data-testid="screen-home" data-state={o ? 'ready' : 'loading'}>
      {overview.error ? <p className="error-text" role="alert">{overview.error.message}</p> : null}
      {o ? (
        <>
          <header className="screen-head">
            <div>
              <h1>{o.project.name}</h1>
              <p className="muted">{o.project.description || 'No description'} · catalog {o.project.catalogVersion}</p>
            </div>
            <div className="actions">
              <button type="button" onClick={() => setRenaming(true)}>Rename</button>
              <a className="button primary" href={href({ screen: 'walkthrough', projectId, controlId: o.project.walkthroughAt ?? undefined })} data-testid="start-walkthrough">
                {o.project.walkthroughAt ? 'Resume walkthrough' : 'Start walkthrough'}
              </a>
            </div>
          </header>
          <section className="panel rings" aria-label="Readiness">
            <ReadinessRing readiness={o.overall} label="Overall" />
            {o.byFramework.map((f) => (
              <a key={f.framework} href={href({ screen: 'coverage', projectId, framework: f.framework })} className="ring-link">
                <ReadinessRing readiness={f.readiness} label={frameworkName(f.framework)} />
              </a>
            ))}
            <div className="ring-side">
              <h2>Status</h2>
              <StatusBar counts={o.overall.counts} total={o.overall.inScope} />
              <StatusLegend counts={o.overall.counts} />
            </div>
          </section>
          <div className="columns">
            <DomainBars overview={o} />
            <section className="panel">
              <h2>Evidence</h2>
              <dl className="facts">
                <div><dt>Items</dt><dd data-testid="evidence-total">{o.evidence.total}</dd></div>
                <div><dt>Expired</dt><dd className={o.evidence.expired ? 'bad' : ''} data-testid="evidence-expired">{o.evidence.expired}</dd></div>
                <div><dt>Expiring in 30 days</dt><dd className={o.evidence.expiringSoon ? 'warn' : ''}>{o.evidence.expiringSoon}</dd></div>
              </dl>
              <h2>Top gaps</h2>
              <p className="muted small">Controls assessed non-compliant or partial, most urgent first.{o.overall.counts.not_assessed ? ` ${o.overall.counts.not_assessed} more are not assessed yet.` : ''}</p>
              {o.topGaps.length === 0 ? <p className="muted">No gaps: nothing assessed is non-compliant or partial.</p> : (
                <ol className="gaps">
                  {o.topGaps.map((g) => (
                    <li key={g.controlId}>
                      <a href={href({ screen: 'control', projectId, controlId: g.controlId })}>
                        <span className="mono">{g.controlId}</span> {g.title}
                      </a>
                      <span className="gap-tags"><PriorityTag priority={g.priority} /> <StatusBadge status={g.status} /></span>
                    </li>
                  ))}
                </ol>
              )}
            </section>
          </div>
          <ProgressPanel projectId={projectId} overview={o} />
          <OverdueWork overview={o} />
          <RenameDialog open={renaming} project={o.project} onClose={() => setRenaming(false)} />
        </>
      ) : null}
    </main>
  );
}

function ProgressPanel({ projectId, overview }: { projectId: string; overview: ProjectOverview }) {
  const history = useWorkbench('getReadinessHistory', { projectId });
  return (
    <section className="panel" aria-labelledby="progress-heading">
      <h2 id="progress-heading">Readiness over time</h2>
      {history.data
        ? <ReadinessOverTime history={history.data} frameworks={overview.byFramework.map((f) => f.framework)} />
        : <p className="muted" role="status">Loading the history…</p>}
    </section>
  );
}

// Past due and not done, as of the workbench's today: controls not yet compliant / not
// applicable, and open action items. Oldest first, straight from the overview.
function OverdueWork({ overview }: { overview: ProjectOverview }) {
  const { controls, actionItems } = overview.overdue;
  const projectId = overview.project.id;
  const total = controls.length + actionItems.length;
  return (
    <section className="panel" aria-labelledby="overdue-heading" data-testid="overdue">
      <h2 id="overdue-heading">Overdue{total ? ` (${total})` : ''}</h2>
      {total === 0 ? <p className="muted">Nothing overdue: no unfinished control or open action item is past its due date.</p> : (
        <ol className="gaps">
          {controls.map((c) => (
            <li key={`control-${c.controlId}`}>
              <a href={href({ screen: 'control', projectId, controlId: c.controlId })}>
                <span className="mono">{c.controlId}</span> {c.title}
              </a>
              <span className="gap-tags">
                <span className="bad">due {c.dueDate}</span> · {c.owner || 'no owner'} <StatusBadge status={c.status} />
              </span>
            </li>
          ))}
          {actionItems.map((a) => (
            <li key={`action-${a.id}`}>
              <a href={href({ screen: 'control', projectId, controlId: a.controlId })}>
                <span className="mono">{a.controlId}</span> Action: {a.text}
              </a>
              <span className="gap-tags"><span className="bad">due {a.dueDate}</span> · {a.owner || 'no owner'}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function DomainBars({ overview }: { overview: ProjectOverview }) {
  return (
    <section className="panel">
      <h2>Readiness by domain</h2>
      <ul className="domain-bars">
        {overview.byDomain.map((d) => (
          <li key={d.domain}>
            <div className="domain-line">
              <span>{DOMAIN_LABELS[d.domain]}</span>
              <strong>{formatPercent(d.readiness.percent)}</strong>
            </div>
            <StatusBar counts={d.readiness.counts} total={d.readiness.inScope} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function RenameDialog({ open, project, onClose }: { open: boolean; project: ProjectOverview['project']; onClose: () => void }) {
  const [name, setName] = useState(project.name);
  const [description, setDescription] = useState(project.description);
  const toast = useToast();
  const save = async () => {
    try {
      await write('updateProject', { projectId: project.id, name, description });
      toast.info('Project renamed');
      onClose();
    } catch (err) {
      toast.error(err);
    }
  };
  return (
    <Dialog open={open} title="Rename project" onClose={onClose}>
      <form className="form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <label>Name<input autoFocus value={name} onChange={(e) => setName(e.target.value)} required /></label>
        <label>Description<textarea rows={3} value={description} onChange={(e) => setDescription(e.target.value)} /></label>
        <div className="form-actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary">Save</button>
        </div>
      </form>
    </Dialog>
  );
}
