// One control in full: every field, the mapped requirements, the evidence and the history.
import { useWorkbench } from '../data/queries';
import { href } from '../router';
import { AnswerForm } from '../components/AnswerForm';
import { ControlGuide } from '../components/ControlGuide';
import { EvidencePanel } from '../components/EvidencePanel';
import { PriorityTag, StatusBadge } from '../components/StatusBadge';
import { History } from '../components/History';
import { ReviewPanel } from '../components/team/ReviewPanel';
import { ActionItems } from '../components/team/ActionItems';
import { DOMAIN_LABELS } from '../../../shared/domain';

export function ControlDetailScreen({ projectId, controlId }: { projectId: string; controlId: string }) {
  const detail = useWorkbench('getControlDetail', { projectId, controlId });
  const d = detail.data;
  return (
    <main className="screen" data-testid="screen-control" data-state={d ? 'ready' : 'loading'}>
      {detail.error ? <p className="error-text" role="alert">{detail.error.message}</p> : null}
      {d ? (
        <>
          <header className="screen-head">
            <div>
              <p className="muted small"><a href={href({ screen: 'checklist', projectId })}>Checklist</a> / {DOMAIN_LABELS[d.row.domain]}</p>
              <h1><span className="mono">{d.row.id}</span> {d.row.title}</h1>
              <p><StatusBadge status={d.row.status} /> <PriorityTag priority={d.row.priority} /> {d.row.updatedBy ? <span className="muted small">last changed by {d.row.updatedBy} on {d.row.updatedAt?.slice(0, 10)}</span> : null}</p>
            </div>
            <div className="actions"><a className="button" href={href({ screen: 'walkthrough', projectId, controlId })}>Open in walkthrough</a></div>
          </header>
          <div className="step-body">
            <ControlGuide detail={d} />
            <div className="step-answer">
              <AnswerForm projectId={projectId} row={d.row} />
              <EvidencePanel projectId={projectId} controlId={controlId} evidence={d.evidence} />
              <ReviewPanel projectId={projectId} controlId={controlId} />
              <ActionItems projectId={projectId} controlId={controlId} />
              <History events={d.history} />
            </div>
          </div>
        </>
      ) : null}
    </main>
  );
}
