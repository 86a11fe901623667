// The end of the walkthrough: what is left per domain, and the one next thing worth doing.
import { href } from '../router';
import { PriorityTag } from './StatusBadge';
import { nextBestAction, progressByDomain } from './walkthrough-order';
import { DOMAIN_LABELS, STATUS_LABELS, type ChecklistRow } from '../../../shared/domain';

export function WalkthroughFinish({ projectId, rows }: { projectId: string; rows: ChecklistRow[] }) {
  const domains = progressByDomain(rows);
  const left = domains.reduce((n, d) => n + d.left, 0);
  const action = nextBestAction(rows);
  return (
    <article className="step finish" aria-labelledby="finish-title">
      <header className="step-head">
        <h1 id="finish-title">{left === 0 ? 'Every control is answered' : `End of the walkthrough: ${left} of ${rows.length} controls still unanswered`}</h1>
      </header>
      <section className="next-action" aria-labelledby="next-action-title">
        <h2 id="next-action-title">Next best action</h2>
        {action.kind === 'answer' ? (
          <p>
            Answer <a href={href({ screen: 'walkthrough', projectId, controlId: action.control.id })}><span className="mono">{action.control.id}</span> {action.control.title}</a>{' '}
            <PriorityTag priority={action.control.priority} />, the most important control not yet assessed.
          </p>
        ) : action.kind === 'remediate' ? (
          <p>
            Plan the fix for <a href={href({ screen: 'control', projectId, controlId: action.control.id })}><span className="mono">{action.control.id}</span> {action.control.title}</a>{' '}
            <PriorityTag priority={action.control.priority} /> ({STATUS_LABELS[action.control.status]}), the most important open gap.
          </p>
        ) : (
          <p>Nothing is open. <a href={href({ screen: 'reports', projectId })}>Export the report</a> for the auditor, or sign off a baseline on <a href={href({ screen: 'audit', projectId })}>Team &amp; audit</a>.</p>
        )}
      </section>
      <table className="table finish-table">
        <caption className="visually-hidden">What is left per domain</caption>
        <thead><tr><th scope="col">Domain</th><th scope="col">Unanswered</th><th scope="col">Answered</th><th scope="col"><span className="visually-hidden">Continue</span></th></tr></thead>
        <tbody>
          {domains.map((d) => (
            <tr key={d.domain}>
              <th scope="row">{DOMAIN_LABELS[d.domain]}</th>
              <td>{d.left}</td>
              <td>{d.total - d.left} of {d.total}</td>
              <td>{d.firstLeft ? <a href={href({ screen: 'walkthrough', projectId, controlId: d.firstLeft })} aria-label={`Continue with ${DOMAIN_LABELS[d.domain]}`}>Continue</a> : <span className="muted">Done</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
