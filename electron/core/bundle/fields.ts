// The fields a merge (or a conflict resolution) may set, each with its schema and the statement
// that stores it. Column names come from this fixed table, never from a bundle.
import { z } from 'zod';
import type { CoreContext } from '../context';
import { ControlStatus, FrameworkId, FRAMEWORK_IDS, IsoDate, type FrameworkId as Fw } from '../../../shared/domain';
import { Role } from '../../../shared/team';
import { syncScope } from '../projects/projects';
import { controlsInScope } from '../projects/scope';
import type { WriteEntity } from './writes';
import { ident } from '../store/sql';

export const FIELD_SCHEMAS: Record<WriteEntity, Record<string, z.ZodType>> = {
  control: {
    status: ControlStatus,
    owner: z.string().max(200),
    note: z.string().max(20_000),
    dueDate: IsoDate.nullable(),
  },
  project: {
    name: z.string().trim().min(1).max(200),
    description: z.string().max(5000),
    frameworks: z.array(FrameworkId).min(1),
    archivedAt: z.string().max(40).nullable(),
  },
  member: { role: Role.nullable() },
  action_item: {
    text: z.string().trim().min(1).max(2000),
    owner: z.string().max(200),
    dueDate: IsoDate.nullable(),
    status: z.enum(['open', 'done']),
  },
};

export function checkFieldValue(entity: WriteEntity, field: string, value: unknown): string | null {
  const schema = FIELD_SCHEMAS[entity][field];
  if (!schema) return `${entity} has no field "${field}"`;
  const r = schema.safeParse(value);
  return r.success ? null : `${entity} ${field} has an invalid value`;
}

const CONTROL_COLUMNS: Record<string, string> = { status: 'status', owner: 'owner', note: 'note', dueDate: 'due_date' };
const ITEM_COLUMNS: Record<string, string> = { text: 'text', owner: 'owner', dueDate: 'due_date', status: 'status' };

/** Makes sure a control has its assessment row; one outside the project's scope is kept archived. */
export function ensureControlRow(ctx: CoreContext, projectId: string, controlId: string): void {
  const exists = ctx.db.prepare('SELECT 1 FROM control_assessments WHERE project_id = ? AND control_id = ?').get(projectId, controlId);
  if (exists) return;
  const frameworks = ctx.db.prepare('SELECT framework_id FROM project_frameworks WHERE project_id = ?').pluck().all(projectId) as Fw[];
  const inScope = controlsInScope(ctx.catalog, frameworks).some((c) => c.id === controlId);
  ctx.db
    .prepare('INSERT INTO control_assessments (project_id, control_id, archived_at) VALUES (?, ?, ?)')
    .run(projectId, controlId, inScope ? null : ctx.now().toISOString());
}

/** The value a field has in this copy now. */
export function readField(ctx: CoreContext, projectId: string, entity: WriteEntity, entityId: string, field: string): unknown {
  const db = ctx.db;
  if (entity === 'control') {
    const row = db.prepare('SELECT status, owner, note, due_date FROM control_assessments WHERE project_id = ? AND control_id = ?').get(projectId, entityId) as Record<string, unknown> | undefined;
    return row?.[CONTROL_COLUMNS[field] ?? ''] ?? null;
  }
  if (entity === 'action_item') {
    const row = db.prepare('SELECT text, owner, due_date, status FROM action_items WHERE project_id = ? AND id = ?').get(projectId, entityId) as Record<string, unknown> | undefined;
    return row?.[ITEM_COLUMNS[field] ?? ''] ?? null;
  }
  if (entity === 'member') {
    return db.prepare('SELECT role FROM project_members WHERE project_id = ? AND member_key = ?').pluck().get(projectId, entityId) ?? null;
  }
  if (field === 'frameworks') {
    const set = new Set(db.prepare('SELECT framework_id FROM project_frameworks WHERE project_id = ?').pluck().all(projectId) as string[]);
    return FRAMEWORK_IDS.filter((f) => set.has(f));
  }
  const row = db.prepare('SELECT name, description, archived_at FROM projects WHERE id = ?').get(projectId) as Record<string, unknown> | undefined;
  return row?.[field === 'archivedAt' ? 'archived_at' : field] ?? null;
}

/** Stores a field's value; `by` is the write it comes from (who, when). */
export function writeField(ctx: CoreContext, projectId: string, entity: WriteEntity, entityId: string, field: string, value: unknown, by: { actor: string; at: string }): void {
  const db = ctx.db;
  if (entity === 'control') {
    ensureControlRow(ctx, projectId, entityId);
    db.prepare(`UPDATE control_assessments SET ${ident(CONTROL_COLUMNS[field])} = ?, updated_at = ?, updated_by = ? WHERE project_id = ? AND control_id = ?`)
      .run(value as string | null, by.at, by.actor, projectId, entityId);
  } else if (entity === 'action_item') {
    db.prepare(`UPDATE action_items SET ${ident(ITEM_COLUMNS[field])} = ? WHERE project_id = ? AND id = ?`).run(value as string | null, projectId, entityId);
  } else if (entity === 'member') {
    db.prepare('UPDATE project_members SET role = ? WHERE project_id = ? AND member_key = ?').run(value as string | null, projectId, entityId);
  } else if (field === 'frameworks') {
    const frameworks = FRAMEWORK_IDS.filter((f) => (value as string[]).includes(f));
    db.prepare('DELETE FROM project_frameworks WHERE project_id = ?').run(projectId);
    const add = db.prepare('INSERT INTO project_frameworks (project_id, framework_id) VALUES (?, ?)');
    for (const f of frameworks) add.run(projectId, f);
    syncScope(ctx, projectId, frameworks);
  } else {
    const column = { name: 'name', description: 'description', archivedAt: 'archived_at' }[field];
    db.prepare(`UPDATE projects SET ${ident(column)} = ? WHERE id = ?`).run(value as string | null, projectId);
  }
}
