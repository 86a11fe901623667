// A project's assessment rows follow its scope: a control in scope has a live row, one that left
// scope is archived (its answer kept), one that came back is restored. Below the write path, so
// the write path (audit/changes.ts, bundle/fields.ts) and projects.ts can both use it.
import type { CoreContext } from '../context';
import { isBuiltinFramework, orderFrameworks, type FrameworkRef } from '../../../shared/domain';
import { invalidInput } from '../errors';
import { controlsInScope } from './scope';

/**
 * Stores the frameworks a project has in scope (each must be in the catalog: a built-in one or an
 * imported one, whose current version the project then follows) and brings its rows in line.
 * Returns the frameworks in their one order and the scope change.
 */
export function setProjectFrameworks(ctx: CoreContext, projectId: string, requested: readonly string[]): { frameworks: FrameworkRef[]; scopeChange: ReturnType<typeof syncScope> } {
  const frameworks = orderFrameworks(requested);
  const known = new Map(ctx.catalog.frameworks.map((f) => [f.id, f]));
  const unknown = frameworks.filter((f) => !known.has(f));
  if (unknown.length > 0) {
    throw invalidInput(`"${unknown[0]}" is not a framework of this workbench: use hipaa, gdpr, pci or an imported framework's id (\`cwb framework list\`). Nothing was changed.`);
  }
  ctx.db.prepare('DELETE FROM project_frameworks WHERE project_id = ?').run(projectId);
  const add = ctx.db.prepare('INSERT INTO project_frameworks (project_id, framework_id, framework_version) VALUES (?, ?, ?)');
  for (const f of frameworks) add.run(projectId, f, isBuiltinFramework(f) ? null : (known.get(f)?.version ?? null));
  return { frameworks, scopeChange: syncScope(ctx, projectId, frameworks) };
}

/** Brings the project's assessment rows in line with its scope and the current catalog. */
export function syncScope(ctx: CoreContext, projectId: string, frameworks: readonly FrameworkRef[]): { added: string[]; archived: string[]; restored: string[] } {
  const wanted = new Set(controlsInScope(ctx.catalog, frameworks).map((c) => c.id));
  const rows = ctx.db
    .prepare('SELECT control_id, archived_at FROM control_assessments WHERE project_id = ?')
    .all(projectId) as Array<{ control_id: string; archived_at: string | null }>;
  const have = new Map(rows.map((r) => [r.control_id, r.archived_at]));
  const at = ctx.now().toISOString();
  const added: string[] = [];
  const archived: string[] = [];
  const restored: string[] = [];
  const insert = ctx.db.prepare('INSERT INTO control_assessments (project_id, control_id) VALUES (?, ?)');
  const setArchived = ctx.db.prepare('UPDATE control_assessments SET archived_at = ? WHERE project_id = ? AND control_id = ?');
  for (const id of wanted) {
    if (!have.has(id)) {
      insert.run(projectId, id);
      added.push(id);
    } else if (have.get(id) !== null) {
      setArchived.run(null, projectId, id);
      restored.push(id);
    }
  }
  for (const [id, archivedAt] of have) {
    if (!wanted.has(id) && archivedAt === null) {
      setArchived.run(at, projectId, id);
      archived.push(id);
    }
  }
  return { added, archived, restored };
}
