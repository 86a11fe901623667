// The audit trail as people read it: "Control updated", "Status: Not assessed → Non-compliant",
// dates as dates, long text shortened. The events keep their machine names; only reports say this.
import { STATUS_LABELS, type ControlStatus } from '../../../shared/domain';
import type { AuditEvent } from '../../../shared/domain';

const ACTIONS: Record<string, string> = {
  'project.create': 'Project created',
  'project.update': 'Project changed',
  'control.update': 'Control updated',
  'evidence.add': 'Evidence attached',
  'evidence.remove': 'Evidence removed',
  'evidence.expiry': 'Evidence expiry changed',
  'member.add': 'Member added',
  'member.remove': 'Member removed',
  'member.role': 'Role changed',
  'session.start': 'Audit session started',
  'session.end': 'Audit session ended',
  'action_item.add': 'Action item added',
  'action_item.update': 'Action item changed',
  'analysis.add': 'Document analysed',
  'baseline.sign': 'Signed off',
  'bundle.import': 'Bundle imported',
  'catalog.upgrade': 'Catalog upgraded',
  'framework.import': 'Framework imported',
  'framework.map': 'Framework mapping changed',
  'framework.upgrade': 'Framework version upgraded',
  'conflict.resolve': 'Conflict resolved',
  'review.add': 'Reviewed',
};

const FIELDS: Record<string, string> = {
  status: 'Status',
  owner: 'Owner',
  note: 'Note',
  dueDate: 'Due date',
  endedAt: 'Ended',
  startedAt: 'Started',
  minutesSha256: 'Minutes SHA-256',
  expiresOn: 'Expires',
  collectedOn: 'Collected',
  archived: 'Archived',
  name: 'Name',
  description: 'Description',
  role: 'Role',
  title: 'Title',
};

/** Words from a machine name: "action_item.update" → "Action item update", "dueDate" → "Due date". */
function words(name: string): string {
  const spaced = name.replace(/[._]/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

export const actionText = (action: string): string => ACTIONS[action] ?? words(action);

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;
const MAX_VALUE = 80;

/** One value as people read it. Times are printed in UTC so a report reads the same anywhere. */
function valueText(field: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return 'none';
  if (field === 'status' && typeof value === 'string' && value in STATUS_LABELS) return STATUS_LABELS[value as ControlStatus];
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const s = String(value);
  if (ISO_INSTANT.test(s)) return `${s.slice(0, 10)} ${s.slice(11, 16)} UTC`;
  if (/^[0-9a-f]{64}$/.test(s)) return `${s.slice(0, 16)}…`;
  const oneLine = s.replace(/\s+/g, ' ');
  return oneLine.length > MAX_VALUE ? `${oneLine.slice(0, MAX_VALUE - 1)}…` : oneLine;
}

/** What an event changed, field by field: "Status: Not assessed → Non-compliant; Owner: none → Priya". */
export function changeText(e: Pick<AuditEvent, 'action' | 'before' | 'after'>): string {
  const after = (e.after ?? {}) as Record<string, unknown>;
  const before = (e.before ?? {}) as Record<string, unknown>;
  if (e.action === 'evidence.add') return `Attached ${valueText('name', after.name)}`;
  if (e.action === 'evidence.remove') return `Removed ${valueText('name', before.name)}`;
  const fields = Object.keys(after).filter((k) => typeof after[k] !== 'object' || after[k] === null);
  if (fields.length === 0) return actionText(e.action);
  return fields
    .map((k) => `${FIELDS[k] ?? words(k)}: ${valueText(k, before[k])} → ${valueText(k, after[k])}`)
    .join('; ');
}
