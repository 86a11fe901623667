// Which audit session runs on a project. The context is per process, so the running session is
// looked up per project; the write path (audit/changes.ts) ties every change to it.
import type { Db } from '../store/database';

/** The running session of a project (the latest started, should a merge have brought two). */
export function activeSessionId(db: Db, projectId: string): string | null {
  const id = db
    .prepare('SELECT id FROM audit_sessions WHERE project_id = ? AND ended_at IS NULL ORDER BY started_at DESC, id LIMIT 1')
    .pluck()
    .get(projectId) as string | undefined;
  return id ?? null;
}
