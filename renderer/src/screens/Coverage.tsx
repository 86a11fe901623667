// Answer once, satisfy many: each requirement of a framework with the controls that meet it.
import { useWorkbench } from '../data/queries';
import { href, navigate } from '../router';
import { StatusBadge } from '../components/StatusBadge';
import { FRAMEWORK_LABELS, type FrameworkId } from '../../../shared/domain';

export function CoverageScreen({ projectId, framework }: { projectId: string; framework?: string }) {
  const overview = useWorkbench('getOverview', { projectId });
  const frameworks = overview.data?.project.frameworks ?? [];
  const selected = (frameworks.find((f) => f === framework) ?? frameworks[0]) as FrameworkId | undefined;
  const coverage = useWorkbench('getCoverage', selected ? { projectId, framework: selected } : undefined);
  const rows = coverage.data ?? [];
  const covered = rows.filter((r) => r.controls.length > 0 || r.coveredThrough.length > 0).length;
  return (
    <main className="screen" data-testid="screen-coverage" data-state={coverage.data && selected ? 'ready' : 'loading'}>
      <header className="screen-head">
        <div>
          <h1>Coverage</h1>
          <p className="muted">Each requirement with the controls that satisfy it. {selected ? `${covered} of ${rows.length} requirements answered by controls; the rest are listed with why they are outside this catalog.` : ''}</p>
        </div>
        <div className="segmented" role="tablist" aria-label="Framework">
          {frameworks.map((f) => (
            <button key={f} type="button" role="tab" aria-selected={f === selected} className={f === selected ? 'selected' : ''}
              onClick={() => navigate({ screen: 'coverage', projectId, framework: f })}>{FRAMEWORK_LABELS[f]}</button>
          ))}
        </div>
      </header>
      {coverage.error ? <p className="error-text" role="alert">{coverage.error.message}</p> : null}
      <table className="table coverage">
        <thead><tr><th scope="col">Requirement</th><th scope="col">Title</th><th scope="col">Controls and their status</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.requirement.id}>
              <td className="mono nowrap">{r.requirement.id}</td>
              <td>{r.requirement.title}</td>
              <td>
                {r.controls.length ? (
                  <ul className="inline-list">
                    {r.controls.map((c) => (
                      <li key={c.id}><a href={href({ screen: 'control', projectId, controlId: c.id })} className="mono">{c.id}</a> <StatusBadge status={c.status} />{c.coverage === 'partial' ? <span className="muted small"> partly</span> : null}</li>
                    ))}
                  </ul>
                ) : <span className="muted small">{r.outOfScope ? `Outside this catalog: ${r.outOfScope}` : r.coveredThrough.length ? `Met through ${r.coveredThrough.join(', ')}` : 'No control yet'}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
