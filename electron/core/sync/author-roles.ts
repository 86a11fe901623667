// Which roles may author each kind of audit event, and how an event changes who is a member with
// which key. The sync server judges a pushed event with these, from the project's own history;
// the rules are the ones core enforces on a laptop (members/permissions.ts, shared/records.ts).
import { FIELD_RECORDS, RECORDS, type AuditAction } from '../../../shared/records';
import type { Role } from '../../../shared/team';
import { rolesFor, type TeamAction } from '../members/permissions';
import { writesOf } from '../bundle/writes';
import type { EventRecord } from '../bundle/format';

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

export type MemberChange = { memberKey: string; role?: Role | null; keyId?: string };

/** How an event changes the project's members: roles the history sets, and keys it binds to members. */
export function memberChanges(e: EventRecord, signerKeyId: string): MemberChange[] {
  const out: MemberChange[] = [];
  for (const w of writesOf(e)) {
    if (w.entity === 'member' && w.field === 'role') out.push({ memberKey: w.entityId, role: (w.value ?? null) as Role | null });
  }
  const after = parseObject(e.after_json);
  if (e.action === 'project.create') {
    // the creator's key is the one that signed the project's first event
    const owner = after.owner as { key?: unknown } | undefined;
    if (owner && typeof owner.key === 'string') out.push({ memberKey: owner.key, keyId: signerKeyId });
  } else if (e.action === 'member.add' && typeof after.keyId === 'string') {
    out.push({ memberKey: e.entity_id, keyId: after.keyId });
  }
  return out;
}

function parseObject(json: string | null): Record<string, unknown> {
  if (json === null) return {};
  try {
    const v = JSON.parse(json) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The head of another copy a merge or import event covers: it must be known before the event. */
export function coveredHead(e: Pick<EventRecord, 'action' | 'after_json'>): string | null {
  if (e.action !== 'bundle.merge' && e.action !== 'bundle.import') return null;
  const head = parseObject(e.after_json).remoteHead;
  return typeof head === 'string' ? head : null;
}
