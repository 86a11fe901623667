// A project's state as two copies must agree on it after merging: answers, evidence, members,
// action items, sessions, reviews, baselines and conflicts; times of the merge itself aside.
import type { CoreContext } from '../../../electron/core/context';

export type ProjectState = ReturnType<typeof projectState>;

export function projectState(ctx: CoreContext, projectId: string) {
  const all = <T>(sql: string) => ctx.db.prepare(sql).all(projectId) as T[];
  const project = ctx.db.prepare('SELECT name, description, archived_at FROM projects WHERE id = ?').get(projectId);
  return {
    project,
    frameworks: all<{ framework_id: string }>('SELECT framework_id FROM project_frameworks WHERE project_id = ? ORDER BY framework_id').map((r) => r.framework_id),
    controls: all<Record<string, unknown>>('SELECT control_id, status, owner, note, due_date, archived_at IS NOT NULL AS archived FROM control_assessments WHERE project_id = ? ORDER BY control_id'),
    evidence: all<Record<string, unknown>>('SELECT id, control_id, kind, sha256, removed_at FROM evidence WHERE project_id = ? ORDER BY id'),
    members: all<Record<string, unknown>>('SELECT member_key, name, role FROM project_members WHERE project_id = ? ORDER BY member_key'),
    actionItems: all<Record<string, unknown>>('SELECT id, control_id, text, owner, due_date, status FROM action_items WHERE project_id = ? ORDER BY id'),
    sessions: all<Record<string, unknown>>('SELECT id, title, ended_at FROM audit_sessions WHERE project_id = ? ORDER BY id'),
    reviews: all<Record<string, unknown>>('SELECT id, control_id, decision FROM reviews WHERE project_id = ? ORDER BY id'),
    baselines: all<Record<string, unknown>>('SELECT id, snapshot_sha256 FROM baselines WHERE project_id = ? ORDER BY id'),
    openConflicts: all<Record<string, unknown>>('SELECT id, entity, entity_id, field, candidates_json FROM merge_conflicts WHERE project_id = ? AND resolved_at IS NULL ORDER BY id'),
  };
}

const COLUMN: Record<string, string> = { status: 'status', owner: 'owner', note: 'note', dueDate: 'due_date', text: 'text' };

/** The state with every field under an open conflict blanked: each copy shows its own value there until someone decides. */
export function withoutConflictedValues(s: ProjectState): ProjectState {
  const conflicted = new Set(s.openConflicts.map((c) => `${c.entity}/${c.entity_id}/${c.field}`));
  const blank = (entity: string, idKey: string) => (row: Record<string, unknown>) => {
    const out = { ...row };
    for (const [field, column] of Object.entries(COLUMN)) if (conflicted.has(`${entity}/${String(row[idKey])}/${field}`)) out[column] = '<conflict>';
    return out;
  };
  return { ...s, controls: s.controls.map(blank('control', 'control_id')), actionItems: s.actionItems.map(blank('action_item', 'id')) };
}
