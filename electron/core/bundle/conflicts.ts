// Merge conflicts as a person sees them: the field, the value this copy shows, and the competing
// changes with who made them when. Resolving one sets the field (an audit event of its own, which
// every other copy will see as coming after all the competing changes).
import type { CoreContext } from '../context';
import { readOne, readAll } from '../store/access';
import type { ReadContext } from '../store/access';
import { inTransaction } from '../store/database';
import { invalidInput, notFound, WorkbenchError } from '../errors';
import { getProject } from '../projects/projects';
import { requireRole, type TeamAction } from '../members/permissions';
import { applyChange } from '../audit/changes';
import type { Conflict } from '../../../shared/team';
import { checkFieldValue, readField, recordsOf } from './fields';
import type { WriteEntity } from './writes';

type ConflictRow = {
  id: string; entity: WriteEntity; entity_id: string; field: string; candidates_json: string; detected_at: string;
  detected_by: string; resolved_at: string | null; resolved_by: string | null; resolution_json: string | null;
};

function toConflict(ctx: ReadContext, projectId: string, r: ConflictRow): Conflict {
  return {
    id: r.id, entity: r.entity, entityId: r.entity_id, field: r.field,
    currentValue: readField(ctx, projectId, r.entity, r.entity_id, r.field),
    candidates: JSON.parse(r.candidates_json) as Conflict['candidates'],
    detectedAt: r.detected_at, detectedBy: r.detected_by, resolvedAt: r.resolved_at, resolvedBy: r.resolved_by,
    resolution: r.resolution_json === null ? null : (JSON.parse(r.resolution_json) as unknown),
  };
}

export function listConflicts(ctx: ReadContext, projectId: string, options: { includeResolved?: boolean } = {}): Conflict[] {
  getProject(ctx, projectId);
  const rows = readAll<ConflictRow>(ctx.db, 'SELECT * FROM merge_conflicts WHERE project_id = ? AND (? = 1 OR resolved_at IS NULL) ORDER BY detected_at, entity, entity_id, field, id', projectId, options.includeResolved ? 1 : 0);
  return rows.map((r) => toConflict(ctx, projectId, r));
}

export function resolveConflict(ctx: CoreContext, projectId: string, conflictId: string, value: unknown): Conflict {
  const row = readOne<ConflictRow>(ctx.db, 'SELECT * FROM merge_conflicts WHERE project_id = ? AND id = ?', projectId, conflictId);
  if (!row) throw notFound('merge conflict in this project', conflictId, 'List them with listConflicts.');
  requireRole(ctx, projectId, recordsOf(ctx)[row.entity]!.permission as TeamAction);
  const problem = checkFieldValue(row.entity, row.field, value, recordsOf(ctx));
  if (problem) throw invalidInput(`Cannot resolve the conflict: ${problem}. Nothing was changed.`);
  return inTransaction(ctx.db, () => {
    const fresh = ctx.db.prepare('SELECT resolved_at, resolved_by FROM merge_conflicts WHERE project_id = ? AND id = ?').get(projectId, conflictId) as { resolved_at: string | null; resolved_by: string | null };
    if (fresh.resolved_at) throw new WorkbenchError('CONFLICT', `This conflict was already resolved by ${fresh.resolved_by} at ${fresh.resolved_at}. Nothing was changed.`);
    // the one write path: role, write if the value moves, one event, and the conflict settled
    applyChange(ctx, { projectId, record: row.entity, id: row.entity_id, patch: { [row.field]: value }, action: 'conflict.resolve', resolves: conflictId });
    return toConflict(ctx, projectId, ctx.db.prepare('SELECT * FROM merge_conflicts WHERE project_id = ? AND id = ?').get(projectId, conflictId) as ConflictRow);
  });
}
