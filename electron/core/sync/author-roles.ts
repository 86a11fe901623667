// Which roles may author each kind of audit event. The sync server judges a pushed event with
// these, against the members of the event's own line of history (audit/actor-keys.ts lineAfter);
// the rules are the ones core enforces on a laptop (members/permissions.ts, shared/records.ts).
import { FIELD_RECORDS, RECORDS, type AuditAction } from '../../../shared/records';
import type { Role } from '../../../shared/team';
import { rolesFor, type TeamAction } from '../members/permissions';

const ROW_ACTIONS: Partial<Record<AuditAction, TeamAction>> = {
  'evidence.add': 'evidence.attach',
  'evidence.remove': 'evidence.attach',
  'analysis.add': 'evidence.attach',
  'session.start': 'session.run',
  'session.end': 'session.run',
  'review.approve': 'review',
  'review.reject': 'review',
  'baseline.sign': 'signoff',
  'bundle.merge': 'bundle.merge',
  // receiving a project or a catalog upgrade changes no answer: any member's copy records them
  'bundle.import': 'bundle.export',
  'catalog.upgrade': 'bundle.export',
};

/** The roles that may author an event with this action on this entity; null when no one may. */
export function rolesToAuthor(action: string, entity: string): readonly Role[] | null {
  const row = ROW_ACTIONS[action as AuditAction];
  if (row) return rolesFor(row);
  if (action === 'conflict.resolve') {
    const record = FIELD_RECORDS.find((r) => RECORDS[r].entity === entity);
    return record ? rolesFor(RECORDS[record].permission as TeamAction) : null;
  }
  for (const spec of Object.values(RECORDS)) {
    if ((spec.sets as readonly string[]).includes(action)) return rolesFor(spec.permission as TeamAction);
  }
  return null;
}

/** The head of another copy a merge or import event covers: it must be known before the event. */
export { coveredHeadOf as coveredHead } from '../audit/actor-keys';
