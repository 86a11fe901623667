// Merge conflicts as a person sees them: the field, the value this copy shows, and the competing
// changes with who made them when. Resolving one sets the field (an audit event of its own, which
// every other copy will see as coming after all the competing changes).
import type { CoreContext } from '../context';
import { inTransaction } from '../store/database';
import { invalidInput, notFound, WorkbenchError } from '../errors';
import { getProject } from '../projects/projects';
import { requireRole, type TeamAction } from '../members/permissions';
import { appendChange } from '../audit/changes';
import { canonicalJson } from '../audit/canonical';
import type { Conflict } from '../../../shared/team';
import { checkFieldValue, readField, recordsOf, writeField } from './fields';
import { settleConflicts } from './settle';
import type { WriteEntity } from './writes';

type ConflictRow = {
  id: string; entity: WriteEntity; entity_id: string; field: string; candidates_json: string; detected_at: string;
  detected_by: string; resolved_at: string | null; resolved_by: string | null; resolution_json: string | null;
};

const ACTION_FOR: Record<WriteEntity, TeamAction> = {
  control: 'control.answer',
  action_item: 'action.manage',
  project: 'project.edit',
  member: 'members.manage',
  evidence: 'evidence.attach',
};

function toConflict(ctx: CoreContext, projectId: string, r: ConflictRow): Conflict {
  return {
    id: r.id, entity: r.entity, entityId: r.entity_id, field: r.field,
    currentValue: readField(ctx, projectId, r.entity, r.entity_id, r.field),
    candidates: JSON.parse(r.candidates_json) as Conflict['candidates'],
    detectedAt: r.detected_at, detectedBy: r.detected_by, resolvedAt: r.resolved_at, resolvedBy: r.resolved_by,
    resolution: r.resolution_json === null ? null : (JSON.parse(r.resolution_json) as unknown),
  };
}

export function listConflicts(ctx: CoreContext, projectId: string, options: { includeResolved?: boolean } = {}): Conflict[] {
  getProject(ctx, projectId);
  const rows = ctx.db
    .prepare('SELECT * FROM merge_conflicts WHERE project_id = ? AND (? = 1 OR resolved_at IS NULL) ORDER BY detected_at, entity, entity_id, field, id')
    .all(projectId, options.includeResolved ? 1 : 0) as ConflictRow[];
  return rows.map((r) => toConflict(ctx, projectId, r));
}

export function resolveConflict(ctx: CoreContext, projectId: string, conflictId: string, value: unknown): Conflict {
  const row = ctx.db.prepare('SELECT * FROM merge_conflicts WHERE project_id = ? AND id = ?').get(projectId, conflictId) as ConflictRow | undefined;
  if (!row) throw notFound('merge conflict in this project', conflictId, 'List them with listConflicts.');
  requireRole(ctx, projectId, ACTION_FOR[row.entity]);
  const problem = checkFieldValue(row.entity, row.field, value, recordsOf(ctx));
  if (problem) throw invalidInput(`Cannot resolve the conflict: ${problem}. Nothing was changed.`);
  return inTransaction(ctx.db, () => {
    const fresh = ctx.db.prepare('SELECT resolved_at, resolved_by FROM merge_conflicts WHERE project_id = ? AND id = ?').get(projectId, conflictId) as { resolved_at: string | null; resolved_by: string | null };
    if (fresh.resolved_at) throw new WorkbenchError('CONFLICT', `This conflict was already resolved by ${fresh.resolved_by} at ${fresh.resolved_at}. Nothing was changed.`);
    const at = ctx.now().toISOString();
    const current = readField(ctx, projectId, row.entity, row.entity_id, row.field);
    if (canonicalJson(current) !== canonicalJson(value)) writeField(ctx, projectId, row.entity, row.entity_id, row.field, value, { actor: ctx.actor(), at });
    appendChange(ctx, {
      projectId, at, entity: row.entity, entityId: row.entity_id, action: 'conflict.resolve',
      before: { [row.field]: current }, after: { conflictId, field: row.field, value },
    });
    settleConflicts(ctx, projectId, row.entity, row.entity_id, { [row.field]: value }, at);
    return toConflict(ctx, projectId, ctx.db.prepare('SELECT * FROM merge_conflicts WHERE project_id = ? AND id = ?').get(projectId, conflictId) as ConflictRow);
  });
}
