// What each kind of audit event sets: (entity, id, field) = value. Merging works on these writes:
// a field takes the value of the latest write to it, and two writes neither of which saw the
// other are a conflict. Events that add whole rows (evidence, sessions, reviews...) are merged
// by row instead, in merge-rows.ts.
import type { HistoryEvent } from './history';

export type Write = { key: string; entity: WriteEntity; entityId: string; field: string; value: unknown; hash: string; at: string; actor: string };
export type WriteEntity = 'control' | 'project' | 'member' | 'action_item';

export const FIELDS: Record<WriteEntity, readonly string[]> = {
  control: ['status', 'owner', 'note', 'dueDate'],
  project: ['name', 'description', 'frameworks', 'archivedAt'],
  member: ['role'],
  action_item: ['text', 'owner', 'dueDate', 'status'],
};

export function writeKey(entity: string, entityId: string, field: string): string {
  return `${entity}\u0001${entityId}\u0001${field}`;
}

function parse(json: string | null): Record<string, unknown> {
  const v = json === null ? null : (JSON.parse(json) as unknown);
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function writesOf(e: HistoryEvent): Write[] {
  const after = parse(e.after_json);
  const out: Write[] = [];
  const put = (entity: WriteEntity, entityId: string, field: string, value: unknown) =>
    out.push({ key: writeKey(entity, entityId, field), entity, entityId, field, value: value ?? null, hash: e.hash, at: e.at, actor: e.actor });
  const fields = (entity: WriteEntity) => {
    for (const f of FIELDS[entity]) if (f in after) put(entity, e.entity_id, f, after[f]);
  };
  switch (e.action) {
    case 'project.create': {
      for (const f of ['name', 'description', 'frameworks'] as const) if (f in after) put('project', e.entity_id, f, after[f]);
      put('project', e.entity_id, 'archivedAt', null);
      const owner = after.owner as { key?: unknown } | undefined;
      if (owner && typeof owner.key === 'string') put('member', owner.key, 'role', 'owner');
      break;
    }
    case 'project.update':
    case 'project.archive':
    case 'project.restore':
      fields('project');
      break;
    case 'control.update':
      fields('control');
      break;
    case 'member.add':
    case 'member.role':
    case 'member.remove':
      put('member', e.entity_id, 'role', after.role ?? null);
      break;
    case 'action_item.add':
    case 'action_item.update':
      fields('action_item');
      break;
    case 'conflict.resolve':
      if ((e.entity in FIELDS) && typeof after.field === 'string' && FIELDS[e.entity as WriteEntity].includes(after.field)) {
        put(e.entity as WriteEntity, e.entity_id, after.field, after.value);
      }
      break;
    default:
      break;
  }
  return out;
}
