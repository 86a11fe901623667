// Action items: who does what by when, on a control, often agreed during an audit session (and
// then tied to it). Each change is an audit event of its own.
import { randomBytes } from 'node:crypto';
import { readOne } from '../store/access';
import type { ReadContext } from '../store/access';
import type { z } from 'zod';
import type { CoreContext } from '../context';
import { inTransaction } from '../store/database';
import { notFound } from '../errors';
import { requireRole } from '../members/permissions';
import { appendChange, applyChange, sessionFor } from '../audit/changes';
import { ActionItemInput, type ActionItem } from '../../../shared/team';
import { ActionItemPatch } from '../../../shared/records';

type ItemRow = {
  id: string; project_id: string; control_id: string; session_id: string | null; text: string; owner: string;
  due_date: string | null; status: 'open' | 'done'; created_at: string; created_by: string;
};

function toItem(r: ItemRow): ActionItem {
  return {
    id: r.id, projectId: r.project_id, controlId: r.control_id, sessionId: r.session_id, text: r.text, owner: r.owner,
    dueDate: r.due_date, status: r.status, createdAt: r.created_at, createdBy: r.created_by,
  };
}

function getItem(ctx: CoreContext, projectId: string, id: string): ActionItem {
  const row = readOne<ItemRow>(ctx.db, 'SELECT * FROM action_items WHERE project_id = ? AND id = ?', projectId, id);
  if (!row) throw notFound('action item in this project', id);
  return toItem(row);
}

export function listActionItems(ctx: ReadContext, projectId: string, filter: { controlId?: string; sessionId?: string; status?: 'open' | 'done' } = {}): ActionItem[] {
  const rows = ctx.db
    .prepare(
      `SELECT * FROM action_items WHERE project_id = ? AND (? IS NULL OR control_id = ?) AND (? IS NULL OR session_id = ?) AND (? IS NULL OR status = ?)
       ORDER BY status, coalesce(due_date, '9999-12-31'), created_at, id`,
    )
    .all(projectId, filter.controlId ?? null, filter.controlId ?? null, filter.sessionId ?? null, filter.sessionId ?? null, filter.status ?? null, filter.status ?? null) as ItemRow[];
  return rows.map(toItem);
}

export function addActionItem(ctx: CoreContext, projectId: string, input: z.input<typeof ActionItemInput>): ActionItem {
  requireRole(ctx, projectId, 'action.manage');
  const parsed = ActionItemInput.parse(input);
  return inTransaction(ctx.db, () => {
    const control = ctx.db
      .prepare('SELECT 1 FROM control_assessments WHERE project_id = ? AND control_id = ? AND archived_at IS NULL')
      .get(projectId, parsed.controlId);
    if (!control) throw notFound('control in this project', parsed.controlId);
    const id = `act-${randomBytes(6).toString('hex')}`;
    const at = ctx.now().toISOString();
    const sessionId = sessionFor(ctx, projectId);
    ctx.db
      .prepare('INSERT INTO action_items (id, project_id, control_id, session_id, text, owner, due_date, status, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, projectId, parsed.controlId, sessionId, parsed.text, parsed.owner, parsed.dueDate, 'open', at, ctx.actor());
    appendChange(ctx, {
      projectId, at, sessionId, entity: 'action_item', entityId: id, action: 'action_item.add', before: null,
      after: { controlId: parsed.controlId, text: parsed.text, owner: parsed.owner, dueDate: parsed.dueDate, status: 'open' },
    });
    return getItem(ctx, projectId, id);
  });
}

export function updateActionItem(ctx: CoreContext, projectId: string, itemId: string, patch: z.input<typeof ActionItemPatch>): ActionItem {
  requireRole(ctx, projectId, 'action.manage');
  const parsed = ActionItemPatch.parse(patch);
  return inTransaction(ctx.db, () => {
    getItem(ctx, projectId, itemId);
    applyChange(ctx, { projectId, record: 'action_item', id: itemId, patch: parsed, action: 'action_item.update' });
    return getItem(ctx, projectId, itemId);
  });
}
