// What each kind of audit event sets: (entity, id, field) = value. Merging works on these writes:
// a field takes the value of the latest write to it, and two writes neither of which saw the
// other are a conflict. Which actions set which record's fields is the registry's word
// (shared/records.ts); events that add whole rows (evidence, sessions, reviews...) are merged
// by row instead, in merge-rows.ts.
import { RECORDS, type Registry } from '../../../shared/records';
import type { HistoryEvent } from './history';
import { fieldSpec, isWriteEntity, type WriteEntity } from './fields';

export type { WriteEntity } from './fields';
export type Write = { key: string; entity: WriteEntity; entityId: string; field: string; value: unknown; hash: string; at: string; actor: string };

export function writeKey(entity: string, entityId: string, field: string): string {
  return `${entity}\u0001${entityId}\u0001${field}`;
}

function parse(json: string | null): Record<string, unknown> {
  const v = json === null ? null : (JSON.parse(json) as unknown);
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function writesOf(e: HistoryEvent, registry: Registry = RECORDS): Write[] {
  const after = parse(e.after_json);
  const out: Write[] = [];
  const put = (entity: WriteEntity, entityId: string, field: string, value: unknown) =>
    out.push({ key: writeKey(entity, entityId, field), entity, entityId, field, value: value ?? null, hash: e.hash, at: e.at, actor: e.actor });
  for (const [name, spec] of Object.entries(registry)) {
    if (!isWriteEntity(name) || !(spec.sets as readonly string[]).includes(e.action)) continue;
    for (const f of Object.keys(spec.fields)) if (f in after) put(name, e.entity_id, f, after[f]);
  }
  if (e.action === 'project.create') {
    // a new project is not archived, and its creator owns it
    if (!('archivedAt' in after)) put('project', e.entity_id, 'archivedAt', null);
    const owner = after.owner as { key?: unknown } | undefined;
    if (owner && typeof owner.key === 'string') put('member', owner.key, 'role', 'owner');
  } else if (e.action.startsWith('member.') && !('role' in after)) {
    put('member', e.entity_id, 'role', null);
  } else if (e.action === 'conflict.resolve' && isWriteEntity(e.entity) && typeof after.field === 'string' && fieldSpec(registry, e.entity, after.field)) {
    put(e.entity, e.entity_id, after.field, after.value);
  }
  return out;
}
