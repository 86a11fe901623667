// Merging field values from the audit history. For each field written by an event this copy had
// not seen, the writes that no other write to the field came after are the candidates: one value
// among them is the merged value; two or more different values are a conflict, kept for a person
// to decide, and the field keeps the value it has here until then.
import { createHash } from 'node:crypto';
import type { CoreContext } from '../context';
import { canonicalJson } from '../audit/canonical';
import type { History, HistoryEvent } from './history';
import { readField, recordsOf, writeField } from './fields';
import { writesOf, type Write } from './writes';

const ORDER = { project: 0, member: 1, control: 2, action_item: 3, evidence: 4 } as const;

export function conflictId(projectId: string, key: string, hashes: string[]): string {
  const digest = createHash('sha256').update(`${projectId}\n${key}\n${[...hashes].sort().join('\n')}`).digest('hex');
  return `cf-${digest.slice(0, 16)}`;
}

/** The writes to one field that no other write to it came after. */
export function latestWrites(history: History, writes: Write[]): Write[] {
  const latest = new Set(history.latest(writes.map((w) => w.hash)));
  return writes.filter((w) => latest.has(w.hash));
}

export type FieldMerge = { fieldsChanged: number; conflicts: string[] };

export function mergeFields(ctx: CoreContext, projectId: string, history: History, received: HistoryEvent[]): FieldMerge {
  const registry = recordsOf(ctx);
  const touched = new Set(received.flatMap((e) => writesOf(e, registry).map((w) => w.key)));
  const byKey = new Map<string, Write[]>();
  for (const e of history.events.values()) {
    for (const w of writesOf(e, registry)) {
      if (!touched.has(w.key)) continue;
      const list = byKey.get(w.key);
      if (list) list.push(w);
      else byKey.set(w.key, [w]);
    }
  }
  const keys = [...byKey.keys()].sort((a, b) => {
    const wa = byKey.get(a)![0]!;
    const wb = byKey.get(b)![0]!;
    return ORDER[wa.entity] - ORDER[wb.entity] || (a < b ? -1 : a > b ? 1 : 0);
  });
  const at = ctx.now().toISOString();
  const actor = ctx.actor();
  const result: FieldMerge = { fieldsChanged: 0, conflicts: [] };
  const openOf = ctx.db.prepare('SELECT id FROM merge_conflicts WHERE project_id = ? AND entity = ? AND entity_id = ? AND field = ? AND resolved_at IS NULL').pluck();
  const close = ctx.db.prepare('UPDATE merge_conflicts SET resolved_at = ?, resolved_by = ?, resolution_json = ? WHERE project_id = ? AND id = ?');

  for (const key of keys) {
    const latest = latestWrites(history, byKey.get(key)!).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.hash < b.hash ? -1 : 1));
    const { entity, entityId, field } = latest[0]!;
    const values = new Set(latest.map((w) => canonicalJson(w.value)));
    const open = openOf.all(projectId, entity, entityId, field) as string[];
    if (values.size === 1) {
      const winner = latest.at(-1)!;
      if (entity === 'action_item' && !ctx.db.prepare('SELECT 1 FROM action_items WHERE project_id = ? AND id = ?').get(projectId, entityId)) continue;
      if (canonicalJson(readField(ctx, projectId, entity, entityId, field)) !== canonicalJson(winner.value)) {
        writeField(ctx, projectId, entity, entityId, field, winner.value, winner);
        result.fieldsChanged++;
      }
      for (const id of open) close.run(winner.at, winner.actor, canonicalJson(winner.value), projectId, id);
      continue;
    }
    const id = conflictId(projectId, key, latest.map((w) => w.hash));
    const candidates = [...latest].sort((a, b) => (a.hash < b.hash ? -1 : 1)).map((w) => ({ value: w.value, actor: w.actor, at: w.at, hash: w.hash }));
    ctx.db
      .prepare(
        `INSERT OR IGNORE INTO merge_conflicts (id, project_id, entity, entity_id, field, candidates_json, detected_at, detected_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, projectId, entity, entityId, field, canonicalJson(candidates), at, actor);
    // a wider conflict (a third copy joined in) replaces the narrower one
    for (const other of open) if (other !== id) close.run(at, actor, canonicalJson({ supersededBy: id }), projectId, other);
    const stillOpen = ctx.db.prepare('SELECT resolved_at FROM merge_conflicts WHERE project_id = ? AND id = ?').pluck().get(projectId, id);
    if (stillOpen === null) result.conflicts.push(id);
  }
  return result;
}
