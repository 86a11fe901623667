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
