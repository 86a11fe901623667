// Where the guided walkthrough was left, so a person resumes at the same control.
import type { CoreContext } from '../context';
import { notFound } from '../errors';

export function setWalkthroughPosition(ctx: CoreContext, projectId: string, controlId: string): { controlId: string } {
  const row = ctx.db
    .prepare('SELECT 1 FROM control_assessments WHERE project_id = ? AND control_id = ? AND archived_at IS NULL')
    .get(projectId, controlId);
  if (!row) throw notFound('control in this project', controlId);
  ctx.db.prepare('UPDATE projects SET walkthrough_at = ? WHERE id = ?').run(controlId, projectId);
  return { controlId };
}

