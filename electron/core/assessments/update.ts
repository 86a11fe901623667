// Answering a control: status, owner, note, due date. One transaction, and one audit event per
// control that actually changed, recording only the fields that moved.
import { z } from 'zod';
import type { CoreContext } from '../context';
import { inTransaction } from '../store/database';
import { appendAuditEvent } from '../audit/chain';
import { invalidInput, notFound } from '../errors';
import { ControlStatus, IsoDate } from '../../../shared/domain';
import type { ChecklistRow } from '../../../shared/domain';
import { getProject } from '../projects/projects';
import { checklistRows } from './checklist';
import { requireRole } from '../members/permissions';
import { sessionFor } from '../sessions/active';
import { settleConflicts } from '../bundle/settle';

export const ControlPatch = z
  .object({
    status: ControlStatus.optional(),
    owner: z.string().trim().max(200, 'an owner name has at most 200 characters').optional(),
    note: z.string().max(20_000, 'a note has at most 20,000 characters').optional(),
    dueDate: IsoDate.nullable().optional(),
  })
  .strict();
export type ControlPatch = z.infer<typeof ControlPatch>;

type Stored = { status: string; owner: string; note: string; due_date: string | null; archived_at: string | null };

const FIELD_COLUMNS = { status: 'status', owner: 'owner', note: 'note', dueDate: 'due_date' } as const;

function applyPatch(ctx: CoreContext, projectId: string, controlId: string, patch: ControlPatch): boolean {
  const stored = ctx.db
    .prepare('SELECT status, owner, note, due_date, archived_at FROM control_assessments WHERE project_id = ? AND control_id = ?')
    .get(projectId, controlId) as Stored | undefined;
  if (!stored || stored.archived_at !== null) {
    throw notFound('control in this project', controlId, 'It is not in the scope of the project’s frameworks; list them with `cwb control list`.');
  }
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(FIELD_COLUMNS) as Array<[keyof ControlPatch, keyof Stored]>) {
    const next = patch[field];
    if (next === undefined || next === stored[column]) continue;
    before[field] = stored[column];
    after[field] = next;
  }
  if (Object.keys(after).length === 0) return false;
  const at = ctx.now().toISOString();
  const actor = ctx.actor();
  ctx.db
    .prepare(
      `UPDATE control_assessments
         SET status = coalesce(?, status), owner = coalesce(?, owner), note = coalesce(?, note),
             due_date = CASE WHEN ? = 1 THEN ? ELSE due_date END, updated_at = ?, updated_by = ?
       WHERE project_id = ? AND control_id = ?`,
    )
    .run(
      patch.status ?? null, patch.owner ?? null, patch.note ?? null,
      'dueDate' in after ? 1 : 0, patch.dueDate ?? null, at, actor, projectId, controlId,
    );
  ctx.db.prepare('UPDATE projects SET updated_at = ? WHERE id = ?').run(at, projectId);
  appendAuditEvent(ctx.db, {
    projectId, at, actor, sessionId: sessionFor(ctx, projectId),
    entity: 'control', entityId: controlId, action: 'control.update', before, after,
  });
  settleConflicts(ctx, projectId, 'control', controlId, after, at);
  return true;
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
    let changed = 0;
    for (const id of new Set(controlIds)) if (applyPatch(ctx, projectId, id, parsed)) changed++;
    return { changed };
  });
}
