// Answer once, satisfy many: a framework's whole requirement tree, each leaf with its own state
// (mapped by the project's controls, no control in this catalog, not applicable, or a gap) and each
// requirement above leaves with the count of its leaves in each state.
import { useWorkbench } from '../data/queries';
import { useFrameworkName } from '../data/framework-names';
import { href, navigate } from '../router';
import { StatusBadge } from '../components/StatusBadge';
import { type FrameworkRef } from '../../../shared/domain';
import { REQUIREMENT_STATE_LABELS, type LeafCounts, type RequirementState } from '../../../shared/catalog';
import type { CoverageRow } from '../../../shared/api';

/** Badge colours reuse the status palette: mapped green, no control amber, n/a grey, gap red. */
const STATE_CLASS: Record<RequirementState, string> = {
  mapped: 'st-compliant',
  'no-control': 'st-partial',
  'not-applicable': 'st-not_applicable',
  gap: 'st-non_compliant',
};

const SHORT_LABEL: Record<RequirementState, string> = {
  mapped: 'Mapped',
  'no-control': 'No control',
  'not-applicable': 'Not applicable',
  gap: 'Gap',
};

function leafSummary(l: LeafCounts): string {
  const parts = (['mapped', 'no-control', 'not-applicable', 'gap'] as const).filter((s) => l[s] > 0).map((s) => `${l[s]} ${SHORT_LABEL[s].toLowerCase()}`);
  return parts.join(', ');
}

function StateCell({ row, projectId }: { row: CoverageRow; projectId: string }) {
  return (
    <>
      <span className={`badge ${STATE_CLASS[row.state]}`} title={REQUIREMENT_STATE_LABELS[row.state]}>{SHORT_LABEL[row.state]}</span>
      {row.leaf ? null : <span className="muted small"> {leafSummary(row.leaves)} beneath</span>}
      {row.controls.length ? (
        <ul className="inline-list">
          {row.controls.map((c) => (
            <li key={c.id}><a href={href({ screen: 'control', projectId, controlId: c.id })} className="mono">{c.id}</a> <StatusBadge status={c.status} />{c.coverage === 'partial' ? <span className="muted small"> partly</span> : null}</li>
          ))}
        </ul>
      ) : row.outOfScope ? <div className="muted small">{row.outOfScope}</div> : row.leaf && row.state === 'gap' ? <div className="muted small">No control in this project answers it.</div> : null}
    </>
  );
}

export function CoverageScreen({ projectId, framework }: { projectId: string; framework?: string }) {
  const frameworkName = useFrameworkName();
  const overview = useWorkbench('getOverview', { projectId });
  const frameworks = overview.data?.project.frameworks ?? [];
  const selected = (frameworks.find((f) => f === framework) ?? frameworks[0]) as FrameworkRef | undefined;
  const coverage = useWorkbench('getCoverage', selected ? { projectId, framework: selected } : undefined);
  const rows = coverage.data ?? [];
  const leaves = rows.filter((r) => r.leaf);
  const count = (s: RequirementState) => leaves.filter((r) => r.state === s).length;
  return (
    <main className="screen" data-testid="screen-coverage" data-state={coverage.data && selected ? 'ready' : 'loading'}>
      <header className="screen-head">
        <div>
          <h1>Coverage</h1>
          <p className="muted" data-testid="coverage-summary">
            The whole requirement tree. A requirement at the end of a branch counts only through a control mapped to it itself.{' '}
            {selected ? `Of ${leaves.length}: ${count('mapped')} mapped, ${count('no-control')} with no control in this catalog, ${count('not-applicable')} not applicable, ${count('gap')} gaps.` : ''}
          </p>
        </div>
        <div className="segmented" role="tablist" aria-label="Framework">
          {frameworks.map((f) => (
            <button key={f} type="button" role="tab" aria-selected={f === selected} className={f === selected ? 'selected' : ''}
              onClick={() => navigate({ screen: 'coverage', projectId, framework: f })}>{frameworkName(f)}</button>
          ))}
        </div>
      </header>
      {coverage.error ? <p className="error-text" role="alert">{coverage.error.message}</p> : null}
      <table className="table coverage">
        <thead><tr><th scope="col">Requirement</th><th scope="col">Title</th><th scope="col">State, controls and their status</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.requirement.id} data-state={r.state} data-leaf={r.leaf ? 'true' : 'false'} className={r.leaf ? undefined : 'branch'}>
              <td className={`mono nowrap depth-${Math.min(r.depth, 5)}`}>{r.requirement.id}</td>
              <td>{r.requirement.title}</td>
              <td><StateCell row={r} projectId={projectId} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
