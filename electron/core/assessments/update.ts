// Answering a control: status, owner, note, due date. One transaction, and one audit event per
// control that actually changed, recording only the fields that moved (the write path,
// audit/changes.ts). The fields and their schemas are the registry's (shared/records.ts).
import type { CoreContext } from '../context';
import { inTransaction } from '../store/database';
import { applyChange, applyChanges } from '../audit/changes';
import { invalidInput, notFound } from '../errors';
import type { ChecklistRow } from '../../../shared/domain';
import { ControlPatch } from '../../../shared/records';
import { getProject } from '../projects/projects';
import { checklistRows } from './checklist';
import { requireRole } from '../members/permissions';

export { ControlPatch } from '../../../shared/records';

const outOfScope = (controlId: string) =>
  notFound('control in this project', controlId, 'It is not in the scope of the project’s frameworks; list them with `cwb control list`.');

function applyPatch(ctx: CoreContext, projectId: string, controlId: string, patch: ControlPatch): boolean {
  const archived = ctx.db
    .prepare('SELECT archived_at FROM control_assessments WHERE project_id = ? AND control_id = ?')
    .pluck()
    .get(projectId, controlId) as string | null | undefined;
  if (archived !== null) throw outOfScope(controlId);
  return applyChange(ctx, { projectId, record: 'control', id: controlId, patch, action: 'control.update' }).changed;
}

export function updateControl(ctx: CoreContext, projectId: string, controlId: string, patch: ControlPatch): ChecklistRow {
  requireRole(ctx, projectId, 'control.answer');
  const parsed = ControlPatch.parse(patch);
  return inTransaction(ctx.db, () => {
    getProject(ctx, projectId);
    applyPatch(ctx, projectId, controlId, parsed);
    const row = checklistRows(ctx, projectId, controlId)[0];
    if (!row) throw notFound('control in this project', controlId);
    return row;
  });
}

/** Sets status and/or owner on many controls at once: all of them or none. */
export function bulkUpdateControls(
  ctx: CoreContext,
  projectId: string,
  controlIds: string[],
  patch: Pick<ControlPatch, 'status' | 'owner'>,
): { changed: number } {
  requireRole(ctx, projectId, 'control.answer');
  const parsed = ControlPatch.pick({ status: true, owner: true }).parse(patch);
  if (parsed.status === undefined && parsed.owner === undefined) throw invalidInput('Choose a status or an owner to apply.');
  if (controlIds.length === 0) throw invalidInput('Select at least one control.');
  return inTransaction(ctx.db, () => {
    getProject(ctx, projectId);
    const ids = [...new Set(controlIds)];
    // which of them are in scope, in one read; the first that is not refuses the whole batch
    const archived = new Map(
      (ctx.db
        .prepare('SELECT control_id, archived_at FROM control_assessments WHERE project_id = ? AND control_id IN (SELECT value FROM json_each(?))')
        .all(projectId, JSON.stringify(ids)) as Array<{ control_id: string; archived_at: string | null }>)
        .map((r) => [r.control_id, r.archived_at]),
    );
    const refused = ids.find((id) => archived.get(id) !== null);
    if (refused !== undefined) throw outOfScope(refused);
    const applied = applyChanges(ctx, ids.map((id) => ({ projectId, record: 'control', id, patch: parsed, action: 'control.update' })));
    return { changed: applied.filter((a) => a.changed).length };
  });
}
