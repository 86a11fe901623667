// A merge conflict ends when someone sets the field again: through resolveConflict, or simply by
// answering the control anew. Either way the open conflict rows of that field are closed here.
import type { CoreContext } from '../context';
import { canonicalJson } from '../audit/canonical';

/** Closes the open conflicts of the given fields of one entity; call inside the change's transaction. */
export function settleConflicts(ctx: CoreContext, projectId: string, entity: string, entityId: string, values: Record<string, unknown>, at: string): number {
  const close = ctx.db.prepare(
    `UPDATE merge_conflicts SET resolved_at = ?, resolved_by = ?, resolution_json = ?
     WHERE project_id = ? AND entity = ? AND entity_id = ? AND field = ? AND resolved_at IS NULL`,
  );
  let closed = 0;
  for (const [field, value] of Object.entries(values)) {
    closed += close.run(at, ctx.actor(), canonicalJson(value ?? null), projectId, entity, entityId, field).changes;
  }
  return closed;
}

/** The open conflicts of one kind of entity in a project, as `${entityId}\u0000${field}`: which changes of a batch have any to settle. */
export function openConflictFields(ctx: CoreContext, projectId: string, entity: string): ReadonlySet<string> {
  const rows = ctx.db
    .prepare('SELECT entity_id, field FROM merge_conflicts WHERE project_id = ? AND entity = ? AND resolved_at IS NULL')
    .all(projectId, entity) as Array<{ entity_id: string; field: string }>;
  return new Set(rows.map((r) => `${r.entity_id}\u0000${r.field}`));
}
