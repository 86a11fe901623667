import type { ControlStatus, Priority } from '../../../shared/domain';
import { STATUS_LABELS } from '../../../shared/domain';

export function StatusBadge({ status }: { status: ControlStatus }) {
  return <span className={`badge st-${status}`}>{STATUS_LABELS[status]}</span>;
}

export function PriorityTag({ priority }: { priority: Priority }) {
  return <span className={`prio prio-${priority}`}>{priority}</span>;
}
